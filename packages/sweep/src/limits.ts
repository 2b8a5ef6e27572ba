/**
 * Upper bounds on every count, size and concurrency option of `@emerge/sweep`, checked before any
 * work (before a spec is expanded, a process started or Redis contacted). They turn a typo — a grid of
 * 2000³, `seeds.count: 1e9` — into a one-line `LIMIT_EXCEEDED` error instead of a V8 abort.
 *
 * @example
 * ```ts
 * import { sweepLimits } from "@emerge/sweep";
 * sweepLimits.maxJobs; // 100000
 * ```
 */
export const sweepLimits = {
  /** Jobs one sweep may expand to (grid axes × random samples × seeds): 10⁵. */
  maxJobs: 100_000,
  /** Jobs run at once by one pool or worker (`concurrency`, `--concurrency`): 256. */
  maxConcurrency: 256,
  /** Tries per job (`attempts`, `--attempts`): 100. */
  maxAttempts: 100,
  /** Any duration option in ms (`--backoff-ms`, `--lock-ms`, `--stalled-ms`, `--timeout-ms`): one day. */
  maxDurationMs: 86_400_000,
  /** `--stride` of an array task: 10⁵ (no sweep has more jobs). */
  maxStride: 100_000,
} as const;
