/** Codes of {@link LlmResultsError}. */
export type LlmResultsErrorCode =
  | "UNKNOWN_METRIC"
  | "UNKNOWN_FAMILY"
  | "UNKNOWN_MODEL"
  | "UNKNOWN_CHECKPOINTS"
  | "INVALID_OPTION";

/**
 * The one error type of `@emerge/llm-results`: a question the data cannot answer (a metric, family,
 * model or checkpoint series it does not hold), thrown before any work with a message naming the key.
 *
 * @example
 * ```ts
 * try { series("mmlu", { family: "GPT-5" }); } catch (e) { if (e instanceof LlmResultsError) e.code; } // "UNKNOWN_FAMILY"
 * ```
 */
export class LlmResultsError extends Error {
  readonly code: LlmResultsErrorCode;
  constructor(code: LlmResultsErrorCode, message: string) {
    super(message);
    this.name = "LlmResultsError";
    this.code = code;
  }
}
