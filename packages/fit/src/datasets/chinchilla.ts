import { CHINCHILLA_C, CHINCHILLA_EXCLUDED, CHINCHILLA_LOSS, CHINCHILLA_N } from "./chinchilla-data.js";

/** Points of a two-variable scaling study: parameters N, tokens D, final loss. */
export interface ScalingPoints {
  /** Model sizes (parameters). */
  readonly N: number[];
  /** Training tokens, D = C / (6N). */
  readonly D: number[];
  /** Training compute (FLOP). */
  readonly C: number[];
  /** Final losses. */
  readonly loss: number[];
}

/** Options of {@link chinchillaPoints}. */
export interface ChinchillaPointsOptions {
  /** Keep the 5 highest-loss points that Epoch AI drops (default false: 240 points). */
  readonly includeExcluded?: boolean;
}

/** Where the Chinchilla points come from; cite it alongside results. */
export const chinchillaAttribution =
  "Hoffmann et al. (2022), Training Compute-Optimal Large Language Models, Fig. 4; points extracted by Epoch AI " +
  "(Besiroglu et al. 2024, Chinchilla Scaling: A replication attempt), github.com/epoch-research/analyzing-chinchilla " +
  "data/svg_extracted_data.csv @ 92258837.";

/**
 * The Chinchilla (Hoffmann et al. 2022, Fig. 4) final-loss points as extracted by Epoch AI:
 * 240 points by default (Epoch drops the 5 highest-loss ones), 245 with `includeExcluded`.
 * Returns fresh arrays. Attribution: {@link chinchillaAttribution}.
 *
 * @example
 * ```ts
 * import { chinchillaPoints } from "@emerge/fit/datasets";
 * const { N, D, loss } = chinchillaPoints(); // 240 points
 * ```
 */
export function chinchillaPoints(options: ChinchillaPointsOptions = {}): ScalingPoints {
  const skip = new Set(options.includeExcluded ? [] : CHINCHILLA_EXCLUDED);
  const N: number[] = [];
  const D: number[] = [];
  const C: number[] = [];
  const loss: number[] = [];
  CHINCHILLA_N.forEach((n, i) => {
    if (skip.has(i)) return;
    N.push(n);
    C.push(CHINCHILLA_C[i]!);
    D.push(CHINCHILLA_C[i]! / (6 * n));
    loss.push(CHINCHILLA_LOSS[i]!);
  });
  return { N, D, C, loss };
}
