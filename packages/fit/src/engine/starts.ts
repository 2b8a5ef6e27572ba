import type { Columns } from "../data.js";
import { describeValue, FitError } from "../errors.js";
import type { Model } from "../models/model.js";
import { LIMITS } from "./limits.js";
import { checkCount } from "./options.js";
import { type ParamInput, paramVector } from "./params.js";
import type { ProblemSetup } from "./problem.js";
import { seededSource } from "./seeded.js";

/** Latin-hypercube multi-start over a box. */
export interface LatinHypercubeStarts {
  /** Number of starting points (at most 10 000 starts in all). */
  readonly count: number;
  /** Sampling range per parameter, `[lo, hi]`, in `model.params` order or by name. */
  readonly ranges:
    | readonly (readonly [number, number])[]
    | Readonly<Record<string, readonly [number, number]>>;
  /** Sample log-uniformly for these parameters (ranges must be positive). */
  readonly logScale?: readonly string[];
  /** Seed of the sample (default 0). */
  readonly seed?: number | string;
}

/** The options that choose starting points. @internal */
export interface StartOptions {
  readonly start?: ParamInput;
  readonly starts?: readonly ParamInput[];
  readonly latinHypercube?: LatinHypercubeStarts;
}

/** Latin-hypercube sample of starting points. @internal */
export function latinHypercube(model: Model, spec: LatinHypercubeStarts): number[][] {
  if (spec === null || typeof spec !== "object") {
    throw new FitError(
      "INVALID_OPTION",
      `latinHypercube must be { count, ranges }, got ${describeValue(spec)}`,
    );
  }
  const p = model.params.length;
  const count = checkCount(spec.count, "latinHypercube.count", 1, LIMITS.starts);
  if (spec.ranges === null || typeof spec.ranges !== "object") {
    throw new FitError("INVALID_OPTION", "latinHypercube.ranges must be an array or a record of [lo, hi]");
  }
  const ranges: (readonly [number, number])[] = Array.isArray(spec.ranges)
    ? (spec.ranges as readonly (readonly [number, number])[]).slice()
    : model.params.map((name) => {
        const rec = spec.ranges as Readonly<Record<string, readonly [number, number]>>;
        if (!Object.hasOwn(rec, name))
          throw new FitError("INVALID_OPTION", `latinHypercube.ranges is missing "${name}"`);
        return rec[name]!;
      });
  if (ranges.length !== p) throw new FitError("LENGTH_MISMATCH", `latinHypercube.ranges needs ${p} entries`);
  const logs = new Set(spec.logScale ?? []);
  ranges.forEach((r, j) => {
    const name = model.params[j]!;
    const [lo, hi] = Array.isArray(r) ? r : [Number.NaN, Number.NaN];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo) || (logs.has(name) && !(lo > 0))) {
      throw new FitError("INVALID_OPTION", `invalid latinHypercube range for "${name}": [${lo}, ${hi}]`);
    }
  });
  const rng = seededSource(spec.seed ?? 0, "latinHypercube.seed");
  const out = Array.from({ length: count }, () => new Array<number>(p).fill(0));
  ranges.forEach(([lo, hi], j) => {
    const log = logs.has(model.params[j]!);
    const strata = rng.shuffle(Array.from({ length: count }, (_, i) => i));
    for (let i = 0; i < count; i++) {
      const u = (strata[i]! + rng.float()) / count;
      out[i]![j] = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
    }
  });
  return out;
}

/**
 * Starting points: the user's start, starts and Latin-hypercube sample, else the model's
 * data-driven defaults; fixed values written in and every start clamped into the bounds. @internal
 */
export function resolveStarts(
  model: Model,
  cols: Columns | undefined,
  options: StartOptions,
  problem: Pick<ProblemSetup, "lower" | "upper" | "fixedValues">,
): number[][] {
  const { lower, upper, fixedValues } = problem;
  const p = model.params.length;
  const starts: number[][] = [];
  if (options.start !== undefined) starts.push(paramVector(model, options.start, "start"));
  if (options.starts !== undefined) {
    if (!Array.isArray(options.starts))
      throw new FitError("INVALID_OPTION", "starts must be an array of parameter vectors");
    checkCount(options.starts.length, "starts.length", 0, LIMITS.starts);
    for (const s of options.starts) starts.push(paramVector(model, s, "a start"));
  }
  if (options.latinHypercube) starts.push(...latinHypercube(model, options.latinHypercube));
  if (starts.length > LIMITS.starts) {
    throw new FitError(
      "INVALID_OPTION",
      `starts: ${starts.length} starting points in all, at most ${LIMITS.starts}`,
    );
  }
  if (starts.length === 0 && model.defaultStarts && cols) starts.push(...model.defaultStarts(cols.x, cols.y));
  if (starts.length === 0) {
    throw new FitError("INVALID_OPTION", `model "${model.name}" has no default starts: pass options.start`);
  }
  for (const s of starts) {
    for (const [j, v] of fixedValues) s[j] = v;
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(s[j]!)) {
        throw new FitError("INVALID_START", `start value of "${model.params[j]}" is not finite (${s[j]})`);
      }
      s[j] = Math.min(upper[j]!, Math.max(lower[j]!, s[j]!));
    }
  }
  return starts;
}
