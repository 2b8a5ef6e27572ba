import { checkRedis, type ResultStore, redisStore, sweepKeys } from "@emerge/sweep";
import { Redis } from "ioredis";

/**
 * The result store a Redis sweep writes into, read back after the workers drain (loaded only with
 * `--redis`, so the local pool never needs a Redis client).
 */
export async function redisResults(where: { redis: string; name: string }): Promise<ResultStore> {
  await checkRedis(where.redis);
  const client = new Redis(where.redis, { maxRetriesPerRequest: null });
  client.on("error", () => {});
  return redisStore(client, sweepKeys(where).results, { ownsClient: true });
}
