import { type EmergenceView, fitEmergence } from "../fit/emergence-view.js";
import { type MeanInterval, tInterval } from "../stats/t-interval.js";

/** The two ways the family answers: straight away, or after Nye et al.'s scratchpad. */
export type CotCondition = "direct" | "scratchpad";

/** Exact match of one member (size, seed, condition). */
export interface CotPoint {
  readonly condition: CotCondition;
  readonly params: number;
  readonly seed: number;
  readonly exactMatch: number;
}

/**
 * The size at which a curve first reaches `level`, interpolated linearly in log10(size) between the two
 * sizes around the crossing; null when it never does, and the smallest size when it starts above.
 *
 * @example
 * ```ts
 * crossingSize([1e3, 1e4, 1e5], [0, 0.4, 0.8], 0.5); // 10^4.25 ≈ 17783
 * ```
 */
export function crossingSize(
  sizes: readonly number[],
  scores: readonly number[],
  level: number,
): number | null {
  for (let i = 0; i < sizes.length; i++) {
    const y = scores[i] as number;
    if (y < level) continue;
    if (i === 0) return sizes[0] as number;
    const y0 = scores[i - 1] as number;
    const l0 = Math.log10(sizes[i - 1] as number);
    const l1 = Math.log10(sizes[i] as number);
    return 10 ** (l0 + ((level - y0) / (y - y0)) * (l1 - l0));
  }
  return null;
}

/** One condition's thresholds. */
export interface ConditionThreshold {
  readonly condition: CotCondition;
  /** emergence() on the seed-averaged curve. */
  readonly fit: EmergenceView;
  /** Per seed, the size where exact match first reaches `level` (null: never within the family). */
  readonly perSeed: readonly { readonly seed: number; readonly threshold: number | null }[];
  /** Mean log10 threshold over the seeds that cross, with its 95 % t interval across them. */
  readonly log10Threshold: MeanInterval;
  /** 10^ of the above: the threshold in parameters and its interval. */
  readonly threshold: number | null;
  readonly thresholdCi: readonly [number, number] | null;
}

/** What the chain-of-thought comparison finds. */
export interface ThresholdShift {
  readonly level: number;
  readonly direct: ConditionThreshold;
  readonly scratchpad: ConditionThreshold;
  /**
   * log10(direct threshold) − log10(scratchpad threshold), paired by seed, over seeds where both
   * cross: positive = the scratchpad reaches the level at a smaller size (earlier), in decades.
   */
  readonly shiftDecades: MeanInterval;
  /** Seeds where one condition never crossed (not in the shift). */
  readonly unpaired: readonly number[];
}

function conditionThreshold(
  points: readonly CotPoint[],
  condition: CotCondition,
  level: number,
  options: { readonly replicates: number; readonly problems: number },
): ConditionThreshold {
  const mine = points.filter((p) => p.condition === condition);
  const sizes = [...new Set(mine.map((p) => p.params))].sort((a, b) => a - b);
  const seeds = [...new Set(mine.map((p) => p.seed))].sort((a, b) => a - b);
  const at = (seed: number, size: number) =>
    mine.find((p) => p.seed === seed && p.params === size)?.exactMatch ?? Number.NaN;
  const perSeed = seeds.map((seed) => ({
    seed,
    threshold: crossingSize(
      sizes,
      sizes.map((s) => at(seed, s)),
      level,
    ),
  }));
  const meanCurve = sizes.map((s) => {
    const ys = seeds.map((seed) => at(seed, s)).filter(Number.isFinite);
    return ys.reduce((a, b) => a + b, 0) / ys.length;
  });
  const logs = perSeed.flatMap((p) => (p.threshold === null ? [] : [Math.log10(p.threshold)]));
  const log10Threshold = tInterval(logs);
  return {
    condition,
    fit: fitEmergence(sizes, meanCurve, {
      replicates: options.replicates,
      seed: `lab-cot-${condition}`,
      trials: options.problems * Math.max(1, seeds.length),
    }),
    perSeed,
    log10Threshold,
    threshold: logs.length > 0 ? 10 ** log10Threshold.mean : null,
    thresholdCi: log10Threshold.ci ? [10 ** log10Threshold.ci[0], 10 ** log10Threshold.ci[1]] : null,
  };
}

/**
 * Compare the direct and scratchpad families: each condition's exact-match curve fitted with
 * emergence(), its threshold (first size reaching `level` exact match) per seed with a t interval
 * across seeds, and the shift between the conditions in decades, paired by seed.
 *
 * @example
 * ```ts
 * const s = thresholdShift(points, { level: 0.5, replicates: 0, problems: 200 });
 * s.shiftDecades.mean; // > 0: the scratchpad gets there with fewer parameters
 * ```
 */
export function thresholdShift(
  points: readonly CotPoint[],
  options: { readonly level?: number; readonly replicates: number; readonly problems: number },
): ThresholdShift {
  const level = options.level ?? 0.5;
  const direct = conditionThreshold(points, "direct", level, options);
  const scratchpad = conditionThreshold(points, "scratchpad", level, options);
  const shifts: number[] = [];
  const unpaired: number[] = [];
  for (const d of direct.perSeed) {
    const s = scratchpad.perSeed.find((p) => p.seed === d.seed);
    if (d.threshold === null || !s || s.threshold === null) unpaired.push(d.seed);
    else shifts.push(Math.log10(d.threshold) - Math.log10(s.threshold));
  }
  return { level, direct, scratchpad, shiftDecades: tInterval(shifts), unpaired };
}
