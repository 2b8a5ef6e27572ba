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
