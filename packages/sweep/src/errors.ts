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
  | "LIMIT_EXCEEDED"
  | "IO_ERROR"
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
  /** For `ABORTED` by a process signal (SIGINT, SIGTERM): which one, so a CLI can exit 128 + its number. */
  readonly signal?: NodeJS.Signals;
  constructor(code: SweepErrorCode, message: string, options?: { cause?: unknown; signal?: NodeJS.Signals }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.signal) this.signal = options.signal;
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

/**
 * Whether an error will happen again on every attempt, so retrying only wastes time: a job module
 * that cannot load, a result that is not JSON, and any `INVALID_*` code — the convention every emerge
 * package follows for bad input (a sweep's own `INVALID_CONFIG`, `@emerge/grok`'s `INVALID_CONFIG`
 * for a config it refuses). Such a job fails at once, whatever its `attempts`.
 *
 * @example
 * ```ts
 * isDeterministicFailure(new SweepError("INVALID_CONFIG", "p must be prime")); // true
 * isDeterministicFailure(new Error("ECONNRESET")); // false
 * ```
 */
export function isDeterministicFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return code === "JOB_MODULE" || code === "BAD_RESULT" || code.startsWith("INVALID_");
}
