/**
 * The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008): eight colours that stay
 * distinguishable under the common forms of colour-vision deficiency. Ordered for plotting: the
 * strongest contrasts first, yellow (weak on white) last.
 */
export const okabeIto = {
  blue: "#0072B2",
  vermillion: "#D55E00",
  bluishGreen: "#009E73",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  reddishPurple: "#CC79A7",
  black: "#000000",
  yellow: "#F0E442",
} as const;

/**
 * The categorical colours every chart uses, in order (Okabe–Ito).
 *
 * @example
 * ```ts
 * lineChart({ series: [...], colors: categorical.slice(2) });
 * ```
 */
export const categorical: readonly string[] = [
  okabeIto.blue,
  okabeIto.vermillion,
  okabeIto.bluishGreen,
  okabeIto.orange,
  okabeIto.skyBlue,
  okabeIto.reddishPurple,
  okabeIto.black,
  okabeIto.yellow,
];

/** Neutral inks for reference marks (chance level, grid, annotations). */
export const neutral = {
  ink: "#222222",
  muted: "#666666",
  faint: "#9a9a9a",
  grid: "#e6e6e6",
} as const;

/**
 * Sequential colour schemes for heatmaps and continuous colour: perceptually uniform and
 * colour-blind safe (Vega's built-in scheme names).
 */
export type SequentialScheme = "viridis" | "cividis" | "magma" | "inferno" | "plasma" | "blues" | "greys";

/** Diverging schemes for signed values centred on zero. */
export type DivergingScheme = "blueorange" | "redblue" | "purpleorange";
