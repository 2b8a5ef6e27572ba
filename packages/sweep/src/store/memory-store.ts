import type { ResultStore, RunRecord } from "./run-record.js";

/**
 * A {@link ResultStore} in memory: for tests and for one-off local runs whose results are written out
 * at the end.
 *
 * @example
 * ```ts
 * const store = memoryStore();
 * await runLocal(jobs, job, { store });
 * ```
 */
export function memoryStore(): ResultStore {
  const records = new Map<string, RunRecord>();
  return {
    async has(id) {
      return records.has(id);
    },
    async get(id) {
      return records.get(id);
    },
    async put(record) {
      if (records.has(record.id)) return false;
      records.set(record.id, structuredClone(record));
      return true;
    },
    async all() {
      return [...records.values()];
    },
    async close() {},
  };
}
