import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SweepError, writeResults } from "../src/index.js";
import type { RunRecord } from "../src/store/run-record.js";

// A disk with `budget` bytes free for files opened through node:fs/promises: a write past it writes
// what fits (a short write) and the next one fails with ENOSPC, as a real full filesystem does.
const disk = vi.hoisted(() => ({ budget: Number.POSITIVE_INFINITY }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof fs.open = async (...args) => {
    const handle = await fs.open(...args);
    const write = handle.write.bind(handle) as (
      b: Uint8Array,
      o: number,
      l: number,
    ) => Promise<{ bytesWritten: number }>;
    return Object.assign(handle, {
      write: async (buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset) => {
        if (disk.budget <= 0)
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        const n = Math.min(length, disk.budget);
        disk.budget -= n;
        return write(buffer, offset, n);
      },
    });
  };
  // writeFile (what the results table used before) fails the same way, after writing what fits.
  const writeFile: typeof fs.writeFile = async (path, data) => {
    const bytes = Buffer.from(String(data));
    const n = Math.min(bytes.byteLength, disk.budget);
    disk.budget -= n;
    await fs.writeFile(path, bytes.subarray(0, n));
    if (n < bytes.byteLength)
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  };
  return { ...fs, default: { ...fs, open, writeFile }, open, writeFile };
});

afterEach(() => {
  disk.budget = Number.POSITIVE_INFINITY;
});

const record = (i: number): RunRecord => ({
  id: i.toString(16).padStart(16, "0"),
  index: i,
  config: { a: i, note: "x".repeat(200) },
  result: { acc: i / 10 },
  attempt: 1,
  worker: "test",
  finishedAt: "2026-12-06T00:00:00.000Z",
  wall_s: 1,
});

describe("#17.4: the results table on a full disk", () => {
  it("leaves the previous results.jsonl whole and no temp file behind, with a typed IO_ERROR", async () => {
    const out = mkdtempSync(join(tmpdir(), "emerge-sweep-full-"));
    writeFileSync(join(out, "results.jsonl"), "previous\n");
    disk.budget = 1000;
    const error = await writeResults([0, 1, 2, 3, 4, 5].map(record), out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SweepError);
    expect((error as SweepError).code).toBe("IO_ERROR");
    expect((error as SweepError).message).toMatch(/results\.jsonl: ENOSPC/);
    expect(readFileSync(join(out, "results.jsonl"), "utf8")).toBe("previous\n");
    expect(readdirSync(out).sort()).toEqual(["results.jsonl", "runs"]);
    disk.budget = Number.POSITIVE_INFINITY;
    await writeResults([0, 1].map(record), out);
    expect(readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
  });
});
