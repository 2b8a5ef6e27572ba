#!/usr/bin/env node
/**
 * `emerge-grok`: train from the terminal.
 *
 *   emerge-grok train --op add --p 97 --frac 0.3 --seed 0 --out runs/demo [--resume | --force]
 *
 * Sweeps are `@emerge/sweep`'s job (`emerge-sweep` with its grok job).
 */
import { cpuBackend } from "./backends/cpu/cpu-backend.js";
import { main } from "./cli/main.js";
import { GrokError } from "./errors.js";
import { trainToDirectory } from "./node/run-directory.js";

// The consumer closed the pipe (`emerge-grok … | head -1`): nothing is wrong, stop quietly. Any other
// write error on stdout (ENOSPC on /dev/full, EIO) is one line on stderr and exit status 1.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  try {
    process.stderr.write(`emerge-grok: WRITE_FAILED: cannot write to stdout: ${e.code ?? e.message}\n`);
  } finally {
    process.exit(1);
  }
});
process.stderr.on("error", () => process.exit(process.exitCode ?? 1));

const controller = new AbortController();
process.once("SIGINT", () => controller.abort("SIGINT"));
// a scheduler's stop (kill, systemd, a sweep pool) saves a checkpoint the same way as Ctrl-C
process.once("SIGTERM", () => controller.abort("SIGTERM"));

const status = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  trainToDirectory,
  signal: controller.signal,
  openBackend: async (name, threads) => {
    if (name === "cpu") return cpuBackend(threads === undefined ? {} : { threads });
    if (name === "gpu") {
      const gpu = await import("./backends/gpu/index.js").catch((e: unknown) => {
        throw new GrokError(
          "UNKNOWN_BACKEND",
          `the gpu backend needs the optional peer dependency gpu.js (npm install gpu.js): ${(e as Error).message}`,
        );
      });
      return gpu.createGpuBackend();
    }
    throw new GrokError("UNKNOWN_BACKEND", `unknown backend "${name}" (cpu | gpu)`);
  },
});
process.exitCode = status;
