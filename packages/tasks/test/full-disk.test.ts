import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeFileAtomic } from "../src/node/index.js";
import { cli } from "./helpers/cli.js";

// A disk with `budget` bytes free: a write past it writes what fits (a short write), and the next
// one fails with ENOSPC, as a real full filesystem does. Only file writes in this test file's
// module graph see it.
const disk = vi.hoisted(() => ({ budget: Number.POSITIVE_INFINITY }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  const writeSync = (fd: number, data: Uint8Array, offset = 0, length = data.byteLength - offset): number => {
    if (disk.budget <= 0) throw enospc();
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
