import type { Columns } from "../data.js";
import { describeValue, FitError } from "../errors.js";

/**
 * Where residuals are measured: `"linear"` (default) fits y − f(x); `"log"` fits
 * log(y + c) − log(f(x) + c), as scaling-law fits usually do (Hoffmann et al. 2022; Caballero et al.
 * 2023): relative errors weigh equally across decades of loss. `c` (`offset`, default 0) lets values
 * that touch 0 (an error rate, an accuracy above chance) be fitted in log space.
 */
export type SpaceSpec =
  | "linear"
  | "log"
  | { readonly name: "linear" }
  | { readonly name: "log"; readonly offset?: number };

/** A validated space. @internal */
export interface ResolvedSpace {
  readonly name: "linear" | "log";
  /** c in log(y + c); 0 for the linear space. */
  readonly offset: number;
}

/** The linear space. @internal */
export const LINEAR_SPACE: ResolvedSpace = Object.freeze({ name: "linear", offset: 0 });

/** Validate a space option. @internal */
export function resolveSpace(space: SpaceSpec | undefined): ResolvedSpace {
  if (space === undefined || space === "linear") return LINEAR_SPACE;
  if (space === "log") return { name: "log", offset: 0 };
  if (space !== null && typeof space === "object" && (space.name === "linear" || space.name === "log")) {
    if (space.name === "linear") return LINEAR_SPACE;
    const offset = space.offset ?? 0;
    if (typeof offset !== "number" || !Number.isFinite(offset)) {
      throw new FitError(
        "INVALID_OPTION",
        `space.offset must be a finite number, got ${describeValue(offset)}`,
      );
    }
    return { name: "log", offset };
  }
  throw new FitError(
    "INVALID_OPTION",
    `space must be "linear", "log" or { name: "log", offset }, got ${describeValue(space)}`,
  );
}

/** Check that every observation can be transformed: y + c > 0 in log space. @internal */
export function checkSpace(space: ResolvedSpace, cols: Columns): void {
  if (space.name === "linear") return;
  for (let i = 0; i < cols.n; i++) {
    if (!(cols.y[i]! + space.offset > 0)) {
      throw new FitError(
        "NON_POSITIVE",
        `y[${i}] + offset = ${cols.y[i]! + space.offset} must be positive to be fitted in log space (space.offset shifts it)`,
      );
    }
  }
}

/** T(v): v, or log(v + c). Non-finite (NaN) where v + c ≤ 0, which the solver treats as a failed step. @internal */
export function toSpace(space: ResolvedSpace, v: number): number {
  return space.name === "linear" ? v : Math.log(v + space.offset);
}

/** T′(v): 1, or 1/(v + c). @internal */
export function spaceSlope(space: ResolvedSpace, v: number): number {
  return space.name === "linear" ? 1 : 1 / (v + space.offset);
}

/**
 * Standard deviation of observation i in the fitted space: σᵢ, or σᵢ/(yᵢ + c) in log space (delta
 * method). Without σ every point weighs 1 in the space it is fitted in (unit weights on log
 * residuals, as the scaling-law literature fits). @internal
 */
export function spaceSigma(
  space: ResolvedSpace,
  sigma: Float64Array | undefined,
  y: Float64Array,
  i: number,
): number {
  if (!sigma) return 1;
  return space.name === "linear" ? sigma[i]! : sigma[i]! * spaceSlope(space, y[i]!);
}

/** T⁻¹(t): t, or eᵗ − c. @internal */
export function fromSpace(space: ResolvedSpace, t: number): number {
  return space.name === "linear" ? t : Math.exp(t) - space.offset;
}
