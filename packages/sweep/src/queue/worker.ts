import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import { errorInfo, isDeterministicFailure, SweepError } from "../errors.js";
import type { JobSource } from "../job/job-function.js";
import { jobRunner } from "../job/job-runner.js";
import { executeJob } from "../run/execute-job.js";
import type { SweepEvent } from "../run/sweep-event.js";
import type { JsonObject } from "../spec/canonical-json.js";
import { configHash } from "../spec/config-hash.js";
import type { SweepJob } from "../spec/expand-sweep.js";
import { redisStore } from "../store/redis-store.js";
import { checkRedis, persistentRedisOptions, redisClient } from "./redis-connection.js";
import { type SweepLocation, sweepKeys } from "./sweep-keys.js";

/** Options of {@link startWorker}. */
export interface WorkerOptions extends SweepLocation {
  /** The job function, as a module (run in child processes) or a function (run in this process). */
  job: JobSource;
  /** Jobs this worker runs at once; default 1. */
  concurrency?: number;
  /** Parent of per-job checkpoint directories; on a shared filesystem a retry on another machine resumes. */
  workDir: string;
  /**
   * How long a job's lock lasts without renewal (ms); a worker that dies holds its jobs this long before
   * another may take them. Default 30000.
   */
  lockDurationMs?: number;
  /** How often to look for jobs whose worker died (ms); default 30000. */
  stalledIntervalMs?: number;
  /** Times a job may be found stalled before it fails; default 3. */
  maxStalledCount?: number;
  /** Stop once nothing is waiting, running or scheduled for a retry. */
  exitWhenDrained?: boolean;
  /** How long to wait for Redis at start before failing with `REDIS_UNREACHABLE`; default 3000 ms. */
  timeoutMs?: number;
  /** Progress as it happens. */
  onEvent?: (event: SweepEvent) => void;
}

/** What a worker did before it stopped. */
export interface WorkerReport {
  /** Jobs this worker ran and stored. */
  completed: number;
  /** Jobs this worker ran whose result another worker had stored first. */
  duplicates: number;
  /** Jobs skipped because their result was already stored. */
  skipped: number;
  /** Failed attempts. */
  failedAttempts: number;
}

/** A running queue worker. */
export interface SweepWorker {
  /** Settles when the worker has stopped. */
  readonly done: Promise<WorkerReport>;
  /**
   * Stop taking jobs. Graceful by default: running jobs finish first. `force` stops them now; they are
   * picked up again (from their checkpoints) once their locks expire.
   */
  close(force?: boolean): Promise<WorkerReport>;
}

/**
 * Start a BullMQ worker that takes a sweep's jobs, runs them (in child processes for a module job, so
 * lock renewal never waits on training), and stores each result under its config hash, first write wins.
 * Killed workers' jobs are retried by the others after `lockDurationMs`; failed attempts are retried with
 * exponential backoff up to the sweep's `attempts`.
 *
 * @example
 * ```ts
 * const w = await startWorker({ redis: "redis://127.0.0.1:6379", name: "grok-wd",
 *   job: { module: "@emerge/sweep/grok" }, workDir: "/shared/sweep-work", exitWhenDrained: true });
 * console.log(await w.done);
 * ```
 */
export async function startWorker(options: WorkerOptions): Promise<SweepWorker> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new SweepError("INVALID_OPTION", `concurrency must be an integer ≥ 1, got ${concurrency}`);
  }
  const keys = sweepKeys(options);
  await checkRedis(options.redis, options.timeoutMs);
  const emit = options.onEvent ?? (() => {});
  const client = redisClient(options.redis);
  const store = redisStore(client, keys.results);
  const runner = jobRunner(options.job, concurrency);
  const abort = new AbortController();
  const report: WorkerReport = { completed: 0, duplicates: 0, skipped: 0, failedAttempts: 0 };
  const connection = persistentRedisOptions(options.redis);

  const processor = async (bjob: Job) => {
    const data = bjob.data as { id: string; index: number; config: JsonObject };
    const job: SweepJob = { id: data.id, index: data.index, config: data.config };
    if (configHash(job.config) !== job.id) {
      throw new UnrecoverableError(
        `job ${job.id}: config does not hash to its id (queue written by another version?)`,
      );
    }
    if (await store.has(job.id)) {
      report.skipped++;
      emit({ type: "skip", id: job.id, index: job.index });
      return "skipped";
    }
    const attempt = bjob.attemptsMade + 1;
    emit({ type: "start", id: job.id, index: job.index, attempt });
    let lastForwarded = 0;
    const started = performance.now();
    try {
      const { stored } = await executeJob(job, runner, {
        store,
        workDir: options.workDir,
        attempt,
        signal: abort.signal,
        onProgress: (progress) => {
          emit({ type: "progress", id: job.id, index: job.index, progress });
          const now = Date.now();
          if (now - lastForwarded >= 500) {
            lastForwarded = now;
            bjob.updateProgress({ ...progress }).catch(() => {});
          }
        },
      });
      if (stored) report.completed++;
      else report.duplicates++;
      const wall_s = (performance.now() - started) / 1000;
      emit({ type: "done", id: job.id, index: job.index, attempt, wall_s, duplicate: !stored });
      return stored ? "stored" : "duplicate";
    } catch (error) {
      report.failedAttempts++;
      const info = errorInfo(error);
      const attempts = bjob.opts.attempts ?? 1;
      // Deterministic failures (INVALID_CONFIG, BAD_RESULT, a broken job module) are not retried.
      const permanent = isDeterministicFailure(error);
      if (permanent || attempt >= attempts)
        emit({ type: "fail", id: job.id, index: job.index, attempt, error: info });
      else {
        const delay = bjob.opts.backoff;
        const base = typeof delay === "number" ? delay : (delay?.delay ?? 0);
        emit({
          type: "retry",
          id: job.id,
          index: job.index,
          attempt,
          delayMs: base * 2 ** (attempt - 1),
          error: info,
        });
      }
      if (permanent) throw new UnrecoverableError(`${info.code ?? info.name}: ${info.message}`);
      throw error;
    }
  };

  const worker = new Worker(keys.queue, processor, {
    connection,
    prefix: keys.prefix,
    concurrency,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 3,
    autorun: false,
  });
  worker.on("error", () => {}); // connection blips: BullMQ reconnects by itself
  const queue = options.exitWhenDrained
    ? new Queue(keys.queue, { connection, prefix: keys.prefix })
    : undefined;

  let closing: Promise<WorkerReport> | undefined;
  let resolveDone!: (r: WorkerReport) => void;
  const done = new Promise<WorkerReport>((r) => {
    resolveDone = r;
  });
  let poll: NodeJS.Timeout | undefined;
  const close = (force = false): Promise<WorkerReport> => {
    if (force) {
      abort.abort();
      void runner.close();
    }
    closing ??= (async () => {
      clearInterval(poll);
      await worker.close(force);
      await runner.close();
      await queue?.close();
      await store.close();
      await client.quit().catch(() => client.disconnect());
      resolveDone(report);
      return report;
    })();
    return closing;
  };

  void worker.run().catch(() => {});
  if (queue) {
    poll = setInterval(async () => {
      try {
        const counts = await queue.getJobCounts(
          "waiting",
          "prioritized",
          "active",
          "delayed",
          "waiting-children",
        );
        if (Object.values(counts).every((n) => n === 0)) void close();
      } catch {
        // Redis restarting: ask again next tick.
      }
    }, 500);
  }
  return { done, close };
}
