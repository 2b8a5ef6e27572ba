/**
 * Node-only parts of @emerge/tasks: the evaluation runner over OpenAI-compatible HTTP endpoints,
 * its JSONL cache, and file input/output.
 * @packageDocumentation
 */

export { writeFileAtomic } from "./atomic-write.js";
export {
  type CachedResponse,
  type CacheKeyParts,
  cacheKey,
  type Durability,
  openCache,
  type ResponseCache,
} from "./cache.js";
export {
  type CompleteOptions,
  complete,
  type EndpointAuth,
  endpointAuth,
  type GenerationParams,
  type ModelEndpoint,
  RequestError,
  requestBody,
} from "./client.js";
export { type EndpointUrl, redactUrl, splitCredentials } from "./endpoint-url.js";
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
export { REDACTED, secretRedactor } from "./redact.js";
