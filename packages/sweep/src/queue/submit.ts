import { Queue } from "bullmq";
import { SweepError } from "../errors.js";
import type { SweepJob } from "../spec/expand-sweep.js";
import { redisStore } from "../store/redis-store.js";
import { checkRedis, persistentRedisOptions, redisClient } from "./redis-connection.js";
import { queueJobId, type SweepLocation, sweepKeys } from "./sweep-keys.js";

/** Options of {@link submit}. */
export interface SubmitOptions extends SweepLocation {
  /** Tries per job (a killed worker's stalled job is retried without using one); default 3. */
  attempts?: number;
  /** Delay before the first retry, doubled each time; default 5000 ms. */
  backoffMs?: number;
  /** How long to wait for Redis before failing with `REDIS_UNREACHABLE`; default 3000 ms. */
  timeoutMs?: number;
}

/** What {@link submit} did with each job. */
export interface SubmitReport {
  /** Jobs in the sweep. */
  total: number;
  /** Newly queued. */
  added: number;
  /** Already finished (result stored): skipped. */
  done: number;
  /** Already waiting, running or scheduled for a retry: left alone. */
  queued: number;
  /** Had failed every attempt: queued again. */
  retried: number;
}

/**
 * Queue a sweep's jobs on BullMQ for `emerge-sweep worker`s on any machine that reaches Redis.
 * Idempotent: the BullMQ job id is derived from the config hash, finished jobs (result in the sweep's
 * results hash) are skipped and queued ones left alone, so submitting the same sweep twice, or a grown
 * version of it, queues only what is missing. Failed jobs are queued again.
 *
 * @example
 * ```ts
 * const report = await submit(expandSweep(spec), { redis: "redis://127.0.0.1:6379", name: "grok-wd" });
 * console.log(`${report.added} queued, ${report.done} already done`);
 * ```
 */
export async function submit(jobs: readonly SweepJob[], options: SubmitOptions): Promise<SubmitReport> {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 5000;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new SweepError("INVALID_OPTION", `attempts must be an integer ≥ 1, got ${attempts}`);
  }
  if (!(backoffMs >= 0)) throw new SweepError("INVALID_OPTION", `backoffMs must be ≥ 0, got ${backoffMs}`);
  const keys = sweepKeys(options);
  await checkRedis(options.redis, options.timeoutMs);
  const client = redisClient(options.redis);
  const store = redisStore(client, keys.results);
  const queue = new Queue(keys.queue, {
    connection: persistentRedisOptions(options.redis),
    prefix: keys.prefix,
  });
  const report: SubmitReport = { total: jobs.length, added: 0, done: 0, queued: 0, retried: 0 };
  try {
    if (jobs.length > 0) {
      await client.hset(keys.jobs, Object.fromEntries(jobs.map((j) => [j.id, String(j.index)])));
    }
    const toAdd: SweepJob[] = [];
    for (const job of jobs) {
      if (await store.has(job.id)) {
        report.done++;
        continue;
      }
      const existing = await queue.getJob(queueJobId(job.id));
      const state = existing ? await existing.getState() : "unknown";
      if (existing && state === "failed") {
        await existing.retry("failed");
        report.retried++;
      } else if (existing && state === "completed") {
        // Completed but no result stored (results hash cleared by hand): run it again.
        await existing.remove();
        toAdd.push(job);
      } else if (existing && state !== "unknown") {
        report.queued++;
      } else {
        toAdd.push(job);
      }
    }
    for (let i = 0; i < toAdd.length; i += 500) {
      await queue.addBulk(
        toAdd.slice(i, i + 500).map((job) => ({
          name: "run",
          data: { id: job.id, index: job.index, config: job.config },
          opts: {
            jobId: queueJobId(job.id),
            attempts,
            backoff: { type: "exponential", delay: backoffMs },
            removeOnComplete: true, // the result lives in the results hash; BullMQ's copy would be a second source of truth
            removeOnFail: false,
          },
        })),
      );
    }
    report.added = toAdd.length;
    return report;
  } finally {
    await queue.close();
    await client.quit().catch(() => client.disconnect());
  }
}
