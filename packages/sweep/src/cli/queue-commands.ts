/** The CLI's queue-side modules, bundled into one lazily loaded chunk. */
export { checkRedis, redisClient } from "../queue/redis-connection.js";
export { status } from "../queue/status.js";
export { submit } from "../queue/submit.js";
export { sweepKeys } from "../queue/sweep-keys.js";
export { startWorker } from "../queue/worker.js";
export { redisStore } from "../store/redis-store.js";
