import * as fs from "node:fs";
import { basename, dirname, join } from "node:path";
import { GrokError } from "../errors.js";

/**
 * The file-system calls the run directory makes, in one object so a test can make them fail (full
 * disk, short writes) at chosen points without touching the real disk's behaviour.
 * @hidden
 */
export const fsOps = {
  openSync: fs.openSync,
  writeSync: fs.writeSync as (fd: number, buffer: Uint8Array, offset: number, length: number) => number,
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
};

let counter = 0;

/** Write all of `bytes` to `fd`, looping over partial writes; a write that makes no progress is an error. */
export function writeAll(fd: number, bytes: Uint8Array, what: string): void {
  let done = 0;
  while (done < bytes.length) {
    const n = fsOps.writeSync(fd, bytes, done, bytes.length - done);
    if (!(n > 0))
      throw new GrokError("WRITE_FAILED", `${what}: wrote ${done} of ${bytes.length} bytes (disk full?)`);
    done += n;
  }
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fsOps.openSync(dir, "r");
    fsOps.fsyncSync(fd);
  } catch (e) {
    // some file systems (and Windows) cannot fsync a directory; the rename itself has happened
    if (!["EISDIR", "EINVAL", "EPERM", "ENOTSUP", "EBADF"].includes((e as NodeJS.ErrnoException).code ?? ""))
      throw e;
  } finally {
    if (fd !== undefined) fsOps.closeSync(fd);
  }
}

/**
 * Write a file atomically and durably: write to a temporary file in the same directory, check that
 * every byte was written, fsync it, rename it over `path`, fsync the directory. A crash or a full disk
 * leaves the old file or the new one, never a torn one; a failed write throws `GrokError("WRITE_FAILED")`
 * and removes the temporary file.
 *
 * @example
 * ```ts
 * import { writeAtomic } from "@emerge/grok/node";
 * writeAtomic("runs/demo/summary.json", JSON.stringify({ steps: 10 }));
 * ```
 */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${counter++}`);
  let fd: number | undefined;
  try {
    fd = fsOps.openSync(tmp, "w");
    writeAll(fd, bytes, path);
    fsOps.fsyncSync(fd);
    fsOps.closeSync(fd);
    fd = undefined;
    fsOps.renameSync(tmp, path);
    fsyncDirectory(dirname(path));
  } catch (e) {
    if (fd !== undefined) {
      try {
        fsOps.closeSync(fd);
      } catch {}
    }
    try {
      fsOps.unlinkSync(tmp);
    } catch {}
    if (e instanceof GrokError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new GrokError(
      "WRITE_FAILED",
      `cannot write ${path}: ${err.code ?? ""} ${err.message}`.replace(/\s+/g, " "),
    );
  }
}
