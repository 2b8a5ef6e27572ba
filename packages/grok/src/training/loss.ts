import type { BoundKernels } from "../backends/backend.js";
import type { VectorBatch } from "../model/decoder.js";
import type { Batch } from "../model/model.js";

/** The loss a run minimises. */
export type LossKind = "cross-entropy" | "mse";

/**
 * The loss of a loaded batch into `batch.stats` ([sum, correct]); with `grad`, also dLogits of
 * the mean loss. `count` is the number of rows the mean is over (the batch's rows for pair models,
 * its answer tokens for sequence models); `classes` the logits' width (MSE is a mean over both).
 *
 * @example
 * ```ts
 * applyLoss(k, "cross-entropy", batch, { classes: 97, count: batch.rows, grad: true });
 * ```
 */
export function applyLoss(
  k: BoundKernels,
  kind: LossKind,
  batch: Batch,
  o: { classes: number; count: number; grad: boolean },
): void {
  const args = { logits: batch.logits, targets: batch.targets, stats: batch.stats };
  const count = Math.max(1, o.count);
  if (kind === "mse") {
    k.mse(o.grad ? { ...args, dLogits: batch.dLogits, scale: 1 / (count * o.classes) } : args);
  } else {
    k.softmaxCrossEntropy(o.grad ? { ...args, dLogits: batch.dLogits, scale: 1 / count } : args);
  }
}

/** Mean loss and accuracy from the stats of {@link applyLoss}. */
export function lossStats(
  kind: LossKind,
  stats: ArrayLike<number>,
  o: { classes: number; count: number },
): { loss: number; acc: number } {
  const denom = kind === "mse" ? o.count * o.classes : o.count;
  return { loss: (stats[0] as number) / denom, acc: (stats[1] as number) / o.count };
}

/**
 * The masked squared error of a loaded vector-decoder batch into `batch.stats` ([sum of squared
 * errors, loss-bearing elements]); with `grad`, also dLogits of their mean (Garg et al. 2022's
 * training loss: the mean over the positions whose prediction is read). A batch without any
 * loss-bearing element has zero gradient.
 *
 * @example
 * ```ts
 * model.load(batch, { vectors, targets }); // NaN targets: no loss
 * model.forward(batch);
 * applySquaredError(k, batch, { grad: true });
 * model.backward(batch);
 * ```
 */
export function applySquaredError(k: BoundKernels, batch: VectorBatch, o: { grad: boolean }): void {
  const args = {
    predictions: batch.logits,
    targets: batch.targets,
    mask: batch.mask,
    stats: batch.stats,
  };
  k.squaredError(
    o.grad ? { ...args, dPredictions: batch.dLogits, scale: 1 / Math.max(1, batch.count) } : args,
  );
}
