import { describeValue, FitError } from "../errors.js";
import type { LevenbergMarquardtOptions } from "../solvers/levenberg-marquardt.js";
import { LIMITS } from "./limits.js";

/** A numeric option: undefined (use the default) or a number satisfying `ok`. */
function checkNumber(options: object, key: string, ok: (v: number) => boolean, rule: string): void {
  const v = (options as Record<string, unknown>)[key];
  if (v === undefined) return;
  if (typeof v !== "number" || !ok(v)) {
    throw new FitError("INVALID_OPTION", `${key} must be ${rule}, got ${describeValue(v)}`);
  }
}

/**
 * Validate the solver's numeric settings before any work: tolerances finite and ≥ 0, the
 * evaluation budget a positive integer up to {@link LIMITS}.evaluations, the step bound positive.
 * @internal
 */
export function checkSolverOptions(options: LevenbergMarquardtOptions): void {
  if (options === null || typeof options !== "object") {
    throw new FitError("INVALID_OPTION", `options must be an object, got ${describeValue(options)}`);
  }
  const tol = (v: number) => Number.isFinite(v) && v >= 0;
  checkNumber(options, "ftol", tol, "a finite number ≥ 0");
  checkNumber(options, "xtol", tol, "a finite number ≥ 0");
  checkNumber(options, "gtol", tol, "a finite number ≥ 0");
  checkNumber(
    options,
    "maxEvaluations",
    (v) => Number.isInteger(v) && v >= 1 && v <= LIMITS.evaluations,
    `an integer in [1, ${LIMITS.evaluations}]`,
  );
  checkNumber(options, "stepBound", (v) => Number.isFinite(v) && v > 0, "a positive finite number");
}

/** Validate a count option against its upper bound. @internal */
export function checkCount(value: unknown, key: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new FitError(
      "INVALID_OPTION",
      `${key} must be an integer in [${min}, ${max}], got ${describeValue(value)}`,
    );
  }
  return value;
}

/** `options` itself: an object (or omitted), never null, a number or an array. @internal */
export function optionsObject<T extends object>(options: T | undefined, what = "options"): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new FitError("INVALID_OPTION", `${what} must be an object, got ${describeValue(options)}`);
  }
  return options;
}
