import { sigmoidLog } from "../families/sigmoid-log.js";
import type { Model } from "../models/model.js";
import { type Noise, pointSd } from "./noise.js";
import { type NoisyFit, noisyFit } from "./noisy-fit.js";

/** 10→90 % rise of a logistic in decades is ln 81 / (slope · ln 10); slope is per decade of size. */
export const RISE_FACTOR = Math.log(81);

/** Rise width in decades (10 → 90 %) of a sigmoid with `slope` per decade. @internal */
export function riseDecades(slope: number): number {
  return RISE_FACTOR / Math.abs(slope);
}

/** Narrowest and widest rises the sigmoid may take (decades): a step between two sizes, a near-straight line. */
export const NARROWEST = 0.02;
export const WIDEST = 50;

/** Everything a bounded sigmoid fit needs to know about the metric. @internal */
export interface SigmoidSetup {
  readonly model: Model;
  readonly lower: number[];
  readonly upper: number[];
  readonly starts: number[][];
}

/**
 * Box constraints and starts of the metric-aware sigmoid `floor + (ceiling − floor)·σ(slope·(log₁₀x − mid))`,
 * slope > 0 so `floor` is always the small-size end. Both ends stay inside the metric's bounds; the
 * small-size end is no worse than `chance` (a model cannot be reliably worse than guessing before it
 * has learned anything). The midpoint may sit up to one observed span (at least a decade) outside the
 * sizes, far enough to describe a rise that has only started.
 * @internal
 */
export function sigmoidSetup(
  lx: readonly number[],
  y: readonly number[],
  bounds: readonly [number, number],
  higherIsBetter: boolean,
  chance: number | undefined,
): SigmoidSetup {
  const [bmin, bmax] = bounds;
  const n = lx.length;
  const span = lx[n - 1]! - lx[0]!;
  const margin = Math.max(span, 1);
  const floorLo = higherIsBetter && chance !== undefined ? chance : bmin;
  const floorHi = !higherIsBetter && chance !== undefined ? chance : bmax;
  const lower = [floorLo, bmin, lx[0]! - margin, RISE_FACTOR / WIDEST];
  const upper = [floorHi, bmax, lx[n - 1]! + margin, RISE_FACTOR / NARROWEST];
  const clip = (v: number, j: number) => Math.min(upper[j]!, Math.max(lower[j]!, v));
  const head = (y[0]! + y[1]!) / 2;
  const tail = (y[n - 1]! + y[n - 2]!) / 2;
  const cands: { start: number[]; score: number }[] = [];
  const mids: number[] = [];
  for (let i = 0; i + 1 < n; i++) mids.push((lx[i]! + lx[i + 1]!) / 2);
  mids.push(lx[n - 1]! + 0.25 * margin, lx[0]! - 0.25 * margin);
  for (const mid of mids) {
    for (const width of [0.05, 0.3, 1, 3]) {
      const start = [clip(head, 0), clip(tail, 1), clip(mid, 2), clip(RISE_FACTOR / width, 3)];
      const [lo, hi, m, k] = start as [number, number, number, number];
      let score = 0;
      for (let i = 0; i < n; i++)
        score += (y[i]! - (lo + (hi - lo) / (1 + Math.exp(-k * (lx[i]! - m))))) ** 2;
      cands.push({ start, score });
    }
  }
  cands.sort((a, b) => a.score - b.score);
  return { model: sigmoidLog(), lower, upper, starts: cands.slice(0, 5).map((c) => c.start) };
}

/** Fit the bounded sigmoid; `fixed` holds parameters for a profile. @internal */
export function fitSigmoid(
  setup: SigmoidSetup,
  sizes: readonly number[],
  y: readonly number[],
  noise: Noise,
  extra: { readonly fixed?: Readonly<Record<string, number>>; readonly start?: readonly number[] } = {},
): NoisyFit | undefined {
  const starts = extra.start ? [extra.start.slice()] : setup.starts;
  const fixed = extra.fixed;
  const clipped = starts.map((s) =>
    s.map((v, j) => {
      const name = setup.model.params[j]!;
      if (fixed && name in fixed) return fixed[name]!;
      return Math.min(setup.upper[j]!, Math.max(setup.lower[j]!, v));
    }),
  );
  return noisyFit(setup.model, sizes, y, noise, {
    starts: clipped,
    lower: setup.lower,
    upper: setup.upper,
    ...(fixed ? { fixed } : {}),
  });
}

/** Sd of each point at the fitted curve, for reports. @internal */
export function fittedSd(noise: Noise, mu: readonly number[], scale: number): number[] {
  return mu.map((m, i) => scale * pointSd(noise, i, m));
}
