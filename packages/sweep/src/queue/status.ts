import { Queue } from "bullmq";
import type { JobProgress } from "../job/job-function.js";
import { checkRedis, persistentRedisOptions, redisClient } from "./redis-connection.js";
import { type SweepLocation, sweepKeys } from "./sweep-keys.js";

/** Where a distributed sweep stands. */
export interface SweepStatus {
  name: string;
  /** Jobs ever submitted to this sweep. */
  total: number;
  /** Jobs with a stored result. */
  done: number;
  waiting: number;
  active: number;
  /** Waiting for a retry after a failed attempt (backoff). */
  delayed: number;
  /** Failed every attempt. */
  failed: number;
  /** Running jobs with their last progress report. */
  running: { id: string; index: number; attempt: number; progress: JobProgress | null }[];
  /** Jobs that failed every attempt, with the last error. */
  failures: { id: string; index: number; attempts: number; reason: string }[];
}

/**
 * Read a distributed sweep's progress from Redis.
 *
 * @example
 * ```ts
 * const s = await status({ redis: "redis://127.0.0.1:6379", name: "grok-wd" });
 * console.log(`${s.done}/${s.total} done, ${s.active} running`);
 * ```
 */
export async function status(location: SweepLocation & { timeoutMs?: number }): Promise<SweepStatus> {
  const keys = sweepKeys(location);
  await checkRedis(location.redis, location.timeoutMs);
  const client = redisClient(location.redis);
  const queue = new Queue(keys.queue, {
    connection: persistentRedisOptions(location.redis),
    prefix: keys.prefix,
  });
  try {
    const [total, done, counts, active, failed] = await Promise.all([
      client.hlen(keys.jobs),
      client.hlen(keys.results),
      queue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed"),
      queue.getActive(),
      queue.getFailed(),
    ]);
    return {
      name: keys.queue,
      total,
      done,
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      running: active.map((job) => ({
        id: job.data.id as string,
        index: job.data.index as number,
        attempt: job.attemptsMade + 1,
        progress: typeof job.progress === "object" ? (job.progress as unknown as JobProgress) : null,
      })),
      failures: failed.map((job) => ({
        id: job.data.id as string,
        index: job.data.index as number,
        attempts: job.attemptsMade,
        reason: job.failedReason,
      })),
    };
  } finally {
    await queue.close();
    await client.quit().catch(() => client.disconnect());
  }
}
