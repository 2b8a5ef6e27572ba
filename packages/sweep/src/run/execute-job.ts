import { mkdir } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { SweepError } from "../errors.js";
import type { JobProgress } from "../job/job-function.js";
import type { JobRunner } from "../job/job-runner.js";
import { canonicalJson } from "../spec/canonical-json.js";
import type { SweepJob } from "../spec/expand-sweep.js";
import type { ResultStore, RunRecord } from "../store/run-record.js";

/** Name of this process in run records. */
export const WORKER_NAME = `${hostname()}:${process.pid}`;

/**
 * The checkpoint directory of a job under a work directory: stable across attempts and machines.
 *
 * @example
 * ```ts
 * checkpointDirFor("/shared/sweep-work", job.id); // "/shared/sweep-work/<id>"
 * ```
 */
export function checkpointDirFor(workDir: string, id: string): string {
  return join(workDir, id);
}

/**
 * Run one attempt of a job and store its record (first write wins). Shared by every runner so that
 * local pools, `--index` runs and queue workers write identical records.
 */
export async function executeJob(
  job: SweepJob,
  runner: JobRunner,
  options: {
    store: ResultStore;
    workDir: string;
    attempt: number;
    signal?: AbortSignal;
    onProgress?: (progress: JobProgress) => void;
  },
): Promise<{ record: RunRecord; stored: boolean }> {
  const checkpointDir = checkpointDirFor(options.workDir, job.id);
  await mkdir(checkpointDir, { recursive: true });
  const started = performance.now();
  const result = await runner.run(job, {
    checkpointDir,
    attempt: options.attempt,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  try {
    canonicalJson(result);
  } catch (error) {
    throw new SweepError(
      "BAD_RESULT",
      `job ${job.id} returned a result that is not JSON: ${(error as Error).message}`,
    );
  }
  const record: RunRecord = {
    id: job.id,
    index: job.index,
    config: job.config,
    result,
    attempt: options.attempt,
    worker: WORKER_NAME,
    finishedAt: new Date().toISOString(),
    wall_s: (performance.now() - started) / 1000,
  };
  const stored = await options.store.put(record);
  return { record, stored };
}
