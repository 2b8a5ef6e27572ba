import type { JsonObject, JsonValue } from "../spec/canonical-json.js";

/** What a job reports while it runs; shown by `emerge-sweep status` and passed to progress callbacks. */
export interface JobProgress {
  /** Work done so far, in the job's own unit (training steps, samples…). */
  step: number;
  /** Total work, when known. */
  total?: number;
  /** A few current numbers worth showing (e.g. `{ testAcc: 0.42 }`). */
  metrics?: Record<string, number>;
}

/** What a job function receives besides its config. */
export interface JobContext {
  /** The job id (hash of the config). */
  readonly id: string;
  /**
   * A directory owned by this job, the same on every attempt: write checkpoints here so that a retried
   * job resumes rather than restarts. It exists when the job starts.
   */
  readonly checkpointDir: string;
  /** 1 on the first attempt, 2 on the first retry… (a stalled job restarted elsewhere keeps its count). */
  readonly attempt: number;
  /** Aborted when the runner shuts down; stop soon after, leaving a checkpoint. */
  readonly signal: AbortSignal;
  /** Report progress; cheap to call often (runners throttle what they forward). */
  onProgress(progress: JobProgress): void;
}

/**
 * A job function: the result must be a pure function of `config` (same config → same result on any
 * machine, at any attempt), which is what lets results be keyed by the config hash and compared across
 * runners. The result must be JSON (no `NaN`/`Infinity`); keep it small (a summary), and write bulky
 * outputs (curves, weights) to `ctx.checkpointDir`.
 *
 * @example
 * ```ts
 * const square: JobFunction<{ x: number }, { y: number }> = async (config) => ({ y: config.x ** 2 });
 * ```
 */
export type JobFunction<C extends JsonObject = JsonObject, R extends JsonValue = JsonValue> = (
  config: C,
  ctx: JobContext,
) => Promise<R>;

/**
 * A job function by module, so that it can be loaded in child processes and on other machines:
 * `module` is a path (relative to the working directory) or a package specifier; `export` names the
 * export (default: `default`, then `job`).
 *
 * @example
 * ```ts
 * const ref: JobModule = { module: "./jobs/train.mjs", export: "train" };
 * ```
 */
export interface JobModule {
  module: string;
  export?: string;
}

/** A job as given to a runner: a function to call in this process, or a module to load in child processes. */
export type JobSource = JobFunction | JobModule;

/**
 * Parse the CLI form `path/to/module.mjs#exportName` into a {@link JobModule}.
 *
 * @example
 * ```ts
 * parseJobModule("./train.mjs#train"); // { module: "./train.mjs", export: "train" }
 * ```
 */
export function parseJobModule(text: string): JobModule {
  const hash = text.lastIndexOf("#");
  if (hash <= 0) return { module: text };
  return { module: text.slice(0, hash), export: text.slice(hash + 1) };
}
