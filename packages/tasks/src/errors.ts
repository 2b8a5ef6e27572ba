/**
 * Why a task, scorer or evaluation call refused its input. Stable strings, so callers can
 * branch on `error.code` rather than parse messages.
 */
export type TaskErrorCode =
  | "INVALID_ARGUMENT"
  | "INVALID_MODULUS"
  | "NOT_PRIME"
  | "OUT_OF_RANGE"
  | "EMPTY_SPLIT"
  | "UNKNOWN_FAMILY"
  | "UNKNOWN_OPERATION"
  | "EMPTY_WORD_LIST"
  | "NOT_ENOUGH_EXAMPLES"
  | "HTTP_ERROR"
  | "BAD_RESPONSE"
  | "TIMEOUT"
  | "ABORTED"
  | "RESPONSE_TOO_LARGE"
  | "LIMIT_EXCEEDED"
  | "IO_ERROR";

/**
 * The single error class of `@emerge/tasks`: every refusal carries a {@link TaskErrorCode}.
 *
 * @example
 * ```ts
 * try {
 *   modularDataset({ op: "div", p: 8, trainFraction: 0.5, seed: 0 });
 * } catch (e) {
 *   if (e instanceof TaskError && e.code === "NOT_PRIME") console.log(e.message);
 * }
 * ```
 */
export class TaskError extends Error {
  override readonly name = "TaskError";
  /** A stable machine-readable reason. */
  readonly code: TaskErrorCode;

  constructor(code: TaskErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
