import { defaultConfig, type GrokConfigInput } from "@emerge/grok";

/** Named sizes of the study: the full demo, the main job's mid-size default, and a seconds-long quick run. */
export type GrokkingPreset = "demo" | "study" | "quick";

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
 * - `demo`: @emerge/grok's default demo (a + b mod 97, 30% train, 512-unit quadratic MLP, AdamW lr 3e-3,
 *   weight decay 1), run until 100 steps past generalisation (at most 6000 steps).
 * - `study`: the same model and optimiser on a + b mod 59 with 40% train, which groks in ~600 steps; the
 *   main job (`npm run study`) uses it to stay within its time budget.
 * - `quick`: a + b mod 31 with 50% train (~700 steps, seconds).
 */
export function grokkingStudyConfig(preset: GrokkingPreset): GrokkingStudyConfig {
  const seeds = [0, 1, 2];
  switch (preset) {
    case "quick":
      return {
        base: {
          ...defaultConfig,
          p: 31,
          trainFraction: 0.5,
          steps: 1500,
          evalEvery: 10,
          stopAfterGeneralization: 50,
        },
        seeds,
        spectrumEvery: 50,
      };
    case "study":
      return {
        base: {
          ...defaultConfig,
          p: 59,
          trainFraction: 0.4,
          steps: 3000,
          evalEvery: 10,
          stopAfterGeneralization: 100,
        },
        seeds,
        spectrumEvery: 50,
      };
    case "demo":
      return {
        base: { ...defaultConfig, steps: 6000, evalEvery: 20, stopAfterGeneralization: 100 },
        seeds,
        spectrumEvery: 100,
      };
  }
}
