/**
 * Known generators of score-vs-size curves for calibrating `emergence()`: every class the verdict must
 * tell apart, drawn with binomial noise from a seeded source so the bench is the same on every machine.
 */
import type { RandomSource } from "@emerge/random";

/** The generating classes, with the verdict each should get (null: no single right answer). */
export const CLASSES = [
  { name: "per-token", truth: "smooth" },
  { name: "exact-match p^L", truth: null },
  { name: "sigmoid < 0.5 dec", truth: "emergent" },
  { name: "sigmoid 0.5-2 dec", truth: null },
  { name: "flat at chance", truth: "flat" },
  { name: "inverse", truth: "inverse" },
  { name: "u-shaped", truth: "u-shaped" },
] as const;

export type ClassName = (typeof CLASSES)[number]["name"];

/** One simulated series: sizes, observed scores, and what the analyst would pass along. */
export interface SimulatedSeries {
  readonly sizes: number[];
  readonly scores: number[];
  readonly trials: number;
  readonly chance?: number;
  /** The noiseless curve, for reports. */
  readonly truth: number[];
}

/** Sizes spread evenly over four decades (10⁸ … 10¹²), as a model family might be. */
export const LOG_LO = 8;
export const LOG_HI = 12;

const uniform = (r: RandomSource, lo: number, hi: number) => lo + (hi - lo) * r.float();
const logUniform = (r: RandomSource, lo: number, hi: number) =>
  Math.exp(uniform(r, Math.log(lo), Math.log(hi)));
const clip01 = (v: number) => Math.min(1, Math.max(0, v));
const logistic = (z: number) => 1 / (1 + Math.exp(-z));

/** Binomial(n, p)/n by summing Bernoulli draws: exact, and fast enough for n ≤ 1000. */
function proportion(r: RandomSource, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (r.float() < p) k++;
  return k / n;
}

/** A per-token probability: its value at 10¹⁰ and its slope per decade of size. */
function perToken(r: RandomSource): { at10: number; slope: number } {
  return { at10: uniform(r, 0.15, 0.85), slope: uniform(r, 0.08, 0.4) };
}

/** The noiseless curve of one class at log₁₀ sizes `lx`, with its chance level when one is known. */
function curve(r: RandomSource, cls: ClassName, lx: readonly number[]): { p: number[]; chance?: number } {
  const t = (v: number) => (v - LOG_LO) / (LOG_HI - LOG_LO);
  switch (cls) {
    case "per-token": {
      // Per-token probability rising linearly in log size (clipped to [0, 1] where a steep one saturates),
      // scored per token: Schaeffer et al.'s smooth metric. Slopes from 0.08 to 0.4 per decade, so the
      // steepest cross the whole [0, 1] range in 2.5 decades.
      const { at10, slope } = perToken(r);
      return { p: lx.map((v) => clip01(at10 + slope * (v - 10))) };
    }
    case "exact-match p^L": {
      // The same per-token probability scored as exact match of L tokens: p^L.
      const { at10, slope } = perToken(r);
      const length = r.intBetween(3, 8);
      return { p: lx.map((v) => clip01(at10 + slope * (v - 10)) ** length) };
    }
    case "sigmoid < 0.5 dec":
    case "sigmoid 0.5-2 dec": {
      const width = cls === "sigmoid < 0.5 dec" ? logUniform(r, 0.1, 0.5) : logUniform(r, 0.5, 2);
      const chance = r.bernoulli(0.5) ? 0 : 0.25;
      const ceiling = uniform(r, chance + 0.35, 1);
      const mid = uniform(r, LOG_LO + 1, LOG_HI - 1);
      const slope = Math.log(81) / width;
      return { p: lx.map((v) => chance + (ceiling - chance) * logistic(slope * (v - mid))), chance };
    }
    case "flat at chance": {
      const chance = r.choice([0, 0.1, 0.25, 0.5]);
      return { p: lx.map(() => chance), chance };
    }
    case "inverse": {
      const p0 = uniform(r, 0.5, 0.9);
      const drop = uniform(r, 0.15, 0.45);
      return { p: lx.map((v) => p0 - drop * t(v)) };
    }
    case "u-shaped": {
      // Worse, then better: straight in log size down to a turn, then back up (Wei et al. 2023's U).
      const a = uniform(r, 0.4, 0.7);
      const depth = uniform(r, 0.15, 0.35);
      const turn = uniform(r, LOG_LO + 1.2, LOG_HI - 1.2);
      const b = uniform(r, a - depth + 0.15, Math.min(0.98, a + 0.25));
      const bottom = a - depth;
      return {
        p: lx.map((v) =>
          v <= turn
            ? a - (depth * (v - LOG_LO)) / (turn - LOG_LO)
            : bottom + ((b - bottom) * (v - turn)) / (LOG_HI - turn),
        ),
      };
    }
  }
}

/**
 * Draw one series of class `cls` at `count` sizes with `trials` questions per size. `scatter` > 0 adds
 * model-to-model variation beyond the questions, as one training run per size has: each size's true
 * probability moves by N(0, scatter²) on the logit scale before the questions are drawn.
 */
export function simulate(
  r: RandomSource,
  cls: ClassName,
  count: number,
  trials: number,
  scatter = 0,
): SimulatedSeries {
  const lx = Array.from({ length: count }, (_, i) => LOG_LO + ((LOG_HI - LOG_LO) * i) / (count - 1));
  const { p, chance } = curve(r, cls, lx);
  const truth = p.map(clip01);
  const drawn =
    scatter > 0
      ? truth.map((q) => {
          // Exact 0 or 1 (a flat-at-0 class, a saturated ramp) stay put: no run scores below nothing.
          if (q <= 0 || q >= 1) return q;
          return logistic(Math.log(q / (1 - q)) + r.normal(0, scatter));
        })
      : truth;
  return {
    sizes: lx.map((v) => 10 ** v),
    scores: drawn.map((q) => proportion(r, trials, q)),
    trials,
    ...(chance !== undefined ? { chance } : {}),
    truth,
  };
}
