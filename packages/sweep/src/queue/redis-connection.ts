import { Redis, type RedisOptions } from "ioredis";
import { SweepError } from "../errors.js";
import { parseRedisUrl, redactRedisUrl } from "./redis-url.js";

/**
 * Check that Redis answers within `timeoutMs` (default 3000), or throw {@link SweepError}
 * `REDIS_UNREACHABLE`. ioredis retries a refused connection forever by default, which turns a typo in
 * a URL into a silent hang; this check makes it a clear error before any work is queued.
 *
 * @example
 * ```ts
 * await checkRedis("redis://127.0.0.1:6379", 2000);
 * ```
 */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis({
    ...parseRedisUrl(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  client.on("error", (error) => {
    lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    // The socket error (ECONNREFUSED, ENOTFOUND…) says more than ioredis' "Connection is closed".
    const why = (lastError as Error | undefined)?.message || (error as Error).message || String(error);
    throw new SweepError("REDIS_UNREACHABLE", `cannot reach Redis at ${redactRedisUrl(url)}: ${why}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * Options for long-lived connections (queues, workers, result stores): commands wait through a Redis
 * restart instead of failing, reconnecting with capped backoff. BullMQ requires
 * `maxRetriesPerRequest: null` for workers.
 */
export function persistentRedisOptions(url: string): RedisOptions {
  return {
    ...parseRedisUrl(url),
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 3000),
  };
}

/** A long-lived ioredis client (see {@link persistentRedisOptions}). */
export function redisClient(url: string): Redis {
  const client = new Redis(persistentRedisOptions(url));
  client.on("error", () => {}); // reconnects on its own; errors surface through commands
  return client;
}
