import { SweepError } from "../errors.js";
import type { SweepJob } from "../spec/expand-sweep.js";

/**
 * The index a batch scheduler gave this task: Kubernetes indexed Jobs set `JOB_COMPLETION_INDEX`,
 * Slurm job arrays `SLURM_ARRAY_TASK_ID` (minus `SLURM_ARRAY_TASK_MIN`, so `--array=1-N` works too).
 * Throws `INVALID_INDEX` when neither is set.
 *
 * @example
 * ```ts
 * indexFromEnv({ JOB_COMPLETION_INDEX: "3" }); // 3
 * ```
 */
export function indexFromEnv(env: Record<string, string | undefined> = process.env): number {
  if (env.JOB_COMPLETION_INDEX !== undefined)
    return parseIndex(env.JOB_COMPLETION_INDEX, "JOB_COMPLETION_INDEX");
  if (env.SLURM_ARRAY_TASK_ID !== undefined) {
    const id = parseIndex(env.SLURM_ARRAY_TASK_ID, "SLURM_ARRAY_TASK_ID");
    const min =
      env.SLURM_ARRAY_TASK_MIN === undefined
        ? 0
        : parseIndex(env.SLURM_ARRAY_TASK_MIN, "SLURM_ARRAY_TASK_MIN");
    return id - min;
  }
  throw new SweepError(
    "INVALID_INDEX",
    "--index env: neither JOB_COMPLETION_INDEX (Kubernetes indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm array) is set",
  );
}

/**
 * Parse a non-negative integer index or throw `INVALID_INDEX`.
 *
 * @example
 * ```ts
 * parseIndex("7"); // 7
 * ```
 */
export function parseIndex(text: string, what = "--index"): number {
  if (!/^\d+$/.test(text.trim()))
    throw new SweepError("INVALID_INDEX", `${what} must be a non-negative integer, got "${text}"`);
  return Number(text.trim());
}

/**
 * The jobs task `index` of `stride` tasks runs: job `index`, `index + stride`, `index + 2·stride`…
 * With `stride` 1 (the default) that is exactly one job, for an array as large as the sweep; a larger
 * stride fits a big sweep into a capped array size.
 *
 * @example
 * ```ts
 * selectIndex(jobs, 2, 4).map((j) => j.index); // [2, 6, 10, …]
 * ```
 */
export function selectIndex(jobs: readonly SweepJob[], index: number, stride?: number): SweepJob[] {
  if (!Number.isInteger(index) || index < 0)
    throw new SweepError("INVALID_INDEX", `index must be ≥ 0, got ${index}`);
  if (stride === undefined) {
    const job = jobs[index];
    if (!job)
      throw new SweepError("INVALID_INDEX", `index ${index} is outside the sweep (0…${jobs.length - 1})`);
    return [job];
  }
  if (!Number.isInteger(stride) || stride < 1)
    throw new SweepError("INVALID_INDEX", `stride must be ≥ 1, got ${stride}`);
  if (index >= stride) throw new SweepError("INVALID_INDEX", `index ${index} must be < stride ${stride}`);
  return jobs.filter((j) => j.index % stride === index);
}
