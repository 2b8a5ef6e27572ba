/**
 * The constants of the emergence decision rule. Chosen by simulation on a calibration seed set and
 * checked on a different one (`bench/emergence-calibration.ts` prints both, and the confusion matrices).
 */
export interface EmergenceRule {
  /** Widest 10→90 % rise (decades of size) still called sharp. */
  readonly maxRiseDecades: number;
  /** Smallest z by which a larger size must beat the smaller sizes' extrapolated trend. */
  readonly minSurprise: number;
  /** Significance level of "changes at all" (Bonferroni over the three curves tried against a constant). */
  readonly flatAlpha: number;
  /** Significance level of the curvature of a U (quadratic against straight line in log size). */
  readonly shapeAlpha: number;
  /** Smallest z of each arm of a U (fall and recovery) against its uncertainty. */
  readonly minArmZ: number;
  /**
   * Smallest change worth a verdict other than flat, as a fraction of the metric's usable range (bounds,
   * from chance when given): Wei et al.'s "substantially above random". Not calibrated (the generators
   * all change by more): a practical choice. Ignored for unbounded metrics.
   */
  readonly minChange: number;
}

/**
 * The default rule.
 *
 * @example
 * ```ts
 * emergence(sizes, scores, { trials: 1000, rule: { ...defaultEmergenceRule, maxRiseDecades: 0.5 } });
 * ```
 */
export const defaultEmergenceRule: EmergenceRule = Object.freeze({
  maxRiseDecades: 0.75,
  minSurprise: 3,
  flatAlpha: 0.05,
  shapeAlpha: 0.01,
  minArmZ: 1.5,
  minChange: 0.1,
});
