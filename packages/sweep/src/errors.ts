/** Machine-readable reasons a sweep call can fail. */
export type SweepErrorCode =
  | "INVALID_SPEC"
  | "INVALID_CONFIG"
  | "INVALID_OPTION"
  | "INVALID_INDEX"
  | "BAD_RESULT"
  | "JOB_MODULE"
  | "WORKER_CRASHED"
  | "REDIS_UNREACHABLE"
  | "ABORTED";

/**
 * The one error class of `@emerge/sweep`: every failure carries a `code` to branch on.
 *
 * @example
 * ```ts
 * try { expandSweep({ grid: { lr: [] } }); } catch (e) { if (e instanceof SweepError) console.log(e.code); }
 * ```
 */
export class SweepError extends Error {
  override readonly name = "SweepError";
  /** Why it failed. */
  readonly code: SweepErrorCode;
  constructor(code: SweepErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Serializable form of an error, as it crosses process and machine boundaries. */
export interface ErrorInfo {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/**
 * Reduce any thrown value to {@link ErrorInfo}.
 *
 * @example
 * ```ts
 * errorInfo(new SweepError("INVALID_SPEC", "bad")); // { name: "SweepError", message: "bad", code: "INVALID_SPEC", stack }
 * ```
 */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === "string" ? { code } : {}),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { name: "Error", message: String(error) };
}
