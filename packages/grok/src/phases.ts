/** One evaluation point of a training run. */
export interface EvalPoint {
  step: number;
  trainAcc: number;
  testAcc: number;
}

/** The steps at which a run memorised and generalised (null where it never did). */
export interface Phases {
  /** First step with train accuracy ≥ `memorize` (0.99). */
  memorizationStep: number | null;
  /** First step with test accuracy ≥ 0.95. */
  generalization95Step: number | null;
  /** First step with test accuracy ≥ `generalize` (0.99). */
  generalizationStep: number | null;
  /** Steps between memorisation and generalisation: the grokking plateau. */
  plateauSteps: number | null;
}

/**
 * Detect memorisation and generalisation in a run's evaluations.
 *
 * @example
 * ```ts
 * detectPhases([{ step: 100, trainAcc: 1, testAcc: 0.1 }, { step: 900, trainAcc: 1, testAcc: 1 }]);
 * // { memorizationStep: 100, generalizationStep: 900, plateauSteps: 800, ... }
 * ```
 */
export function detectPhases(points: readonly EvalPoint[], memorize = 0.99, generalize = 0.99): Phases {
  const first = (pred: (p: EvalPoint) => boolean) => points.find(pred)?.step ?? null;
  const memorizationStep = first((p) => p.trainAcc >= memorize);
  const generalizationStep = first((p) => p.testAcc >= generalize);
  return {
    memorizationStep,
    generalization95Step: first((p) => p.testAcc >= 0.95),
    generalizationStep,
    plateauSteps:
      memorizationStep !== null && generalizationStep !== null
        ? Math.max(0, generalizationStep - memorizationStep)
        : null,
  };
}
