import { bootstrapSettings } from "../bootstrap.js";
import { optionsObject } from "../engine/options.js";
import { seededSource } from "../engine/seeded.js";
import { lbfgsSolver } from "../solvers/lbfgs.js";
import { quantile, standardDeviation } from "../stats/percentile.js";
import {
  type ChinchillaData,
  type ChinchillaFit,
  type ChinchillaFitOptions,
  type ChinchillaParams,
  fitChinchilla,
  logSpaceData,
  toParams,
} from "./fit-chinchilla.js";
import { chinchillaObjective } from "./objective.js";

/** Options of {@link bootstrapChinchilla}. */
export interface ChinchillaBootstrapOptions extends ChinchillaFitOptions {
  /** Replicates (default 4000, as Epoch AI). */
  readonly replicates?: number;
  /** Seed (default 0). */
  readonly seed?: number | string;
  /**
   * Level of the percentile intervals (default 0.95, as {@link bootstrap}; pass 0.8 for the level
   * Hoffmann et al. and Epoch report, as examples/chinchilla does).
   */
  readonly level?: number;
  /** Full-data fit to start from (computed with the 4500-start grid when omitted). */
  readonly estimate?: ChinchillaFit;
}

/** Name of a Chinchilla-law parameter. */
export type ChinchillaParamName = keyof ChinchillaParams;

/** Bootstrap distribution of the Chinchilla parameters. */
export interface ChinchillaBootstrap {
  readonly estimate: ChinchillaFit;
  readonly samples: Record<ChinchillaParamName, Float64Array>;
  readonly stderr: Record<ChinchillaParamName, number>;
  readonly ci: Record<ChinchillaParamName, [number, number]>;
  readonly level: number;
  readonly replicates: number;
  /** Replicates whose L-BFGS run did not converge (kept; counted for transparency). */
  readonly unconverged: number;
}

const KEYS: ChinchillaParamName[] = ["E", "A", "B", "alpha", "beta"];

/**
 * Case-resampling bootstrap of {@link fitChinchilla}: each replicate draws the points with
 * replacement (as multiplicities, so nothing is copied) and re-minimises the log-space Huber
 * objective by L-BFGS from the full-data optimum.
 *
 * @example
 * ```ts
 * const b = bootstrapChinchilla(chinchillaPoints(), { replicates: 4000, seed: 1 });
 * b.stderr.A;
 * ```
 */
export function bootstrapChinchilla(
  data: ChinchillaData,
  opts: ChinchillaBootstrapOptions = {},
): ChinchillaBootstrap {
  const options = optionsObject(opts);
  const { replicates, level } = bootstrapSettings(options, 4000);
  const delta = options.delta ?? 1e-3;
  const estimate = options.estimate ?? fitChinchilla(data, options);
  const ld = logSpaceData(data);
  const n = ld.logN.length;
  const fg = chinchillaObjective(ld, delta);
  const solve = lbfgsSolver(5, {
    gtol: 1e-9,
    ftol: 1e-13,
    maxIterations: 3000,
    maxEvaluations: 6000,
    ...options.lbfgs,
  });
  const lp = estimate.logParams;
  const x0 = [lp.a, lp.b, lp.e, lp.alpha, lp.beta];
  const rng = seededSource(options.seed ?? 0, "seed");
  const samples = Object.fromEntries(KEYS.map((k) => [k, new Float64Array(replicates)])) as Record<
    ChinchillaParamName,
    Float64Array
  >;
  let unconverged = 0;
  for (let r = 0; r < replicates; r++) {
    ld.weight.fill(0);
    for (let i = 0; i < n; i++) ld.weight[rng.int(n)]! += 1;
    const res = solve(fg, x0);
    if (!res.converged) unconverged++;
    const p = toParams(res.x);
    for (const k of KEYS) samples[k][r] = p[k];
  }
  const stderr = {} as Record<ChinchillaParamName, number>;
  const ci = {} as Record<ChinchillaParamName, [number, number]>;
  for (const k of KEYS) {
    stderr[k] = standardDeviation(samples[k]);
    ci[k] = [quantile(samples[k], (1 - level) / 2), quantile(samples[k], (1 + level) / 2)];
  }
  return { estimate, samples, stderr, ci, level, replicates, unconverged };
}
