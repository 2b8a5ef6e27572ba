import { describeValue, FitError } from "./errors.js";
import type { Model } from "./models/model.js";

/** Values of the independent variable(s): one array, or one array per variable name. */
export type XInput =
  | readonly number[]
  | Float64Array
  | Readonly<Record<string, readonly number[] | Float64Array>>;

/** Observations to fit. */
export interface FitData {
  /** The independent variable(s); a record keyed by `model.variables` for multi-variable models. */
  readonly x: XInput;
  /** The observed responses. */
  readonly y: readonly number[] | Float64Array;
  /** Standard deviation of each observation (weights 1/σ²); all 1 when omitted. */
  readonly sigma?: readonly number[] | Float64Array;
}

/** Data validated and laid out as Float64Array columns. @internal */
export interface Columns {
  readonly x: Float64Array[];
  readonly y: Float64Array;
  readonly sigma: Float64Array | undefined;
  readonly n: number;
}

function isArrayLike(v: unknown): v is readonly number[] | Float64Array {
  return Array.isArray(v) || v instanceof Float64Array;
}

function finiteColumn(values: readonly number[] | Float64Array, what: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new FitError(
        "INVALID_DATA",
        `${what}[${i}] is ${describeValue(v)}; every value must be a finite number`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** Read x given per variable (or as one array for one-variable models) into columns. @internal */
export function xColumns(model: Model, x: XInput, what = "x"): Float64Array[] {
  if (isArrayLike(x)) {
    if (model.variables.length !== 1) {
      throw new FitError(
        "INVALID_DATA",
        `model "${model.name}" has variables ${model.variables.join(", ")}: pass x as a record of arrays`,
      );
    }
    return checkPositive(model, [finiteColumn(x, what)], what);
  }
  if (typeof x !== "object" || x === null)
    throw new FitError("INVALID_DATA", `${what} must be an array or a record`);
  const cols = model.variables.map((v) => {
    const col = (x as Record<string, readonly number[] | Float64Array | undefined>)[v];
    if (col === undefined || !isArrayLike(col)) {
      throw new FitError(
        "INVALID_DATA",
        `${what}.${v} is missing: model "${model.name}" needs ${model.variables.join(", ")}`,
      );
    }
    return finiteColumn(col, `${what}.${v}`);
  });
  const len = cols[0]?.length ?? 0;
  for (const [k, c] of cols.entries()) {
    if (c.length !== len) {
      throw new FitError(
        "LENGTH_MISMATCH",
        `${what}.${model.variables[k]} has ${c.length} values, expected ${len}`,
      );
    }
  }
  return checkPositive(model, cols, what);
}

function checkPositive(model: Model, cols: Float64Array[], what: string): Float64Array[] {
  for (const v of model.positive ?? []) {
    const k = model.variables.indexOf(v);
    if (k >= 0) requirePositive(cols[k]!, model.variables.length > 1 ? `${what}.${v}` : what);
  }
  return cols;
}

/** Validate observations against a model. @internal */
export function toColumns(model: Model, data: FitData, freeParams: number): Columns {
  if (data === null || typeof data !== "object") throw new FitError("INVALID_DATA", "data must be { x, y }");
  if (!isArrayLike(data.y)) throw new FitError("INVALID_DATA", "data.y must be an array of numbers");
  const x = xColumns(model, data.x);
  const y = finiteColumn(data.y, "y");
  const n = y.length;
  for (const [k, c] of x.entries()) {
    if (c.length !== n) {
      throw new FitError(
        "LENGTH_MISMATCH",
        `x${model.variables.length > 1 ? `.${model.variables[k]}` : ""} has ${c.length} values but y has ${n}`,
      );
    }
  }
  let sigma: Float64Array | undefined;
  if (data.sigma !== undefined) {
    if (!isArrayLike(data.sigma))
      throw new FitError("INVALID_DATA", "data.sigma must be an array of numbers");
    sigma = finiteColumn(data.sigma, "sigma");
    if (sigma.length !== n)
      throw new FitError("LENGTH_MISMATCH", `sigma has ${sigma.length} values but y has ${n}`);
    for (let i = 0; i < n; i++) {
      if (!(sigma[i]! > 0)) throw new FitError("NON_POSITIVE", `sigma[${i}] = ${sigma[i]} must be positive`);
    }
  }
  if (n <= freeParams) {
    throw new FitError(
      "TOO_FEW_POINTS",
      `${n} points cannot determine ${freeParams} parameters with uncertainty: need at least ${freeParams + 1}`,
    );
  }
  for (const [k, c] of x.entries()) {
    let same = true;
    for (let i = 1; i < n && same; i++) same = c[i] === c[0];
    if (same) {
      throw new FitError(
        "DEGENERATE_DATA",
        `all ${n} values of ${model.variables[k]} are equal (${c[0]}): the curve's shape is not identifiable`,
      );
    }
  }
  return { x, y, sigma, n };
}

/** Throw if any value is ≤ 0 where a logarithm will be taken. @internal */
export function requirePositive(values: Float64Array | readonly number[], what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!(values[i]! > 0)) {
      throw new FitError(
        "NON_POSITIVE",
        `${what}[${i}] = ${values[i]} must be positive (its logarithm is taken)`,
      );
    }
  }
}
