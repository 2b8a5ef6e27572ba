import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type ErrorInfo, SweepError } from "../errors.js";
import type { JsonValue } from "../spec/canonical-json.js";
import type { SweepJob } from "../spec/expand-sweep.js";
import type { JobFunction, JobModule, JobProgress, JobSource } from "./job-function.js";
import { JOB_HOST_SOURCE } from "./job-host-source.js";

/** Everything a runner needs to run one job besides the job itself. */
export interface RunContext {
  checkpointDir: string;
  attempt: number;
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
}

/**
 * The seam between "which job runs" (local pool, BullMQ worker, `--index`) and "where its code runs":
 * in this process, or in a pool of child processes.
 */
export interface JobRunner {
  /** Run one job; rejects with the job's own error, or {@link SweepError} `WORKER_CRASHED` / `ABORTED`. */
  run(job: SweepJob, context: RunContext): Promise<JsonValue>;
  /** Stop child processes, if any. */
  close(): Promise<void>;
}

/**
 * A runner for a {@link JobSource}: a function runs in this process (fine for async or light work), a
 * {@link JobModule} runs in a pool of `size` child processes (CPU-bound work on every core, and a crash
 * or `process.exit` in a job cannot take the runner down).
 *
 * @example
 * ```ts
 * const runner = jobRunner({ module: "./my-job.mjs" }, 2);
 * const result = await runner.run(jobs[0], { checkpointDir: "work/" + jobs[0].id, attempt: 1 });
 * await runner.close();
 * ```
 */
export function jobRunner(source: JobSource, size: number): JobRunner {
  return typeof source === "function" ? inProcessRunner(source) : processPoolRunner(source, size);
}

/** Run a job function in this process. */
export function inProcessRunner(fn: JobFunction): JobRunner {
  return {
    async run(job, { checkpointDir, attempt, signal, onProgress }) {
      const result = await fn(job.config, {
        id: job.id,
        checkpointDir,
        attempt,
        signal: signal ?? new AbortController().signal,
        onProgress: (p) => onProgress?.(p),
      });
      return result === undefined ? null : result;
    },
    async close() {},
  };
}

interface HostMessage {
  type: "ready" | "progress" | "done" | "error";
  runId?: number;
  progress?: JobProgress;
  result?: JsonValue;
  error?: ErrorInfo;
}

interface Slot {
  child: ChildProcess | undefined;
  busy: boolean;
}

/** Run a job module in a pool of child processes, one job per child at a time. */
export function processPoolRunner(source: JobModule, size: number): JobRunner {
  if (!Number.isInteger(size) || size < 1) {
    throw new SweepError("INVALID_OPTION", `pool size must be an integer ≥ 1, got ${size}`);
  }
  const specifier = resolveModule(source.module);
  const slots: Slot[] = Array.from({ length: size }, () => ({ child: undefined, busy: false }));
  const waiting: ((slot: Slot) => void)[] = [];
  let nextRunId = 1;
  let closed = false;

  const acquire = (): Promise<Slot> => {
    const free = slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((r) => waiting.push(r));
  };
  const release = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  };
  const childFor = (slot: Slot): ChildProcess => {
    if (slot.child && slot.child.exitCode === null && slot.child.signalCode === null) return slot.child;
    const child = spawn(process.execPath, [...inheritedExecArgv(), hostFile()], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced", // structured clone: a NaN in a result arrives as NaN and is rejected, not nulled
    });
    // A send to a process that just died emits "error"; its "exit" handler already reports the crash.
    child.on("error", () => {});
    slot.child = child;
    return child;
  };

  return {
    async run(job, { checkpointDir, attempt, signal, onProgress }) {
      if (closed) throw new SweepError("ABORTED", "runner is closed");
      const slot = await acquire();
      try {
        const child = childFor(slot);
        const runId = nextRunId++;
        return await new Promise<JsonValue>((resolvePromise, reject) => {
          const onMessage = (msg: HostMessage) => {
            if (msg.runId !== runId) return;
            if (msg.type === "progress" && msg.progress) onProgress?.(msg.progress);
            else if (msg.type === "done") finish(() => resolvePromise(msg.result ?? null));
            else if (msg.type === "error") finish(() => reject(rebuild(msg.error!)));
          };
          const onExit = (code: number | null, sig: NodeJS.Signals | null) =>
            finish(() =>
              reject(
                signal?.aborted
                  ? new SweepError("ABORTED", `job ${job.id} aborted`)
                  : new SweepError(
                      "WORKER_CRASHED",
                      `job process exited (${sig ?? `code ${code}`}) while running ${job.id}`,
                    ),
              ),
            );
          const onAbort = () => {
            if (child.connected) child.send({ type: "abort", runId });
            // A job that ignores its signal (or blocks its event loop, as CPU-bound work does) is
            // stopped the hard way: SIGTERM, then SIGKILL. Its checkpoint is write-then-rename.
            terminate(child, ABORT_GRACE_MS);
          };
          const finish = (settle: () => void) => {
            child.off("message", onMessage);
            child.off("exit", onExit);
            signal?.removeEventListener("abort", onAbort);
            settle();
          };
          child.on("message", onMessage);
          child.on("exit", onExit);
          if (signal?.aborted) return onAbort();
          signal?.addEventListener("abort", onAbort, { once: true });
          child.send({
            type: "run",
            runId,
            id: job.id,
            config: job.config,
            checkpointDir,
            attempt,
            module: specifier,
            exportName: source.export,
          });
        });
      } finally {
        release(slot);
      }
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (slot) => {
          const child = slot.child;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((r) => child.once("exit", r));
          // An idle host exits when its parent disconnects; a busy one is terminated.
          if (child.connected) child.disconnect();
          terminate(child, ABORT_GRACE_MS);
          await exited;
        }),
      );
    },
  };
}

/** How long a job may take to stop on its own after an abort before SIGTERM, and SIGTERM before SIGKILL. */
const ABORT_GRACE_MS = 1000;

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** SIGTERM a child still running after `graceMs`, SIGKILL it if still running `graceMs` later. */
function terminate(child: ChildProcess, graceMs: number): void {
  setTimeout(() => {
    if (!running(child)) return;
    child.kill("SIGTERM");
    setTimeout(() => {
      if (running(child)) child.kill("SIGKILL");
    }, graceMs).unref();
  }, graceMs).unref();
}

/**
 * The job host as a file (content-addressed in the temp dir). A file rather than `node -e`: loaders
 * such as tsx rewrite `import()` in eval'd code into `require`, which ESM eval code does not have.
 */
function hostFile(): string {
  const path = join(
    tmpdir(),
    `emerge-sweep-host-${createHash("sha256").update(JOB_HOST_SOURCE).digest("hex").slice(0, 16)}.mjs`,
  );
  if (!existsSync(path)) {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JOB_HOST_SOURCE);
    renameSync(temp, path);
  }
  return path;
}

/**
 * Make a module specifier absolute, since the host file does not live where the caller does: paths
 * become file URLs (relative to the working directory), package names are resolved from the working
 * directory as `require` would (and with the `--conditions` this process runs with).
 */
function resolveModule(module: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) return module; // file:, data:, node:
  if (module.startsWith(".") || isAbsolute(module) || existsSync(module)) {
    const path = resolve(module);
    if (!existsSync(path)) throw new SweepError("JOB_MODULE", `job module ${path} does not exist`);
    return pathToFileURL(path).href;
  }
  try {
    return pathToFileURL(createRequire(join(process.cwd(), "noop.js")).resolve(module)).href;
  } catch (error) {
    throw new SweepError(
      "JOB_MODULE",
      `cannot resolve job module "${module}" from ${process.cwd()}: ${(error as Error).message}`,
    );
  }
}

/** Loader and resolution flags (tsx, `--conditions`) children need to import what the parent could. */
function inheritedExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (
      /^(--conditions|-C|--import|--require|-r|--loader|--experimental-loader)$/.test(arg) &&
      i + 1 < args.length
    ) {
      out.push(arg, args[++i]!);
    } else if (
      /^(--conditions|--import|--require|--loader|--experimental-loader)=/.test(arg) ||
      arg === "--enable-source-maps"
    ) {
      out.push(arg);
    }
  }
  return out;
}

function rebuild(info: ErrorInfo): Error {
  const error =
    info.code === "JOB_MODULE"
      ? new SweepError("JOB_MODULE", info.message)
      : Object.assign(new Error(info.message), info.code ? { code: info.code } : {});
  if (info.name && !(error instanceof SweepError)) error.name = info.name;
  if (info.stack) error.stack = info.stack;
  return error;
}
