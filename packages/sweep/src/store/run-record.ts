import type { JsonObject, JsonValue } from "../spec/canonical-json.js";

/** A finished run as stored: the job, its result, and how it ran. */
export interface RunRecord {
  /** The job id (hash of `config`). */
  id: string;
  /** The job's position in its sweep. */
  index: number;
  config: JsonObject;
  /** What the job function returned. */
  result: JsonValue;
  /** Which attempt produced it (1 = first try). */
  attempt: number;
  /** Host and process that ran it, e.g. `node-3:4121`. */
  worker: string;
  /** ISO time the successful attempt finished. */
  finishedAt: string;
  /** Seconds the successful attempt took. */
  wall_s: number;
}

/**
 * Where results live, keyed by job id. `put` is idempotent and first-write-wins: when two workers finish
 * the same job (a stalled job that was not dead after all), one record is kept and the other is
 * reported as a duplicate, so nothing is counted twice.
 */
export interface ResultStore {
  /** Whether a result for `id` exists. */
  has(id: string): Promise<boolean>;
  /** The record for `id`, if any. */
  get(id: string): Promise<RunRecord | undefined>;
  /** Store `record` unless one exists for its id; true when this call stored it. */
  put(record: RunRecord): Promise<boolean>;
  /** Every stored record, in no particular order. */
  all(): Promise<RunRecord[]>;
  /** Release connections, if any. */
  close(): Promise<void>;
}
