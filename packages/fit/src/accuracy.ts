import { describeValue, FitError } from "./errors.js";

/**
 * Log relative error, the NIST StRD accuracy measure: the number of correct significant digits of
 * `estimate` against a `certified` value, −log10(|est − cert| / |cert|), capped at `cap`.
 * A wrong sign, NaN or an error as large as the value give 0.
 *
 * @example
 * ```ts
 * logRelativeError(1.0000001, 1); // ≈ 7
 * ```
 */
export function logRelativeError(estimate: number, certified: number, cap = 11): number {
  if (typeof certified !== "number" || !Number.isFinite(certified)) {
    throw new FitError(
      "INVALID_DATA",
      `certified value must be a finite number, got ${describeValue(certified)}`,
    );
  }
  if (typeof cap !== "number" || !(cap > 0)) {
    throw new FitError("INVALID_OPTION", `cap must be a positive number, got ${describeValue(cap)}`);
  }
  if (typeof estimate !== "number" || !Number.isFinite(estimate)) return 0;
  const err = certified === 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
  if (err === 0) return cap;
  return Math.max(0, Math.min(cap, -Math.log10(err)));
}
