/** Nanda et al.'s restricted and excluded losses (addition tasks). */
export interface RestrictedLosses {
  /** Train cross-entropy of the logits' components along the key frequencies only. */
  restrictedLoss: number;
  /** Train cross-entropy of the logits with those components removed. */
  excludedLoss: number;
}

/**
 * For a + b mod p: project the logits L[a, b, c] (all p² pairs) onto the key-frequency directions
 * cos(w(a + b − c)), sin(w(a + b − c)) (w = 2πk/p). These depend on (a, b, c) only through
 * s = a + b − c mod p, so the projection is a function R[s] found from the sums of L over each s.
 * Restricted loss: train CE of logits R[s]; excluded loss: train CE of L − R[s]. A falling
 * restricted loss and a rising excluded loss track the Fourier circuit forming (Nanda et al. 2023).
 *
 * @param logits - row-major [p·p, p], row a·p + b holds the logits of (a, b).
 * @param trainPairs - row indices a·p + b of the training pairs.
 * @example
 * ```ts
 * restrictedLosses(allLogits, 113, trainRows, [14, 35, 41, 42, 52]);
 * ```
 */
export function restrictedLosses(
  logits: Float32Array,
  p: number,
  trainPairs: Int32Array,
  keyFrequencies: readonly number[],
): RestrictedLosses {
  const sums = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const row = (a * p + b) * p;
      const ab = (a + b) % p;
      for (let c = 0; c < p; c++) {
        const s = (ab - c + p) % p;
        sums[s] = (sums[s] as number) + (logits[row + c] as number);
      }
    }
  }
  const R = new Float64Array(p);
  const norm = 2 / (p * p * p);
  for (const k of keyFrequencies) {
    let alpha = 0;
    let beta = 0;
    for (let s = 0; s < p; s++) {
      const angle = (2 * Math.PI * ((k * s) % p)) / p;
      alpha += (sums[s] as number) * Math.cos(angle);
      beta += (sums[s] as number) * Math.sin(angle);
    }
    alpha *= norm;
    beta *= norm;
    for (let s = 0; s < p; s++) {
      const angle = (2 * Math.PI * ((k * s) % p)) / p;
      R[s] = (R[s] as number) + alpha * Math.cos(angle) + beta * Math.sin(angle);
    }
  }
  const row = new Float64Array(p);
  const ce = (target: number) => {
    let max = -Infinity;
    for (let c = 0; c < p; c++) max = Math.max(max, row[c] as number);
    let sum = 0;
    for (let c = 0; c < p; c++) sum += Math.exp((row[c] as number) - max);
    return Math.log(sum) + max - (row[target] as number);
  };
  let restricted = 0;
  let excluded = 0;
  for (let i = 0; i < trainPairs.length; i++) {
    const pair = trainPairs[i] as number;
    const a = Math.floor(pair / p);
    const b = pair % p;
    const target = (a + b) % p;
    for (let c = 0; c < p; c++) row[c] = R[(a + b - c + 2 * p) % p] as number;
    restricted += ce(target);
    for (let c = 0; c < p; c++)
      row[c] = (logits[pair * p + c] as number) - (R[(a + b - c + 2 * p) % p] as number);
    excluded += ce(target);
  }
  const n = Math.max(1, trainPairs.length);
  return { restrictedLoss: restricted / n, excludedLoss: excluded / n };
}
