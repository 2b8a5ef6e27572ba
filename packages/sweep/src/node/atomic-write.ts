import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { SweepError } from "../errors.js";

/**
 * Replace `path` with `data` so that a reader, a crash or a full disk sees the old file or the whole
 * new one, never a torn mix: write a temp file in the same directory, check that every byte was
 * written, fsync it, rename it over `path`, fsync the directory. On failure the temp file is removed,
 * the old file is untouched, and a {@link SweepError} `IO_ERROR` names the path.
 *
 * Hand-written rather than `write-file-atomic`, which neither fsyncs the directory nor reports a typed
 * error; the whole job is a few calls of `node:fs/promises`.
 *
 * @example
 * ```ts
 * await writeFileAtomic("out/results.csv", csv);
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const file = await open(temp, "w", 0o644);
    try {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
        if (bytesWritten <= 0) throw new Error(`short write: ${offset} of ${bytes.length} bytes`);
        offset += bytesWritten;
      }
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new SweepError("IO_ERROR", `could not write ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  await syncDirectory(dir);
}

/** fsync a directory so a rename or link in it survives a power cut; skipped where unsupported. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") {
      throw new SweepError("IO_ERROR", `could not sync directory ${dir}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  } finally {
    await handle?.close();
  }
}
