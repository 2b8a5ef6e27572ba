import { randomBytes } from "node:crypto";
import { link, mkdir, open, readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { SweepError } from "../errors.js";
import { syncDirectory } from "../node/atomic-write.js";
import type { ResultStore, RunRecord } from "./run-record.js";

const ID = /^[0-9a-f]{16}$/;

/**
 * A {@link ResultStore} in a directory (`<dir>/records/<id>.json`), for runs without a broker: local
 * pools, Kubernetes indexed Jobs and Slurm arrays writing to a shared filesystem. A record is written
 * to a temporary file and then hard-linked into place, which is atomic and fails if the name exists: a
 * reader never sees half a record, and of two writers of the same id exactly one wins.
 *
 * @example
 * ```ts
 * const store = directoryStore("results/phase-diagram");
 * await store.has(jobs[0].id);
 * ```
 */
export function directoryStore(dir: string): ResultStore {
  const records = join(dir, "records");
  const path = (id: string) => {
    if (!ID.test(id)) throw new SweepError("INVALID_OPTION", `"${id}" is not a job id`);
    return join(records, `${id}.json`);
  };
  const read = async (file: string): Promise<RunRecord | undefined> => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new SweepError("IO_ERROR", `cannot read ${file}: ${(error as Error).message}`, { cause: error });
    }
    try {
      return JSON.parse(text) as RunRecord;
    } catch (error) {
      throw new SweepError("BAD_RESULT", `${file} is not a JSON record: ${(error as Error).message}`);
    }
  };
  return {
    async has(id) {
      return (await read(path(id))) !== undefined;
    },
    get(id) {
      return read(path(id));
    },
    async put(record) {
      const target = path(record.id);
      await mkdir(records, { recursive: true });
      const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        await writeFileSynced(temp, `${JSON.stringify(record)}\n`);
        await link(temp, target);
        await syncDirectory(records);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw error;
      } finally {
        await unlink(temp).catch(() => {});
      }
    },
    async all() {
      let names: string[];
      try {
        names = await readdir(records);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      const out: RunRecord[] = [];
      for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
        const record = await read(join(records, name));
        if (record) out.push(record);
      }
      return out;
    },
    async close() {},
  };
}

/** Write a whole file, every byte checked, and fsync it before it is linked into place. */
async function writeFileSynced(path: string, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  const file = await open(path, "wx", 0o644);
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
      if (bytesWritten <= 0) throw new SweepError("IO_ERROR", `short write to ${path}`);
      offset += bytesWritten;
    }
    await file.sync();
  } finally {
    await file.close();
  }
}
