/** What went wrong in a fit, so callers can branch on it without parsing messages. */
export type FitErrorCode =
  | "INVALID_DATA"
  | "LENGTH_MISMATCH"
  | "TOO_FEW_POINTS"
  | "NON_POSITIVE"
  | "DEGENERATE_DATA"
  | "UNKNOWN_SYMBOL"
  | "INVALID_OPTION"
  | "INVALID_START"
  | "NOT_CONVERGED";

/**
 * The one error type `@emerge/fit` throws for bad input; `code` names the problem.
 *
 * @example
 * ```ts
 * try {
 *   fit(powerLaw(), { x: [1, 2], y: [1, Number.NaN] });
 * } catch (e) {
 *   if (e instanceof FitError && e.code === "INVALID_DATA") console.log(e.message);
 * }
 * ```
 */
export class FitError extends Error {
  override readonly name = "FitError";
  constructor(
    readonly code: FitErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A short, never-throwing description of any value for an error message (`String()` throws on
 * objects without a prototype, and prints every object as "[object Object]"). @internal
 */
export function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return String(v);
  if (typeof v === "function") return "a function";
  try {
    const s = JSON.stringify(v);
    if (s !== undefined) return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    // cyclic or BigInt-holding values: fall through
  }
  return Object.prototype.toString.call(v);
}
