/**
 * Node-only parts of `@emerge/grok`: run directories with checkpoints and resume, and sweeps.
 * @packageDocumentation
 */
export {
  latestCheckpoint,
  type SummaryFile,
  summaryFile,
  type TrainToDirectoryOptions,
  trainToDirectory,
  writeAtomic,
} from "./run-directory.js";
export { applyPoint, gridPoints, type SweepGrid, type SweepJob, type SweepOptions, sweep } from "./sweep.js";
