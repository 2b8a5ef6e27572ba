import { normalQuantile } from "../stats/distributions.js";
import { logLinearTrend } from "./log-linear-trend.js";
import { type Noise, pointSd, sliceNoise } from "./noise.js";

/** One larger size predicted from the trend of the smaller ones. */
export interface PredictedPoint {
  readonly size: number;
  readonly observed: number;
  /** The smaller sizes' straight-line trend in log size, clipped to the metric's bounds. */
  readonly predicted: number;
  /** Prediction band at the result's `level`: trend uncertainty plus the point's own noise. */
  readonly lower: number;
  readonly upper: number;
  /** (observed − predicted)/sd, signed so that positive means better than predicted. */
  readonly z: number;
}

/**
 * Wei et al.'s "not predictable by extrapolating the smaller models", measured: a straight line in log
 * size (the smooth alternative) fitted to the sizes below the sigmoid's midpoint, extrapolated to the
 * larger ones.
 */
export interface Predictability {
  /** How many of the smallest sizes the trend was fitted on. */
  readonly fittedOn: number;
  /** The larger sizes, each against its prediction. */
  readonly points: readonly PredictedPoint[];
  /** Largest z over the larger sizes (better than predicted is positive). */
  readonly maxZ: number;
  /** How many larger sizes lie above the prediction band (better than the smaller ones predict). */
  readonly aboveBand: number;
}

/**
 * Fit the straight line on the first `fittedOn` points and compare the rest against it.
 * `scale` multiplies every noise sd (the residual sd when the noise is estimated; 1 otherwise).
 * @internal
 */
export function predictability(
  sizes: readonly number[],
  y: readonly number[],
  noise: Noise,
  scale: number,
  fittedOn: number,
  bounds: readonly [number, number],
  sign: 1 | -1,
  level: number,
): Predictability {
  const lx = sizes.map(Math.log10);
  const trend = logLinearTrend(lx.slice(0, fittedOn), y.slice(0, fittedOn), sliceNoise(noise, 0, fittedOn));
  const zq = normalQuantile(0.5 + level / 2);
  const points: PredictedPoint[] = [];
  for (let i = fittedOn; i < y.length; i++) {
    const predicted = Math.min(bounds[1], Math.max(bounds[0], trend.value(lx[i]!)));
    const sd = Math.sqrt(
      trend.variance(lx[i]!) * scale * scale + (scale * pointSd(noise, i, predicted)) ** 2,
    );
    const z = (sign * (y[i]! - predicted)) / sd;
    points.push({
      size: sizes[i]!,
      observed: y[i]!,
      predicted,
      lower: Math.max(bounds[0], predicted - zq * sd),
      upper: Math.min(bounds[1], predicted + zq * sd),
      z,
    });
  }
  const maxZ = points.reduce((m, p) => Math.max(m, p.z), Number.NEGATIVE_INFINITY);
  return { fittedOn, points, maxZ, aboveBand: points.filter((p) => p.z > zq).length };
}
