import { readFileSync, unlinkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { GrokError } from "../errors.js";
import { fsOps, writeAll } from "./atomic-write.js";

/**
 * The lock file a live run keeps in its directory (JSON: pid, hostname, startedAt).
 *
 * @example
 * ```ts
 * existsSync(join("runs/demo", lockFileName)); // true while a run trains there
 * ```
 */
export const lockFileName = "run.lock";

/** What a lock file records about the run that holds it. */
interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, "utf8")) as LockInfo;
    return typeof info.pid === "number" ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Take the run directory's lock: create `run.lock` exclusively with this process's pid. A lock held by
 * a live process on this host is `GrokError("RUN_LOCKED")`; a stale one (its process is gone, or it is
 * unreadable) is taken over. Returns the release function.
 */
export function lockRun(dir: string): () => void {
  const path = join(dir, lockFileName);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    let fd: number | undefined;
    try {
      fd = fsOps.openSync(path, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST")
        throw new GrokError("WRITE_FAILED", `cannot create the lock file ${path}: ${(e as Error).message}`);
      if (attempt > 0) throw new GrokError("RUN_LOCKED", `cannot lock ${dir}: another process took it first`);
      const holder = readLock(path);
      if (holder && holder.pid !== process.pid && (holder.hostname !== info.hostname || alive(holder.pid))) {
        throw new GrokError(
          "RUN_LOCKED",
          `${dir} is in use by process ${holder.pid} on ${holder.hostname} since ${holder.startedAt} (remove ${path} if that run is gone)`,
        );
      }
      if (holder?.pid === process.pid)
        throw new GrokError("RUN_LOCKED", `${dir} is already in use by this process`);
      unlinkSync(path); // stale: its process is gone
      continue;
    }
    try {
      writeAll(fd, Buffer.from(`${JSON.stringify(info)}\n`), path);
      fsOps.fsyncSync(fd);
    } catch (e) {
      // an empty or torn lock file would read as stale anyway; remove it so the directory stays clean
      try {
        unlinkSync(path);
      } catch {}
      if (e instanceof GrokError) throw e;
      throw new GrokError("WRITE_FAILED", `cannot write the lock file ${path}: ${(e as Error).message}`);
    } finally {
      fsOps.closeSync(fd);
    }
    return () => {
      try {
        if (readLock(path)?.pid === process.pid) unlinkSync(path);
      } catch {}
    };
  }
}
