import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { TaskError } from "../errors.js";

/**
 * Replace `path` with `data` so that a reader (or a crash, or a full disk) sees either the old file
 * or the whole new one, never a torn mix: write a temp file in the same directory, check that every
 * byte was written, `fsync` it, rename it over `path`, then `fsync` the directory so the rename
 * itself survives a power cut. On any failure the temp file is removed, the old file is untouched and
 * a `TaskError` `IO_ERROR` names the path.
 *
 * Hand-written rather than `write-file-atomic`: that package does not fsync the directory and does
 * not let us report the failure as a typed error; the whole job is twenty lines of `node:fs`.
 *
 * @example
 * ```ts
 * writeFileAtomic("out/tasks.jsonl", lines.join(""));
 * ```
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(temp, "w", 0o644);
    let offset = 0;
    while (offset < bytes.length) {
      const n = writeSync(fd, bytes, offset, bytes.length - offset);
      // A write that makes no progress would loop forever; a short one is retried for the rest.
      if (n <= 0) throw new Error(`short write: ${offset} of ${bytes.length} bytes`);
      offset += n;
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw new TaskError("IO_ERROR", `could not write ${path}: ${messageOf(error)}`, { cause: error });
  }
  syncDirectory(dir);
}

/** fsync a directory so a rename in it is durable; platforms that cannot (Windows) are skipped. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") {
      throw new TaskError("IO_ERROR", `could not sync directory ${dir}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
