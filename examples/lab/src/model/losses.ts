import type { DecoderForward } from "./decoder.js";

/**
 * Next-token cross-entropy of one sequence on the positions `mask` marks (mask[i] = 1: token i is a
 * target, predicted from position i − 1). Returns the summed loss, the count and d(sum·weight)/d(logits).
 */
export function tokenCrossEntropy(
  fwd: DecoderForward,
  tokens: ArrayLike<number>,
  mask: ArrayLike<number>,
  vocab: number,
  weight: number,
): { loss: number; count: number; dOutput: Float64Array } {
  const dOutput = new Float64Array(fwd.n * vocab);
  let loss = 0;
  let count = 0;
  for (let i = 1; i < fwd.n; i++) {
    if (!mask[i]) continue;
    const row = (i - 1) * vocab;
    let max = Number.NEGATIVE_INFINITY;
    for (let v = 0; v < vocab; v++) max = Math.max(max, fwd.output[row + v] as number);
    let sum = 0;
    for (let v = 0; v < vocab; v++) sum += Math.exp((fwd.output[row + v] as number) - max);
    const lse = max + Math.log(sum);
    const target = tokens[i] as number;
    loss += lse - (fwd.output[row + target] as number);
    count++;
    for (let v = 0; v < vocab; v++) {
      const p = Math.exp((fwd.output[row + v] as number) - lse);
      dOutput[row + v] = weight * (p - (v === target ? 1 : 0));
    }
  }
  return { loss, count, dOutput };
}

/**
 * Squared error of the read-out at the positions `targets` lists (Garg et al.: the prediction for y_k
 * is read at x_k's position). Returns the summed loss and d(sum·weight)/d(output).
 */
export function squaredError(
  fwd: DecoderForward,
  targets: readonly { readonly position: number; readonly value: number }[],
  weight: number,
): { loss: number; dOutput: Float64Array } {
  const dOutput = new Float64Array(fwd.n);
  let loss = 0;
  for (const t of targets) {
    const e = (fwd.output[t.position] as number) - t.value;
    loss += e * e;
    dOutput[t.position] = weight * 2 * e;
  }
  return { loss, dOutput };
}
