/**
 * A parametric curve f(x; θ) with its exact Jacobian ∂f/∂θ: the unit every fit works on.
 *
 * `x` arrives as one Float64Array per variable (column), all of length `n`; outputs are written
 * into caller-owned arrays so solvers allocate nothing per evaluation.
 */
export interface Model {
  /** Short name, used in reports. */
  readonly name: string;
  /** Parameter names, in the order of every parameter vector. */
  readonly params: readonly string[];
  /** Independent-variable names (one for most curves; `["N", "D"]` for Chinchilla). */
  readonly variables: readonly string[];
  /** Write f(xᵢ; θ) into `out[i]` for i < n. */
  evaluate(theta: ArrayLike<number>, x: readonly Float64Array[], n: number, out: Float64Array): void;
  /**
   * Write ∂f(xᵢ; θ)/∂θⱼ into `out[j·n + i]` (column-major). Models built with
   * `jacobian: "finite-difference"` compute it numerically.
   */
  jacobian(theta: ArrayLike<number>, x: readonly Float64Array[], n: number, out: Float64Array): void;
  /**
   * f(x; θ) in double-double arithmetic, x given as high and low parts, result as high and low
   * parts. When present, the final residual sum of squares is computed with it (formula models).
   */
  evaluatePrecise?(
    theta: ArrayLike<number>,
    xHigh: readonly Float64Array[],
    xLow: readonly Float64Array[],
    n: number,
    outHigh: Float64Array,
    outLow: Float64Array,
  ): void;
  /** Starting points derived from the data (tried in order by multi-start). */
  defaultStarts?(x: readonly Float64Array[], y: Float64Array): number[][];
  /**
   * Box constraints that depend on the data (a break position within a multiple of the observed
   * range, say); when present they replace `lower`/`upper` as the defaults of a fit.
   */
  defaultBounds?(x: readonly Float64Array[], y: Float64Array): { lower: number[]; upper: number[] };
  /** Default box constraints, ±Infinity where free. */
  readonly lower?: readonly number[];
  /** Default box constraints, ±Infinity where free. */
  readonly upper?: readonly number[];
  /** Variables that must be positive because the model takes their logarithm. */
  readonly positive?: readonly string[];
  /** The curve as a formula string, for reports. */
  readonly expression?: string;
}

/** Validate a candidate parameter vector length. @internal */
export function paramIndex(model: Model, name: string): number {
  return model.params.indexOf(name);
}
