/** What went wrong in a fit, so callers can branch on it without parsing messages. */
export type FitErrorCode =
  | "invalid-data"
  | "length-mismatch"
  | "too-few-points"
  | "non-positive"
  | "degenerate-data"
  | "unknown-symbol"
  | "invalid-option"
  | "invalid-start"
  | "not-converged";

/**
 * The one error type `@emerge/fit` throws for bad input; `code` names the problem.
 *
 * @example
 * ```ts
 * try {
 *   fit(powerLaw(), { x: [1, 2], y: [1, Number.NaN] });
 * } catch (e) {
 *   if (e instanceof FitError && e.code === "invalid-data") console.log(e.message);
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
