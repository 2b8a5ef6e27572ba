/** What {@link predictionsFromLogits} returns. */
export interface Predictions {
  /** Argmax class of each pair (the first one on ties, as the trainer's accuracy counts it). */
  readonly predicted: Int32Array;
  /** Mean softmax probability of the target class (when targets are given), else null. */
  readonly meanTargetProbability: number | null;
  /** Mean cross-entropy −log p(target) in nats (when targets are given), else null. */
  readonly meanTargetLogLoss: number | null;
}

/**
 * Class predictions and target-class probabilities from logits (n × classes, row-major), e.g.
 * those of `trainer.logits(a, b)` from @emerge/grok.
 */
export function predictionsFromLogits(
  logits: Float32Array,
  classes: number,
  target?: Int32Array,
): Predictions {
  if (logits.length % classes !== 0) {
    throw new RangeError(`${logits.length} logits are not rows of ${classes} classes`);
  }
  const n = logits.length / classes;
  if (target && target.length !== n) throw new RangeError(`${target.length} targets for ${n} rows of logits`);
  const predicted = new Int32Array(n);
  let probability = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    const row = logits.subarray(i * classes, (i + 1) * classes);
    let best = 0;
    for (let k = 1; k < classes; k++) if ((row[k] as number) > (row[best] as number)) best = k;
    predicted[i] = best;
    if (target) {
      const max = row[best] as number;
      let z = 0;
      for (let k = 0; k < classes; k++) z += Math.exp((row[k] as number) - max);
      const logP = (row[target[i] as number] as number) - max - Math.log(z);
      probability += Math.exp(logP);
      logLoss -= logP;
    }
  }
  return {
    predicted,
    meanTargetProbability: target ? probability / n : null,
    meanTargetLogLoss: target ? logLoss / n : null,
  };
}
