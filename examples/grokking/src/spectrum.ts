import { frequencyEnergies } from "@emerge/grok";

/** The share of the token embeddings' energy in each Fourier frequency at one training step. */
export interface SpectrumSnapshot {
  readonly step: number;
  /** shares[f − 1] for frequency f = 1 … ⌊p/2⌋; sums to 1 (all 0 for an all-zero embedding). */
  readonly shares: readonly number[];
}

/**
 * Energy share per frequency of the MLP's first layer, whose weight `W0` ([2p, width]) stacks the
 * embedding of the first operand (rows 0…p−1) on that of the second (rows p…2p−1).
 */
export function embeddingSpectrum(step: number, w0: Float32Array, p: number, width: number): SpectrumSnapshot {
  if (w0.length !== 2 * p * width) {
    throw new RangeError(`W0 has ${w0.length} values, expected 2·${p}·${width}`);
  }
  const energy = frequencyEnergies([w0.subarray(0, p * width), w0.subarray(p * width)], p, width);
  const frequencies = Math.floor(p / 2);
  const perFrequency = Array.from({ length: frequencies }, (_, f) => {
    let e = 0;
    for (let c = 0; c < width; c++) e += energy[f * width + c] as number;
    return e;
  });
  const total = perFrequency.reduce((x, y) => x + y, 0);
  return { step, shares: perFrequency.map((e) => (total > 0 ? e / total : 0)) };
}
