import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeFileAtomic } from "../src/node/index.js";
import { cli } from "./helpers/cli.js";

// A disk with `budget` bytes free: a write past it writes what fits (a short write), and the next
// one fails with ENOSPC, as a real full filesystem does. Only file writes in this test file's
// module graph see it.
const disk = vi.hoisted(() => ({ budget: Number.POSITIVE_INFINITY, refill: false }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  const writeSync = (fd: number, data: Uint8Array, offset = 0, length = data.byteLength - offset): number => {
    if (disk.budget <= 0) {
      // A transiently full disk (another process freed space): the next write succeeds.
      if (disk.refill) disk.budget = Number.POSITIVE_INFINITY;
      throw enospc();
    }
    const n = Math.min(length, disk.budget);
    disk.budget -= n;
    return fs.writeSync(fd, data, offset, n);
  };
  const writeFileSync = (path: string, data: string | Uint8Array) => {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    const n = Math.min(bytes.byteLength, disk.budget);
    fs.writeFileSync(path, bytes.subarray(0, n));
    disk.budget -= n;
    if (n < bytes.byteLength) throw enospc();
  };
  return { ...fs, default: { ...fs, writeSync, writeFileSync }, writeSync, writeFileSync };
});

afterEach(() => {
  disk.budget = Number.POSITIVE_INFINITY;
  disk.refill = false;
});

describe("#17.4: writes on a full disk", () => {
  it("`emerge-tasks generate --out old.jsonl` on a full disk leaves the old file whole (was torn)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emerge-full-"));
    const old = join(dir, "old.jsonl");
    const before = `${JSON.stringify({ prompt: "p", target: "t" })}\n`.repeat(100);
    writeFileSync(old, before);
    disk.budget = 1000;
    const r = await cli(["generate", "arithmetic", "--n", "500", "--out", old]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^emerge-tasks: IO_ERROR: could not write .*old\.jsonl: ENOSPC[^\n]*\n$/);
    expect(readFileSync(old, "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["old.jsonl"]); // no temp file left behind
    disk.budget = Number.POSITIVE_INFINITY;
    expect((await cli(["generate", "arithmetic", "--n", "500", "--out", old, "--json"])).stdout).toBe(
      `${JSON.stringify({ out: old, instances: 500, format: "jsonl" })}\n`,
    );
    expect(readFileSync(old, "utf8").split("\n")).toHaveLength(501);
  });

  it("the eval cache on a full disk: typed IO_ERROR per unanswerable instance, every kept line whole, the rest asked again", async () => {
    const { startServer } = await import("./helpers/server.js");
    const { arithmetic } = await import("../src/index.js");
    const { evaluate, openCache } = await import("../src/node/index.js");
    const server = await startServer();
    try {
      const dir = mkdtempSync(join(tmpdir(), "emerge-full-"));
      const cache = join(dir, "cache.jsonl");
      const tasks = arithmetic({ op: "add", digits: 2, n: 20, seed: 9 });
      disk.budget = 2500; // room for a few cache lines, then ENOSPC (one short write on the way)
      const first = await evaluate(tasks, { baseURL: server.url, model: "m" }, { cache, concurrency: 1 });
      const failed = first.results.filter((r) => r.error !== null);
      expect(failed.length).toBeGreaterThan(0);
      expect(new Set(failed.map((r) => r.error?.code))).toEqual(new Set(["IO_ERROR"]));
      disk.budget = Number.POSITIVE_INFINITY;
      const reopened = openCache(cache);
      expect(reopened.skippedLines).toBe(0); // a torn last line is cut off, never parsed as an answer
      const kept = reopened.size;
      reopened.close();
      expect(kept).toBe(first.results.length - failed.length);
      const requestsBefore = server.requests.length;
      const second = await evaluate(tasks, { baseURL: server.url, model: "m" }, { cache, concurrency: 1 });
      expect(second.totals.errors).toBe(0);
      expect(server.requests.length - requestsBefore).toBe(failed.length); // only the lost ones asked again
    } finally {
      await server.close();
    }
  });

  it("a disk full for a moment: the short write is cut back, so the lines after it stay whole (were glued to half a line)", async () => {
    const { startServer } = await import("./helpers/server.js");
    const { arithmetic } = await import("../src/index.js");
    const { evaluate, openCache } = await import("../src/node/index.js");
    const server = await startServer();
    try {
      const cache = join(mkdtempSync(join(tmpdir(), "emerge-full-")), "cache.jsonl");
      const tasks = arithmetic({ op: "add", digits: 2, n: 20, seed: 9 });
      disk.budget = 2500;
      disk.refill = true;
      const first = await evaluate(tasks, { baseURL: server.url, model: "m" }, { cache, concurrency: 1 });
      const failed = first.results.filter((r) => r.error !== null);
      expect(failed).toHaveLength(1);
      const reopened = openCache(cache);
      expect([reopened.skippedLines, reopened.repairedTail, reopened.size]).toEqual([0, false, 19]);
      reopened.close();
    } finally {
      await server.close();
    }
  });

  it("writeFileAtomic finishes a short write and fails typed when the disk is full", () => {
    const dir = mkdtempSync(join(tmpdir(), "emerge-full-"));
    const path = join(dir, "f.txt");
    writeFileSync(path, "old");
    disk.budget = 10;
    expect(() => writeFileAtomic(path, "0123456789abcdef")).toThrow(/IO_ERROR|could not write/);
    expect(readFileSync(path, "utf8")).toBe("old");
    disk.budget = Number.POSITIVE_INFINITY;
    writeFileAtomic(path, "0123456789abcdef");
    expect(readFileSync(path, "utf8")).toBe("0123456789abcdef");
    expect(readdirSync(dir)).toEqual(["f.txt"]);
  });
});
