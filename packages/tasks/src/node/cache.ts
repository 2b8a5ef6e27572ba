import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { TaskError } from "../errors.js";

/** A cached model response. */
export interface CachedResponse {
  /** The generated text. */
  readonly text: string;
  /** The endpoint's finish reason, when it sent one. */
  readonly finishReason: string | null;
}

/** What a cache key is computed from: the model, the exact prompt sent, and the request parameters. */
export interface CacheKeyParts {
  readonly model: string;
  readonly api: "completions" | "chat";
  readonly prompt: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** The SHA-256 of the canonical JSON of (model, api, prompt, params). */
export function cacheKey(parts: CacheKeyParts): string {
  const canonical = JSON.stringify([parts.model, parts.api, parts.prompt, sortKeys(parts.params)]);
  return createHash("sha256").update(canonical).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** How hard a cache line is pushed to disk before the answer counts as kept. */
export type Durability = "fsync" | "write";

/** An append-only JSONL response cache. */
export interface ResponseCache {
  get(key: string): CachedResponse | undefined;
  /**
   * Append one entry. Entries put in the same tick are written together in one `write` of whole
   * lines, then `fsync`ed once (group commit) unless durability is `"write"`; the promise resolves
   * when the entry is on disk.
   */
  put(key: string, parts: CacheKeyParts, response: CachedResponse): Promise<void>;
  readonly size: number;
  /** Lines that could not be parsed when the file was opened (a torn last line is repaired, not counted). */
  readonly skippedLines: number;
  /** Whether a torn last line was cut off when the file was opened. */
  readonly repairedTail: boolean;
  close(): void;
}

/**
 * Open (or create) a JSONL cache file. Complete lines are loaded; a torn last line — the trace of a
 * process killed mid-write — is truncated away so later appends start on a line boundary. Entries
 * are appended as whole lines in one `write(2)` per batch on an `O_APPEND` descriptor, followed by
 * `fsync`, so an entry is either entirely on disk or absent; the batch shares the `fsync` cost.
 *
 * @example
 * ```ts
 * const cache = openCache("run/cache.jsonl");
 * if (!cache.get(key)) await cache.put(key, parts, { text: " 143", finishReason: "stop" });
 * cache.close();
 * ```
 */
export function openCache(path: string, durability: Durability = "fsync"): ResponseCache {
  try {
    return openCacheFile(path, durability);
  } catch (error) {
    if (error instanceof TaskError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new TaskError("IO_ERROR", `cannot open the cache ${path}: ${message}`, { cause: error });
  }
}

function openCacheFile(path: string, durability: Durability): ResponseCache {
  if (durability !== "fsync" && durability !== "write") {
    throw new TaskError(
      "INVALID_ARGUMENT",
      `durability must be "fsync" or "write", got ${String(durability)}`,
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  const entries = new Map<string, CachedResponse>();
  let skippedLines = 0;
  let repairedTail = false;
  let goodLength = 0;
  if (existsSync(path)) {
    // A device (/dev/full, /dev/zero) or a FIFO never ends when read: refuse it before reading.
    if (!statSync(path).isFile()) {
      throw new TaskError("IO_ERROR", `the cache ${path} is not a regular file`);
    }
    const bytes = readFileSync(path);
    const lastNewline = bytes.lastIndexOf(0x0a);
    goodLength = lastNewline + 1;
    repairedTail = goodLength < bytes.length;
    const text = bytes.subarray(0, goodLength).toString("utf8");
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        const e = JSON.parse(line) as { key?: unknown; text?: unknown; finishReason?: unknown };
        if (typeof e.key !== "string" || typeof e.text !== "string") throw new Error("missing fields");
        entries.set(e.key, {
          text: e.text,
          finishReason: typeof e.finishReason === "string" ? e.finishReason : null,
        });
      } catch {
        skippedLines++;
      }
    }
  }
  const fd = openSync(path, "a+");
  if (repairedTail) {
    ftruncateSync(fd, goodLength);
    fsyncSync(fd);
  }
  let open = true;
  // The length of the file's whole lines: a failed batch is cut back to it, so a short write on a full
  // disk never leaves half a line for the next batch to be glued onto.
  let size = fstatSync(fd).size;
  let batch:
    | { lines: string[]; keys: string[]; done: { resolve: () => void; reject: (e: unknown) => void }[] }
    | undefined;
  const flush = () => {
    const current = batch;
    batch = undefined;
    if (current === undefined) return;
    try {
      if (!open) throw new Error("cache closed before its entries were written");
      const buffer = Buffer.from(current.lines.join(""), "utf8");
      let offset = 0;
      try {
        while (offset < buffer.length) {
          const n = writeSync(fd, buffer, offset, buffer.length - offset);
          if (n <= 0) throw new Error(`short write to the cache: ${offset} of ${buffer.length} bytes`);
          offset += n;
        }
        if (durability === "fsync") fsyncSync(fd);
      } catch (error) {
        try {
          if (offset > 0) ftruncateSync(fd, size);
        } catch {
          // The next open cuts a torn tail off anyway.
        }
        throw error;
      }
      size += buffer.length;
      for (const d of current.done) d.resolve();
    } catch (e) {
      // Not on disk: not an answer this run may reuse either.
      for (const key of current.keys) entries.delete(key);
      for (const d of current.done) d.reject(e);
    }
  };
  return {
    get: (key) => entries.get(key),
    put(key, parts, response) {
      if (!open) return Promise.reject(new Error("cache is closed"));
      const line = `${JSON.stringify({
        key,
        model: parts.model,
        api: parts.api,
        params: sortKeys(parts.params),
        prompt: parts.prompt,
        text: response.text,
        finishReason: response.finishReason,
      })}\n`;
      entries.set(key, response);
      if (batch === undefined) {
        batch = { lines: [], keys: [], done: [] };
        setImmediate(flush);
      }
      const b = batch;
      b.lines.push(line);
      b.keys.push(key);
      return new Promise<void>((resolve, reject) => b.done.push({ resolve, reject }));
    },
    get size() {
      return entries.size;
    },
    skippedLines,
    repairedTail,
    close() {
      flush();
      if (open) closeSync(fd);
      open = false;
    },
  };
}
