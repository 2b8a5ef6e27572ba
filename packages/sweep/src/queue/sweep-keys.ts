import { SweepError } from "../errors.js";

/** Where a sweep lives in Redis: a BullMQ queue and a few keys of its own. */
export interface SweepLocation {
  /** Redis URL, `redis://host:port[/db]`. */
  redis: string;
  /** The sweep's name (the BullMQ queue name); default `"sweep"`. */
  name?: string;
  /** Key prefix; default `"emerge"`. */
  prefix?: string;
}

/** Resolved names of a sweep's queue and keys. */
export interface SweepKeys {
  queue: string;
  prefix: string;
  /** Hash: job id → JSON run record. Results live outside BullMQ's keys so that cleaning the queue keeps them. */
  results: string;
  /** Hash: job id → index, every job ever submitted to the sweep. */
  jobs: string;
}

/**
 * Resolve a {@link SweepLocation}; throws `INVALID_OPTION` on a name BullMQ cannot use.
 *
 * @example
 * ```ts
 * sweepKeys({ redis: "redis://q:6379", name: "wd" }).results; // "emerge-sweep:wd:results"
 * ```
 */
export function sweepKeys(location: SweepLocation): SweepKeys {
  const name = location.name ?? "sweep";
  const prefix = location.prefix ?? "emerge";
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
    throw new SweepError(
      "INVALID_OPTION",
      `sweep name "${name}" may only use letters, digits, "_", "." and "-"`,
    );
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix)) {
    throw new SweepError(
      "INVALID_OPTION",
      `prefix "${prefix}" may only use letters, digits, "_", "." and "-"`,
    );
  }
  return {
    queue: name,
    prefix,
    results: `${prefix}-sweep:${name}:results`,
    jobs: `${prefix}-sweep:${name}:jobs`,
  };
}

/**
 * The BullMQ job id of a sweep job. Prefixed because BullMQ rejects custom ids that look like integers,
 * which a hex hash occasionally does.
 */
export function queueJobId(id: string): string {
  return `run-${id}`;
}
