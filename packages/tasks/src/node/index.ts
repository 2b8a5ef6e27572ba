/**
 * Node-only parts of @emerge/tasks: the evaluation runner over OpenAI-compatible HTTP endpoints,
 * its JSONL cache, and file input/output.
 * @packageDocumentation
 */
export {
  type CachedResponse,
  type CacheKeyParts,
  cacheKey,
  type Durability,
  openCache,
  type ResponseCache,
} from "./cache.js";
export { complete, type GenerationParams, type ModelEndpoint, RequestError, requestBody } from "./client.js";
export {
  cutAtStop,
  type EvaluateOptions,
  type Evaluation,
  type EvaluationResult,
  evaluate,
  type Progress,
} from "./evaluate.js";
export { readInstances, writeEvaluation } from "./io.js";
export { progressBar } from "./progress.js";
