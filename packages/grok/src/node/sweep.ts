import { spawn } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GrokConfigInput } from "../config.js";
import { GrokError } from "../errors.js";
import { type SummaryFile, trainToDirectory, writeAtomic } from "./run-directory.js";

/** A grid: each key maps to the values to sweep (cartesian product). Dotted keys reach nested fields. */
export type SweepGrid = Record<string, readonly (number | string | boolean)[]>;

/** One finished job of a sweep. */
export interface SweepJob {
  index: number;
  /** The config overrides of this grid point, e.g. { seed: 1, "optimizer.lr": 0.003 }. */
  point: Record<string, number | string | boolean>;
  dir: string;
  summary: SummaryFile | null;
  error?: string;
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** Parallel jobs (default: the number of cores). */
  jobs?: number;
  /** "process": each job in its own child process (default); "inline": sequentially in this one. */
  runner?: "process" | "inline";
  onJobDone?: (job: SweepJob) => void;
}

/** Every grid point, in a stable order (last key varies fastest). */
export function gridPoints(grid: SweepGrid): Record<string, number | string | boolean>[] {
  let points: Record<string, number | string | boolean>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    if (values.length === 0) throw new GrokError("INVALID_CONFIG", `sweep key "${key}" has no values`);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return points;
}

/** Apply dotted-key overrides ("optimizer.lr", "model.width") to a config input. */
export function applyPoint(
  base: GrokConfigInput,
  point: Record<string, number | string | boolean>,
): GrokConfigInput {
  const out = structuredClone(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(point)) {
    const parts = key.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node[part] = { ...((node[part] as Record<string, unknown> | undefined) ?? {}) };
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return out as GrokConfigInput;
}

function cliCommand(): { command: string; args: string[] } {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    // running from sources (tests, development): execute the TypeScript CLI through tsx
    const cli = fileURLToPath(new URL("../cli.ts", here));
    return { command: process.execPath, args: ["--import", "tsx", "--conditions", "@emerge/source", cli] };
  }
  const cli = fileURLToPath(new URL(here.includes("/node/") ? "../cli.js" : "./cli.js", here));
  return { command: process.execPath, args: [cli] };
}

function runChild(config: GrokConfigInput, dir: string): Promise<void> {
  const { command, args } = cliCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(
      command,
      [...args, "train", "--config-json", JSON.stringify(config), "--out", dir, "--quiet", "--threads", "1"],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let err = "";
    child.stderr.on("data", (d) => {
      err += String(d);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`job exited with ${code}: ${err.slice(-500)}`)),
    );
  });
}

/**
 * Run a grid of configs (e.g. seeds × learning rates), each job a pure function of its config,
 * in parallel on the local cores; writes `dir/job-<i>/…` run directories and `dir/sweep.jsonl`.
 *
 * @example
 * ```ts
 * import { sweep } from "@emerge/grok/node";
 * await sweep({ p: 31, steps: 2000 }, { seed: [0, 1, 2], "optimizer.lr": [1e-3, 3e-3] }, "runs/sweep");
 * ```
 */
export async function sweep(
  base: GrokConfigInput,
  grid: SweepGrid,
  dir: string,
  options: SweepOptions = {},
): Promise<SweepJob[]> {
  const points = gridPoints(grid);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), points.length));
  await mkdir(dir, { recursive: true });
  const results: SweepJob[] = new Array(points.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= points.length) return;
      const point = points[index] as Record<string, number | string | boolean>;
      const jobDir = join(dir, `job-${index}`);
      const config = applyPoint(base, point);
      const job: SweepJob = { index, point, dir: jobDir, summary: null };
      try {
        if (options.runner === "inline") await trainToDirectory(config, jobDir, { resume: true });
        else await runChild(config, jobDir);
        job.summary = JSON.parse(await readFile(join(jobDir, "summary.json"), "utf8")) as SummaryFile;
      } catch (e) {
        job.error = e instanceof Error ? e.message : String(e);
      }
      results[index] = job;
      options.onJobDone?.(job);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  await writeAtomic(join(dir, "sweep.jsonl"), results.map((r) => `${JSON.stringify(r)}\n`).join(""));
  return results;
}
