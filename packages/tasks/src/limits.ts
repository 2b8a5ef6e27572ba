/**
 * Upper bounds on every count, size and concurrency option of `@emerge/tasks`, checked before any
 * work starts. They exist so that a typo (`--n 1e12`, `--concurrency 100000`) is a one-line typed
 * error instead of a V8 abort, an out-of-memory kill or a flood of requests. Each is far above any
 * study the package was built for; raise one in your fork if you really need more.
 *
 * @example
 * ```ts
 * import { limits } from "@emerge/tasks";
 * if (n > limits.maxInstances) throw new Error("too many");
 * ```
 */
export const limits = {
  /** Instances one `generate()` / `emerge-tasks generate --n` call may produce: 10⁶. */
  maxInstances: 1_000_000,
  /** Instances one evaluation run may hold: 10⁶. */
  maxEvalInstances: 1_000_000,
  /** Requests in flight at once (`concurrency`, `--concurrency`): 256. */
  maxConcurrency: 256,
  /** Retries after the first attempt (`retries`, `--retries`): 20. */
  maxRetries: 20,
  /** Per-request timeout (`timeoutMs`, `--timeout`): one hour. */
  maxTimeoutMs: 3_600_000,
  /** `max_tokens` per request (`maxTokens`, `--max-tokens`): 10⁶. */
  maxTokens: 1_000_000,
  /** Largest response body the runner reads (`maxResponseBytes`, `--max-response-bytes`): 256 MiB. */
  maxResponseBytes: 256 * 1024 * 1024,
  /** Default cap on one response body: 4 MiB, far above any completion of a few thousand tokens. */
  defaultResponseBytes: 4 * 1024 * 1024,
  /** Shortest wait between two attempts of one prompt, whatever Retry-After says: 100 ms by default. */
  defaultMinBackoffMs: 100,
  /** Lowest `minBackoffMs` accepted: 10 ms. */
  minBackoffFloorMs: 10,
  /** Longest backoff accepted (`maxBackoffMs`): ten minutes. */
  maxBackoffMs: 600_000,
} as const;
