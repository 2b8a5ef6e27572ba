import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../node/atomic-write.js";
import type { ResultStore, RunRecord } from "../store/run-record.js";
import { toCsv } from "./csv.js";
import { type Cell, flatten } from "./flatten.js";

/**
 * Every record of a store, in sweep order (by index, then id). With `ids`, only those jobs (the
 * current sweep's), so a results hash shared by an older version of the sweep does not leak in.
 *
 * @example
 * ```ts
 * const records = await collect(directoryStore("out"), new Set(jobs.map((j) => j.id)));
 * ```
 */
export async function collect(store: ResultStore, ids?: ReadonlySet<string>): Promise<RunRecord[]> {
  const records = (await store.all()).filter((r) => !ids || ids.has(r.id));
  return records.sort((a, b) => a.index - b.index || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * One table row per record: id, index, `config.*`, `result.*`, then how it ran.
 *
 * @example
 * ```ts
 * const rows = (await collect(store)).map(resultRow); // e.g. for toCsv(rows)
 * ```
 */
export function resultRow(record: RunRecord): Record<string, Cell> {
  return {
    id: record.id,
    index: record.index,
    ...flatten(record.config, "config"),
    ...flatten(record.result, "result"),
    attempt: record.attempt,
    wall_s: record.wall_s,
    worker: record.worker,
    finishedAt: record.finishedAt,
  };
}

/** Paths {@link writeResults} wrote. */
export interface ResultFiles {
  jsonl: string;
  csv: string;
  /** Directory holding `<id>/summary.json` for every run. */
  runs: string;
}

/**
 * Write the results table: `results.jsonl` (one record per line), `results.csv` (flattened), and each
 * run's `runs/<id>/summary.json` (config and result), each written atomically (temp file, byte count
 * checked, fsync, rename, directory fsync): a full disk leaves the previous table whole.
 *
 * @example
 * ```ts
 * const files = await writeResults(await collect(store), "out/phase-diagram");
 * console.log(files.csv);
 * ```
 */
export async function writeResults(records: readonly RunRecord[], outDir: string): Promise<ResultFiles> {
  const runs = join(outDir, "runs");
  await mkdir(runs, { recursive: true });
  const files: ResultFiles = { jsonl: join(outDir, "results.jsonl"), csv: join(outDir, "results.csv"), runs };
  await writeFileAtomic(files.jsonl, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  await writeFileAtomic(files.csv, toCsv(records.map(resultRow)));
  for (const record of records) {
    await mkdir(join(runs, record.id), { recursive: true });
    const summary = { id: record.id, index: record.index, config: record.config, result: record.result };
    await writeFileAtomic(join(runs, record.id, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  }
  return files;
}
