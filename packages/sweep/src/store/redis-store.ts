import type { Redis } from "ioredis";
import type { ResultStore, RunRecord } from "./run-record.js";

/**
 * A {@link ResultStore} in a Redis hash: `HSETNX` makes `put` atomic and first-write-wins across any
 * number of workers on any number of machines.
 *
 * @example
 * ```ts
 * const store = redisStore(new Redis("redis://127.0.0.1:6379"), "emerge-sweep:grok:results");
 * ```
 */
export function redisStore(client: Redis, key: string, options: { ownsClient?: boolean } = {}): ResultStore {
  return {
    async has(id) {
      return (await client.hexists(key, id)) === 1;
    },
    async get(id) {
      const text = await client.hget(key, id);
      return text === null ? undefined : (JSON.parse(text) as RunRecord);
    },
    async put(record) {
      return (await client.hsetnx(key, record.id, JSON.stringify(record))) === 1;
    },
    async all() {
      return Object.values(await client.hgetall(key)).map((text) => JSON.parse(text) as RunRecord);
    },
    async close() {
      if (options.ownsClient) await client.quit().catch(() => client.disconnect());
    },
  };
}
