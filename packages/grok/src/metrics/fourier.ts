/** Fourier progress measures of token embeddings (Nanda et al. 2023; Gromov 2023). */
export interface FourierMeasures {
  /**
   * Gini coefficient of each hidden unit's energies over frequencies, averaged with weights
   * ∝ the unit's energy (0 = spread evenly, → 1 = one frequency per unit).
   */
  gini: number;
  /** Inverse participation ratio Σ q_f² of each unit's normalised energies q, averaged the same way. */
  ipr: number;
  /**
   * Frequencies holding more than 2× the uniform share of the total energy, strongest first (≤ 8).
   * The transformer concentrates on a handful (Nanda et al.); a wide MLP after grokking usually has
   * none: each unit locks onto one frequency but the units cover them all (Gromov), which
   * `unitsPerFrequency` shows.
   */
  keyFrequencies: number[];
  /**
   * Entry f − 1: how many units have frequency f as their strongest one with more than half of
   * their energy (units without a dominant frequency are not counted).
   */
  unitsPerFrequency: number[];
}

/**
 * Per-frequency, per-unit energy of embedding matrices ([p, width] each) over the cyclic group
 * Z_p: entry [f − 1, c] = Σ_matrices (Σ_a E[a, c]·cos(2πfa/p))² + (Σ_a E[a, c]·sin(2πfa/p))² for
 * f = 1 … ⌊p/2⌋. The constant (f = 0) component is left out: it says nothing about a mod p.
 *
 * @example
 * ```ts
 * const e = frequencyEnergies([embedding], 97, 512); // 48 × 512 values
 * ```
 */
export function frequencyEnergies(matrices: readonly Float32Array[], p: number, width: number): Float64Array {
  const F = Math.floor(p / 2);
  const energy = new Float64Array(F * width);
  const cos = new Float64Array(p);
  const sin = new Float64Array(p);
  const c = new Float64Array(width);
  const s = new Float64Array(width);
  for (let f = 1; f <= F; f++) {
    for (let a = 0; a < p; a++) {
      const angle = (2 * Math.PI * ((f * a) % p)) / p;
      cos[a] = Math.cos(angle);
      sin[a] = Math.sin(angle);
    }
    const e = energy.subarray((f - 1) * width, f * width);
    for (const m of matrices) {
      c.fill(0);
      s.fill(0);
      for (let a = 0; a < p; a++) {
        const ca = cos[a] as number;
        const sa = sin[a] as number;
        const row = a * width;
        for (let w = 0; w < width; w++) {
          const v = m[row + w] as number;
          c[w] = (c[w] as number) + ca * v;
          s[w] = (s[w] as number) + sa * v;
        }
      }
      for (let w = 0; w < width; w++) e[w] = (e[w] as number) + (c[w] as number) ** 2 + (s[w] as number) ** 2;
    }
  }
  return energy;
}

function sparsity(energy: readonly number[]): { gini: number; ipr: number; total: number } {
  const n = energy.length;
  const total = energy.reduce((x, y) => x + y, 0);
  if (n === 0 || !(total > 0)) return { gini: 0, ipr: 0, total: 0 };
  const sorted = energy.slice().sort((x, y) => x - y);
  let g = 0;
  sorted.forEach((x, i) => {
    g += (2 * (i + 1) - n - 1) * x;
  });
  return { gini: g / (n * total), ipr: sorted.reduce((sum, x) => sum + (x / total) ** 2, 0), total };
}

/**
 * Sparsity measures of per-frequency, per-unit energies ([frequencies, width], row f − 1 ↔
 * frequency f), as returned by {@link frequencyEnergies}.
 *
 * @example
 * ```ts
 * fourierMeasures(Float64Array.from([0, 0, 5, 0]), 1);
 * // { gini: 0.75, ipr: 1, keyFrequencies: [3], unitsPerFrequency: [0, 0, 1, 0] }
 * ```
 */
export function fourierMeasures(energy: ArrayLike<number>, width: number): FourierMeasures {
  const F = Math.floor(energy.length / width);
  const perFrequency = Array.from({ length: F }, (_, f) => {
    let e = 0;
    for (let c = 0; c < width; c++) e += energy[f * width + c] as number;
    return e;
  });
  let gini = 0;
  let ipr = 0;
  let weight = 0;
  const unitsPerFrequency = new Array<number>(F).fill(0);
  for (let c = 0; c < width; c++) {
    const column = Array.from({ length: F }, (_, f) => energy[f * width + c] as number);
    const unit = sparsity(column);
    gini += unit.gini * unit.total;
    ipr += unit.ipr * unit.total;
    weight += unit.total;
    let strongest = 0;
    for (let f = 1; f < F; f++) if ((column[f] as number) > (column[strongest] as number)) strongest = f;
    if (unit.total > 0 && (column[strongest] as number) > unit.total / 2) {
      unitsPerFrequency[strongest] = (unitsPerFrequency[strongest] as number) + 1;
    }
  }
  const total = perFrequency.reduce((x, y) => x + y, 0);
  const keyFrequencies =
    total > 0
      ? perFrequency
          .map((e, i) => ({ e, f: i + 1 }))
          .filter(({ e }) => e / total > 2 / F)
          .sort((x, y) => y.e - x.e)
          .slice(0, 8)
          .map(({ f }) => f)
      : [];
  return weight > 0
    ? { gini: gini / weight, ipr: ipr / weight, keyFrequencies, unitsPerFrequency }
    : { gini: 0, ipr: 0, keyFrequencies, unitsPerFrequency };
}
