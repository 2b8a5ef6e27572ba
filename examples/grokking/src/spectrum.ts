import { frequencyEnergies } from "@emerge/grok";

/** How the embeddings' energy is spread over the Fourier frequencies of Z_p at one training step. */
export interface SpectrumSnapshot {
  readonly step: number;
  /** shares[f − 1]: share of all units' energy in frequency f = 1 … ⌊p/2⌋ (sums to 1). */
  readonly shares: readonly number[];
  /**
   * rankShares[r]: share of a unit's energy in its (r + 1)-th strongest frequency, averaged over units with
   * weights ∝ their energy. A unit tuned to one frequency puts ≈ 1 in rank 1; an untuned unit ≈ 1/⌊p/2⌋ each.
   */
  readonly rankShares: readonly number[];
}

/** Per-unit energies over frequencies (`[frequencies][width]`) of the MLP's first layer `W0` ([2p, width]). */
export function unitEnergies(w0: Float32Array, p: number, width: number): Float64Array {
  if (w0.length !== 2 * p * width) {
    throw new RangeError(`W0 has ${w0.length} values, expected 2·${p}·${width}`);
  }
  // Rows 0…p−1 embed the first operand, rows p…2p−1 the second.
  return frequencyEnergies([w0.subarray(0, p * width), w0.subarray(p * width)], p, width);
}

/** Summarise per-unit energies ([frequencies][width], as from {@link unitEnergies}) at `step`. */
export function spectrumSnapshot(step: number, energy: Float64Array, width: number): SpectrumSnapshot {
  const frequencies = Math.floor(energy.length / width);
  const shares = new Array<number>(frequencies).fill(0);
  const rankShares = new Array<number>(frequencies).fill(0);
  let total = 0;
  const unit = new Float64Array(frequencies);
  for (let c = 0; c < width; c++) {
    let unitTotal = 0;
    for (let f = 0; f < frequencies; f++) {
      const e = energy[f * width + c] as number;
      unit[f] = e;
      unitTotal += e;
      shares[f] = (shares[f] as number) + e;
    }
    total += unitTotal;
    // Weighting each unit's normalised spectrum by its energy is summing its raw sorted energies.
    unit.sort().reverse();
    for (let r = 0; r < frequencies; r++) rankShares[r] = (rankShares[r] as number) + (unit[r] as number);
  }
  const norm = (xs: number[]) => xs.map((x) => (total > 0 ? x / total : 0));
  return { step, shares: norm(shares), rankShares: norm(rankShares) };
}

/** One unit's normalised spectrum, for the final-state heatmap. */
export interface UnitSpectrum {
  readonly unit: number;
  /** Frequency holding most of the unit's energy. */
  readonly dominant: number;
  /** shares[f − 1]: the unit's energy share in frequency f. */
  readonly shares: readonly number[];
}

/** The `count` most energetic units' spectra, sorted by dominant frequency (then by energy). */
export function topUnits(energy: Float64Array, width: number, count: number): UnitSpectrum[] {
  const frequencies = Math.floor(energy.length / width);
  const units = Array.from({ length: width }, (_, c) => {
    const e = Array.from({ length: frequencies }, (_, f) => energy[f * width + c] as number);
    const total = e.reduce((x, y) => x + y, 0);
    const dominant = e.indexOf(Math.max(...e)) + 1;
    return { unit: c, dominant, total, shares: e.map((x) => (total > 0 ? x / total : 0)) };
  });
  return units
    .sort((a, b) => b.total - a.total)
    .slice(0, count)
    .sort((a, b) => a.dominant - b.dominant || b.total - a.total)
    .map(({ unit, dominant, shares }) => ({ unit, dominant, shares }));
}
