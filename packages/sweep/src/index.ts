/**
 * Sweeps of pure training functions (grokking phase diagrams and the like): expand a grid or seeded
 * random search into jobs keyed by the hash of their config, then run them on a local pool of child
 * processes, on BullMQ workers on any number of machines sharing a Redis server, or one per task of a
 * Kubernetes indexed Job or Slurm array. Node only.
 * @packageDocumentation
 */
export {
  type ErrorInfo,
  errorInfo,
  isDeterministicFailure,
  SweepError,
  type SweepErrorCode,
} from "./errors.js";
export type { JobContext, JobFunction, JobModule, JobProgress, JobSource } from "./job/job-function.js";
export { parseJobModule } from "./job/job-function.js";
export { type JobRunner, jobRunner, type RunContext } from "./job/job-runner.js";
export { sweepLimits } from "./limits.js";
export { writeFileAtomic } from "./node/atomic-write.js";
export { checkRedis } from "./queue/redis-connection.js";
export { parseRedisUrl, redactRedisUrl } from "./queue/redis-url.js";
export { type SweepStatus, status } from "./queue/status.js";
export { type SubmitOptions, type SubmitReport, submit } from "./queue/submit.js";
export { type SweepKeys, type SweepLocation, sweepKeys } from "./queue/sweep-keys.js";
export { type SweepWorker, startWorker, type WorkerOptions, type WorkerReport } from "./queue/worker.js";
export { checkpointDirFor } from "./run/execute-job.js";
export { type LocalRunOptions, type LocalRunReport, runLocal } from "./run/run-local.js";
export { indexFromEnv, parseIndex, selectIndex } from "./run/select-index.js";
export type { SweepEvent } from "./run/sweep-event.js";
export { canonicalJson, type JsonObject, type JsonValue } from "./spec/canonical-json.js";
export { configHash } from "./spec/config-hash.js";
export type { Distribution } from "./spec/distributions.js";
export { expandSweep, type SweepJob } from "./spec/expand-sweep.js";
export { type SweepSpec, validateSweepSpec } from "./spec/sweep-spec.js";
export { directoryStore } from "./store/directory-store.js";
export { memoryStore } from "./store/memory-store.js";
export { redisStore } from "./store/redis-store.js";
export type { ResultStore, RunRecord } from "./store/run-record.js";
export { toCsv } from "./table/csv.js";
export { type Cell, flatten } from "./table/flatten.js";
export { collect, type ResultFiles, resultRow, writeResults } from "./table/write-results.js";
