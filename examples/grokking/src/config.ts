import { defaultConfig, type GrokConfigInput } from "@emerge/grok";

/** What the grokking study trains: one base config, several seeds. */
export interface GrokkingStudyConfig {
  /** The training config shared by every seed (the seed field is set per run). */
  readonly base: GrokConfigInput;
  /** Initialisation and split seeds, one run each. */
  readonly seeds: readonly number[];
  /** Take a Fourier snapshot of the embeddings every this many steps. */
  readonly spectrumEvery: number;
}

/**
 * The full study is @emerge/grok's default demo (a + b mod 97, 30% train, 512-unit quadratic MLP, AdamW
 * lr 3e-3, weight decay 1) run to 100 steps past generalisation; `--quick` shrinks the modulus so that it
 * groks in a few hundred steps.
 */
export function grokkingStudyConfig(quick: boolean): GrokkingStudyConfig {
  if (quick) {
    return {
      base: { ...defaultConfig, p: 31, trainFraction: 0.5, steps: 1500, evalEvery: 10, stopAfterGeneralization: 50 },
      seeds: [0, 1, 2],
      spectrumEvery: 50,
    };
  }
  return {
    base: { ...defaultConfig, steps: 6000, evalEvery: 20, stopAfterGeneralization: 100 },
    seeds: [0, 1, 2],
    spectrumEvery: 100,
  };
}
