/**
 * Node-only parts of `@emerge/grok`: run directories (owned, locked, atomically written), checkpoints
 * and resume, and reading a run back.
 * @packageDocumentation
 */
export { writeAtomic } from "./atomic-write.js";
export { loadRun } from "./load-run.js";
export {
  latestCheckpoint,
  maxKeepCheckpoints,
  resumableKeys,
  type TrainToDirectoryOptions,
  trainToDirectory,
} from "./run-directory.js";
export { type ConfigFile, runFiles, type SummaryFile, summaryFile } from "./run-files.js";
export { lockFileName } from "./run-lock.js";
