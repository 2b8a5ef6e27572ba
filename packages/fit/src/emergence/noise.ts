/**
 * How much each score can move by chance alone: the yardstick every emergence test measures against.
 *
 * Three sources, in order of preference: the number of questions behind each score (binomial,
 * Var = p(1 − p)/trials on the metric's [min, max] scale), standard errors the caller already has, or,
 * failing both, one residual standard deviation estimated from the most flexible curve's fit.
 * @internal
 */
export type Noise =
  | {
      readonly kind: "binomial";
      readonly trials: readonly number[];
      readonly bounds: readonly [number, number];
    }
  | { readonly kind: "sigma"; readonly sigma: readonly number[] }
  | { readonly kind: "estimated" };

/**
 * Standard deviation of point `i` when its expected value is `mu` (1 for estimated noise: the caller
 * rescales by the estimate). The binomial proportion is shrunk towards ½ by half a question
 * ((k + ½)/(n + 1)), so a score of exactly 0 or 1 still has a finite, honest spread.
 * @internal
 */
export function pointSd(noise: Noise, i: number, mu: number): number {
  if (noise.kind === "sigma") return noise.sigma[i]!;
  if (noise.kind === "estimated") return 1;
  const [lo, hi] = noise.bounds;
  const span = hi - lo;
  const n = noise.trials[i]!;
  const u = Math.min(1, Math.max(0, (mu - lo) / span));
  const shrunk = (u * n + 0.5) / (n + 1);
  return span * Math.sqrt((shrunk * (1 - shrunk)) / n);
}

/** Pearson χ² of fitted values against scores: Σ ((yᵢ − μᵢ)/sdᵢ(μᵢ))². @internal */
export function pearsonChiSquare(noise: Noise, y: readonly number[], mu: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const r = (y[i]! - mu[i]!) / pointSd(noise, i, mu[i]!);
    s += r * r;
  }
  return s;
}

/** Restrict a noise model to the points `from ≤ i < to` (for fits on the smaller sizes). @internal */
export function sliceNoise(noise: Noise, from: number, to: number): Noise {
  if (noise.kind === "binomial") return { ...noise, trials: noise.trials.slice(from, to) };
  if (noise.kind === "sigma") return { kind: "sigma", sigma: noise.sigma.slice(from, to) };
  return noise;
}
