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

/** Options of {@link detectPhases}. */
export interface PhaseOptions {
  /** Train accuracy that counts as memorised (default 0.99). */
  memorize?: number;
  /** Test accuracy that counts as generalised (default 0.99). */
  generalize?: number;
  /**
   * Count a threshold as reached only from the first step after which it is never lost again
   * (default false: the first crossing). Guards against spikes in noisy minibatch runs.
   */
  sustained?: boolean;
}

/**
 * Detect memorisation and generalisation in a run's evaluations (sorted by step).
 *
 * @example
 * ```ts
 * detectPhases([{ step: 100, trainAcc: 1, testAcc: 0.1 }, { step: 900, trainAcc: 1, testAcc: 1 }]);
 * // { memorizationStep: 100, generalizationStep: 900, plateauSteps: 800, ... }
 * ```
 */
export function detectPhases(
  points: readonly EvalPoint[],
  memorizeOrOptions: number | PhaseOptions = 0.99,
  generalizeArg = 0.99,
): Phases {
  const o: PhaseOptions =
    typeof memorizeOrOptions === "number"
      ? { memorize: memorizeOrOptions, generalize: generalizeArg }
      : memorizeOrOptions;
  const memorize = o.memorize ?? 0.99;
  const generalize = o.generalize ?? 0.99;
  const first = (pred: (p: EvalPoint) => boolean): number | null => {
    if (!o.sustained) return points.find(pred)?.step ?? null;
    let step: number | null = null;
    for (const p of points) {
      if (!pred(p)) step = null;
      else if (step === null) step = p.step;
    }
    return step;
  };
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
