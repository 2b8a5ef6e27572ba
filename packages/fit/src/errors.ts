/** What went wrong in a fit, so callers can branch on it without parsing messages. */
export type FitErrorCode =
  | "invalid-data"
  | "length-mismatch"
  | "too-few-points"
  | "non-positive"
  | "degenerate-data"
  | "unknown-symbol"
  | "invalid-option"
  | "not-converged";

/** The one error type `@emerge/fit` throws for bad input; `code` names the problem. */
export class FitError extends Error {
  override readonly name = "FitError";
  constructor(
    readonly code: FitErrorCode,
    message: string,
  ) {
    super(message);
  }
}
