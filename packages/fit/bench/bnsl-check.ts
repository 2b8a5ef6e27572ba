/**
 * The synthetic sharp-break broken-neural-scaling-law series of issue 12: one break, sharpness
 * f₁ = 0.06, the break near the middle of 14 log-spaced sizes, as in Caballero et al.'s (2023)
 * 4-digit-addition curve. Shared by the test suite and the bench (`bnsl_default_ok`).
 */
import { randomSource } from "@emerge/random";
import { brokenPowerLaw, type FitResult, fit } from "../src/index.js";

/** Known parameters [a, b, c0, c1, d1, f1]: y falls gently as x^−0.05, then 1.2 more decades per decade after 10^8.1. */
export const BNSL_TRUTH = { a: 0.02, b: 2, c0: 0.05, c1: 1.2, d1: 10 ** 8.1, f1: 0.06 } as const;

/** 14 sizes from 10⁶ to 10¹⁰, evenly spaced in log x. */
export const BNSL_SIZES: readonly number[] = Array.from({ length: 14 }, (_, i) => 10 ** (6 + (4 * i) / 13));

/** The series, exact or with multiplicative Gaussian noise of relative size `noise` (seeded). */
export function bnslSeries(noise = 0, seed = 0): number[] {
  const t = BNSL_TRUTH;
  const y = new Float64Array(BNSL_SIZES.length);
  brokenPowerLaw().evaluate([t.a, t.b, t.c0, t.c1, t.d1, t.f1], [Float64Array.from(BNSL_SIZES)], y.length, y);
  const rng = randomSource(seed);
  return Array.from(y, (v) => v * (1 + noise * rng.normal()));
}

/** Largest relative error of the fitted parameters against {@link BNSL_TRUTH}. */
export function worstRelativeError(r: FitResult, names: readonly (keyof typeof BNSL_TRUTH)[]): number {
  return Math.max(...names.map((n) => Math.abs(r.params[n]! - BNSL_TRUTH[n]) / Math.abs(BNSL_TRUTH[n])));
}

/**
 * Fit the exact series with `fit(brokenPowerLaw(), { x, y })` and nothing else, and check that every
 * parameter comes back within 1e-6 (relative); then the 1 %-noise series of seeds 1–3, where the
 * break position d₁ and the slope change c₁ must come back within 5 %.
 */
export function checkBnslDefaults(): { ok: boolean; exactError: number; noisyError: number } {
  const exact = fit(brokenPowerLaw(), { x: BNSL_SIZES, y: bnslSeries() });
  const exactError = worstRelativeError(exact, ["a", "b", "c0", "c1", "d1", "f1"]);
  let noisyError = 0;
  for (const seed of [1, 2, 3]) {
    const r = fit(brokenPowerLaw(), { x: BNSL_SIZES, y: bnslSeries(0.01, seed) });
    noisyError = Math.max(noisyError, worstRelativeError(r, ["c1", "d1"]));
  }
  return { ok: exactError < 1e-6 && noisyError < 0.05, exactError, noisyError };
}
