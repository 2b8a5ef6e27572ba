import type { ErrorInfo } from "../errors.js";
import type { JobProgress } from "../job/job-function.js";

/**
 * What runners report as a sweep progresses: a job skipped (its result already stored), started,
 * progressing, done, scheduled for a retry, or failed for good.
 */
export type SweepEvent =
  | { type: "skip"; id: string; index: number }
  | { type: "start"; id: string; index: number; attempt: number }
  | { type: "progress"; id: string; index: number; progress: JobProgress }
  | { type: "done"; id: string; index: number; attempt: number; wall_s: number; duplicate: boolean }
  | { type: "retry"; id: string; index: number; attempt: number; delayMs: number; error: ErrorInfo }
  | { type: "fail"; id: string; index: number; attempt: number; error: ErrorInfo };
