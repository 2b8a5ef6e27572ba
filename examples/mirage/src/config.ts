/** What the mirage study trains and how it scores. */
export interface MirageConfig {
  /** Base of the digits = modulus of the per-digit addition (a prime). */
  readonly base: number;
  /** Digits per answer (L). */
  readonly digits: number;
  /** Hidden widths of the model family, smallest first. */
  readonly widths: readonly number[];
  /** Seeds trained per width (scores are averaged over them). */
  readonly seeds: readonly number[];
  /** Fraction of the base² digit equations used for training. */
  readonly trainFraction: number;
  /** Optimiser steps per model (full batch): every model gets this same budget, no early stopping. */
  readonly steps: number;
  /** L-digit test problems scored per model. */
  readonly problems: number;
}

/**
 * Full study: 15 widths 2…256 (steps of about √2) of a quadratic MLP on base-31 digits, 5-digit answers. `--quick`: base 23,
 * 7 widths 2…128.
 */
export function mirageConfig(quick: boolean): MirageConfig {
  if (quick) {
    return {
      base: 23,
      digits: 5,
      widths: [2, 4, 8, 16, 32, 64, 128],
      seeds: [0],
      trainFraction: 0.5,
      steps: 1200,
      problems: 2000,
    };
  }
  return {
    base: 31,
    digits: 5,
    widths: [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256],
    seeds: [0],
    trainFraction: 0.5,
    steps: 1000,
    problems: 5000,
  };
}
