import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const SOURCE = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));
const CACHE = fileURLToPath(new URL("../../node_modules/.cache/emerge-sweep-test/", import.meta.url));
export const FIXTURE_JOB = fileURLToPath(new URL("../fixtures/hash-job.mjs", import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * The CLI bundled from source once per test file (esbuild, @emerge/* from their sources): starting a
 * bundle takes a fraction of what a TypeScript loader takes, and the fault tests start many processes.
 * It lives under this package's node_modules so that bullmq and ioredis resolve as installed.
 */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(CACHE, { recursive: true });
    const outdir = `${CACHE}${process.pid}`;
    await build({
      entryPoints: { cli: SOURCE },
      outdir,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      conditions: ["@emerge/source"],
      external: ["bullmq", "ioredis", "commander", "csv-stringify"],
      logLevel: "error",
    });
    return `${outdir}/cli.mjs`;
  })();
  return bundled;
}

export interface CliProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  output(): string;
}

/** Start the CLI. */
export async function spawnCli(args: string[], env: Record<string, string> = {}): Promise<CliProcess> {
  const child = spawn(process.execPath, [await cliBundle(), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited, output: () => stdout + stderr };
}

/** Run the CLI in this process (same code as the bin, without a process start), capturing its output. */
export async function mainInProcess(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import("../../src/cli/main.js");
  let stdout = "";
  let stderr = "";
  const code = await main(args, { log: (l) => (stdout += `${l}\n`), error: (l) => (stderr += `${l}\n`) });
  return { code, stdout, stderr };
}

/** Run the CLI to completion. */
export async function runCli(args: string[], env: Record<string, string> = {}) {
  return (await spawnCli(args, env)).exited;
}
