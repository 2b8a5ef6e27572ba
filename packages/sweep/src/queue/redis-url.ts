import type { RedisOptions } from "ioredis";
import { SweepError } from "../errors.js";

/**
 * Parse `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS) into ioredis options.
 * Throws `INVALID_OPTION` on anything else.
 *
 * @example
 * ```ts
 * parseRedisUrl("redis://queue.lab:6380/2"); // { host: "queue.lab", port: 6380, db: 2 }
 * ```
 */
export function parseRedisUrl(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SweepError("INVALID_OPTION", `"${url}" is not a Redis URL (expected redis://host:port)`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new SweepError("INVALID_OPTION", `"${url}" is not a Redis URL (expected redis:// or rediss://)`);
  }
  const options: RedisOptions = { host: parsed.hostname || "127.0.0.1", port: Number(parsed.port || 6379) };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.replace(/^\//, "");
  if (db) {
    if (!/^\d+$/.test(db))
      throw new SweepError("INVALID_OPTION", `"${url}": database "${db}" is not a number`);
    options.db = Number(db);
  }
  if (parsed.protocol === "rediss:") options.tls = {};
  return options;
}

/**
 * Redis URL without its password, for messages.
 *
 * @example
 * ```ts
 * redactRedisUrl("redis://me:secret@q:6379"); // "redis://me:***@q:6379"
 * ```
 */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
