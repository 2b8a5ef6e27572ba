import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import type { ResolvedConfig } from "../config.js";
import type { RunSummary } from "../training/types.js";
import { version } from "../version.js";

/**
 * The files of a run directory. Every JSON key is camelCase; the schema is documented in the README
 * ("Run directory").
 *
 * @example
 * ```ts
 * const summary = JSON.parse(readFileSync(join("runs/demo", runFiles.summary), "utf8"));
 * ```
 */
export const runFiles = {
  config: "config.json",
  metrics: "metrics.jsonl",
  summary: "summary.json",
  checkpoints: "checkpoints",
} as const;

/** `config.json`: what was trained, with what, where. */
export interface ConfigFile {
  /** Version of this file's layout. */
  formatVersion: 1;
  /** The resolved config (`stopAfterGeneralization: null` = run all steps). */
  config: ResolvedConfig;
  /** Backend description, e.g. "cpu (wasm-simd, 2 threads)" or "gpu (emulated: gpu.js cpu mode)". */
  backend: string;
  /** Versions of the packages that trained the run, and of Node. */
  versions: {
    "@emerge/grok": string;
    "@emerge/random": string | null;
    "@emerge/tasks": string | null;
    node: string;
  };
  /** `git rev-parse HEAD` of the working directory, or null outside a git checkout. */
  gitCommit: string | null;
}

/** `summary.json`: the run summary exactly as `train()` returns it, plus the file's layout version. */
export type SummaryFile = RunSummary & { formatVersion: 1 };

function packageVersion(name: string): string | null {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  try {
    const out = execFileSync("git", ["rev-parse", "HEAD"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}

/** Build the `config.json` record of a run. */
export function configFile(config: ResolvedConfig, backend: string): ConfigFile {
  return {
    formatVersion: 1,
    config,
    backend,
    versions: {
      "@emerge/grok": version,
      "@emerge/random": packageVersion("@emerge/random"),
      "@emerge/tasks": packageVersion("@emerge/tasks"),
      node: process.versions.node,
    },
    gitCommit: gitCommit(),
  };
}

/**
 * Build the `summary.json` record of a run.
 *
 * @example
 * ```ts
 * const record = summaryFile((await train({ p: 31 })).summary); // { formatVersion: 1, memorizationStep, … }
 * ```
 */
export function summaryFile(summary: RunSummary): SummaryFile {
  return { formatVersion: 1, ...summary };
}
