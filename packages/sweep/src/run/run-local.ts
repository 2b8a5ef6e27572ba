import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type ErrorInfo, errorInfo, isDeterministicFailure, SweepError } from "../errors.js";
import type { JobSource } from "../job/job-function.js";
import { jobRunner } from "../job/job-runner.js";
import type { SweepJob } from "../spec/expand-sweep.js";
import { memoryStore } from "../store/memory-store.js";
import type { ResultStore, RunRecord } from "../store/run-record.js";
import { executeJob } from "./execute-job.js";
import type { SweepEvent } from "./sweep-event.js";

/** The signals that stop a local run (see {@link LocalRunOptions.handleSignals}). */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Options of {@link runLocal}. */
export interface LocalRunOptions {
  /** Jobs run at once (child processes for a module job); default: the number of cores. */
  concurrency?: number;
  /** Where results go and are looked up (finished jobs are skipped); default: in memory. */
  store?: ResultStore;
  /** Parent of the per-job checkpoint directories; default `<tmp>/emerge-sweep`. */
  workDir?: string;
  /** Tries per job before it counts as failed; default 1. */
  attempts?: number;
  /** Delay before the first retry, doubled for each further one; default 1000 ms. */
  backoffMs?: number;
  /** Stops starting jobs and aborts running ones; the call then rejects with `ABORTED`. */
  signal?: AbortSignal;
  /**
   * Treat SIGINT and SIGTERM to this process during the call as an abort of {@link signal}: stop
   * starting jobs, stop the running ones (their child processes get SIGTERM, then SIGKILL), wait for
   * them, then reject with `ABORTED` whose `signal` names the signal. Without this a signal kills
   * the parent at once and leaves its job processes running. Default true; false leaves signals to
   * the caller.
   */
  handleSignals?: boolean;
  /** Progress as it happens. */
  onEvent?: (event: SweepEvent) => void;
}

/** What {@link runLocal} did. */
export interface LocalRunReport {
  /** One record per finished job (run now or earlier), in job order. */
  records: RunRecord[];
  /** Jobs run by this call. */
  ran: number;
  /** Jobs whose result was already in the store. */
  skipped: number;
  /** Jobs that failed every attempt. */
  failed: { id: string; index: number; error: ErrorInfo }[];
  /** Seconds the call took. */
  wall_s: number;
}

/**
 * Run jobs on this machine: a pool of `concurrency` child processes for a {@link JobModule}-style
 * source, or concurrent calls in this process for a function. Jobs whose results are already in the
 * store are skipped, so re-running an interrupted sweep finishes it.
 *
 * @example
 * ```ts
 * const jobs = expandSweep({ base: { n: 1000 }, grid: { a: [1, 2, 3] } });
 * const report = await runLocal(jobs, { module: "./my-job.mjs" }, { concurrency: 2 });
 * report.records.map((r) => r.result);
 * ```
 */
export async function runLocal(
  jobs: readonly SweepJob[],
  source: JobSource,
  options: LocalRunOptions = {},
): Promise<LocalRunReport> {
  const started = performance.now();
  const concurrency = options.concurrency ?? availableParallelism();
  const attempts = options.attempts ?? 1;
  const backoffMs = options.backoffMs ?? 1000;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new SweepError("INVALID_OPTION", `concurrency must be an integer ≥ 1, got ${concurrency}`);
  }
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new SweepError("INVALID_OPTION", `attempts must be an integer ≥ 1, got ${attempts}`);
  }
  const store = options.store ?? memoryStore();
  const workDir = options.workDir ?? join(tmpdir(), "emerge-sweep");
  const emit = options.onEvent ?? (() => {});
  // Signals feed the same abort path as the caller's AbortSignal.
  const interrupt = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    received ??= sig;
    interrupt.abort();
  };
  const signal = options.signal ? AbortSignal.any([options.signal, interrupt.signal]) : interrupt.signal;
  const handleSignals = options.handleSignals ?? true;
  const runner = jobRunner(source, concurrency);
  const records = new Map<string, RunRecord>();
  const failed: LocalRunReport["failed"] = [];
  let ran = 0;
  let skipped = 0;
  let next = 0;

  const runOne = async (job: SweepJob) => {
    const existing = await store.get(job.id);
    if (existing) {
      skipped++;
      records.set(job.id, existing);
      emit({ type: "skip", id: job.id, index: job.index });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) return;
      emit({ type: "start", id: job.id, index: job.index, attempt });
      const attemptStarted = performance.now();
      try {
        const { record, stored } = await executeJob(job, runner, {
          store,
          workDir,
          attempt,
          signal,
          onProgress: (progress) => emit({ type: "progress", id: job.id, index: job.index, progress }),
        });
        ran++;
        records.set(job.id, stored ? record : ((await store.get(job.id)) ?? record));
        const wall_s = (performance.now() - attemptStarted) / 1000;
        emit({ type: "done", id: job.id, index: job.index, attempt, wall_s, duplicate: !stored });
        return;
      } catch (error) {
        const info = errorInfo(error);
        // A deterministic failure (INVALID_CONFIG, BAD_RESULT, …) would fail again: no retry.
        const fatal =
          isDeterministicFailure(error) || (error instanceof SweepError && error.code === "ABORTED");
        if (fatal || attempt >= attempts || signal.aborted) {
          failed.push({ id: job.id, index: job.index, error: info });
          emit({ type: "fail", id: job.id, index: job.index, attempt, error: info });
          if (error instanceof SweepError && error.code === "JOB_MODULE") throw error;
          return;
        }
        const delayMs = backoffMs * 2 ** (attempt - 1);
        emit({ type: "retry", id: job.id, index: job.index, attempt, delayMs, error: info });
        // An abort (a signal included) cuts the wait short; the loop then stops.
        await sleep(delayMs, undefined, { signal }).catch(() => {});
      }
    }
  };

  if (handleSignals) for (const sig of STOP_SIGNALS) process.on(sig, onSignal);
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
        while (next < jobs.length && !signal.aborted) await runOne(jobs[next++]!);
      }),
    );
  } finally {
    try {
      await runner.close();
    } finally {
      if (handleSignals) for (const sig of STOP_SIGNALS) process.off(sig, onSignal);
    }
  }
  if (signal.aborted) {
    // Finished results are in the store; running jobs left checkpoints to resume from next time.
    throw new SweepError(
      "ABORTED",
      `sweep ${received ? `stopped by ${received}` : "aborted"} after ${ran} runs (${skipped} skipped as already done)`,
      received ? { signal: received } : undefined,
    );
  }
  return {
    records: jobs.flatMap((j) => {
      const r = records.get(j.id);
      return r ? [r] : [];
    }),
    ran,
    skipped,
    failed,
    wall_s: (performance.now() - started) / 1000,
  };
}
