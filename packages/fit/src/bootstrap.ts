import { type FitData, toColumns } from "./data.js";
import { checkModel } from "./engine/check-model.js";
import { finish } from "./engine/finish.js";
import { LIMITS } from "./engine/limits.js";
import { solveFromStarts } from "./engine/multistart.js";
import { optionsObject } from "./engine/options.js";
import { paramRecord } from "./engine/params.js";
import { seededSource } from "./engine/seeded.js";
import { fitSetup } from "./engine/setup.js";
import { describeValue, FitError } from "./errors.js";
import { checkFitOptions, type FitOptions } from "./fit.js";
import type { Model } from "./models/model.js";
import type { FitResult } from "./result.js";
import { quantile, standardDeviation } from "./stats/percentile.js";

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** Number of replicates (default 1000, at most 1 000 000). */
  readonly replicates?: number;
  /** Seed of the resampling (default 0). */
  readonly seed?: number | string;
  /**
   * `"case"` (default) resamples (x, y) pairs; `"residual"` keeps x and adds resampled,
   * leverage-inflated residuals to the fitted curve, which suits few, designed sizes.
   */
  readonly method?: "case" | "residual";
  /** Level of the percentile intervals (default 0.95). */
  readonly level?: number;
  /** Options of every refit (starts are replaced by the full-data estimate). */
  readonly fit?: FitOptions;
}

/** Bootstrap distribution of the parameters of a fit. */
export interface BootstrapResult {
  /** The fit to the full data. */
  readonly estimate: FitResult;
  /** Replicate estimates per parameter (converged replicates only). */
  readonly samples: Record<string, number[]>;
  /** Bootstrap standard errors. */
  readonly stderr: Record<string, number>;
  /** Percentile intervals at `level`. */
  readonly ci: Record<string, [number, number]>;
  readonly level: number;
  readonly replicates: number;
  /** Replicates whose refit failed or did not converge (excluded). */
  readonly failures: number;
}

/** Check bootstrap settings. @internal */
export function bootstrapSettings(o: { replicates?: number; level?: number }, defaultReplicates: number) {
  const replicates = o.replicates ?? defaultReplicates;
  const level = o.level ?? 0.95;
  if (
    typeof replicates !== "number" ||
    !Number.isInteger(replicates) ||
    replicates < 2 ||
    replicates > LIMITS.replicates
  ) {
    throw new FitError(
      "INVALID_OPTION",
      `replicates must be an integer in [2, ${LIMITS.replicates}], got ${describeValue(replicates)}`,
    );
  }
  if (typeof level !== "number" || !(level > 0 && level < 1))
    throw new FitError("INVALID_OPTION", `level must be in (0, 1), got ${level}`);
  return { replicates, level };
}

/**
 * Seeded bootstrap of a fit: refit `replicates` resampled datasets from the full-data estimate
 * and report percentile intervals and standard errors per parameter.
 *
 * @example
 * ```ts
 * const b = bootstrap(powerLaw(), { x, y }, { replicates: 500, seed: 1, method: "residual" });
 * b.ci.alpha; // [lo, hi]
 * ```
 */
export function bootstrap(model: Model, data: FitData, opts: BootstrapOptions = {}): BootstrapResult {
  checkModel(model);
  const options = optionsObject(opts);
  const { replicates, level } = bootstrapSettings(options, 1000);
  const method = options.method ?? "case";
  if (method !== "case" && method !== "residual")
    throw new FitError("INVALID_OPTION", `unknown method "${method}"`);
  const fitOptions = optionsObject(options.fit, "fit");
  const { absoluteSigma, freeCount } = checkFitOptions(fitOptions);
  const cols = toColumns(model, data, freeCount(model));
  const setup = fitSetup(model, cols, fitOptions);
  const solved = solveFromStarts(model, cols, setup, fitOptions);
  const estimate = finish(model, cols, setup, solved, absoluteSigma);
  const rng = seededSource(options.seed ?? 0, "seed");
  const n = cols.n;
  const fitted = new Float64Array(n);
  model.evaluate(solved.theta, cols.x, n, fitted);
  const std = new Float64Array(n);
  const inflate = Math.sqrt(n / Math.max(1, estimate.dof));
  for (let i = 0; i < n; i++)
    std[i] = ((cols.y[i]! - fitted[i]!) / (cols.sigma ? cols.sigma[i]! : 1)) * inflate;
  const samples = paramRecord<number[]>(model.params, () => []);
  const bootSetup = { ...setup, starts: [Array.from(solved.theta)] };
  let failures = 0;
  const xs = cols.x.map(() => new Float64Array(n));
  const ys = new Float64Array(n);
  const ss = cols.sigma ? new Float64Array(n) : undefined;
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < n; i++) {
      if (method === "case") {
        const k = rng.int(n);
        cols.x.forEach((c, v) => {
          xs[v]![i] = c[k]!;
        });
        ys[i] = cols.y[k]!;
        if (ss) ss[i] = cols.sigma![k]!;
      } else {
        const k = rng.int(n);
        cols.x.forEach((c, v) => {
          xs[v]![i] = c[i]!;
        });
        const s = cols.sigma ? cols.sigma[i]! : 1;
        ys[i] = fitted[i]! + s * std[k]!;
        if (ss) ss[i] = s;
      }
    }
    try {
      const rc = { x: xs, y: ys, sigma: ss, n };
      const res = solveFromStarts(model, rc, bootSetup, fitOptions);
      if (!res.best.converged || !Array.from(res.theta).every(Number.isFinite)) {
        failures++;
        continue;
      }
      model.params.forEach((p, j) => {
        samples[p]!.push(res.theta[j]!);
      });
    } catch (e) {
      if (!(e instanceof FitError)) throw e;
      failures++;
    }
  }
  if (failures === replicates)
    throw new FitError("NOT_CONVERGED", "no bootstrap replicate could be refitted");
  const stderr = paramRecord(model.params, (p) => standardDeviation(samples[p]!));
  const ci = paramRecord(model.params, (p): [number, number] => [
    quantile(samples[p]!, (1 - level) / 2),
    quantile(samples[p]!, (1 + level) / 2),
  ]);
  return { estimate, samples, stderr, ci, level, replicates, failures };
}
