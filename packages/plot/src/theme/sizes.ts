import { PlotError } from "../errors.js";

/** The dimensions and type sizes of a figure. */
export interface FigureSize {
  /** Total width of the figure in CSS pixels (= SVG user units). */
  readonly width: number;
  /** Total height of a single-panel figure; multi-panel charts split or stack it. */
  readonly height: number;
  /** Tick labels and legend text. */
  readonly fontSize: number;
  /** Axis and legend titles. */
  readonly titleFontSize: number;
  /** Point marks' area in square pixels. */
  readonly pointSize: number;
  /** Line marks' stroke width. */
  readonly strokeWidth: number;
}

/**
 * Size presets. `page` (the default) spans the full text width of a two-column paper (a `figure*`,
 * about 7 in: a 2× PNG is 1280 px wide, ≈ 180 dpi, and 12 px type lands near 9.5 pt) or of a
 * one-column paper; `column` fits one column of a two-column paper (3.25 in, fonts near 8 pt);
 * `slide` fills a 16:9 slide at readable distance.
 *
 * @example
 * ```ts
 * scalingChart({ points, size: "slide" });
 * scalingChart({ points, size: { ...sizes.column, height: 260 } });
 * ```
 */
export const sizes = {
  column: { width: 320, height: 230, fontSize: 10, titleFontSize: 11, pointSize: 22, strokeWidth: 1.6 },
  page: { width: 640, height: 340, fontSize: 12, titleFontSize: 13, pointSize: 36, strokeWidth: 2 },
  slide: { width: 960, height: 540, fontSize: 20, titleFontSize: 22, pointSize: 90, strokeWidth: 3 },
} as const satisfies Record<string, FigureSize>;

/** The name of a size preset. */
export type SizePreset = keyof typeof sizes;

/** A preset name or explicit dimensions (missing type sizes come from the nearest preset). */
export type SizeOption =
  | SizePreset
  | (Partial<FigureSize> & { readonly width: number; readonly height: number });

/** Resolves a {@link SizeOption} to full dimensions; `page` by default. */
export function resolveSize(option: SizeOption | undefined): FigureSize {
  if (option === undefined) return sizes.page;
  if (typeof option === "string") {
    const preset = (sizes as Record<string, FigureSize>)[option];
    if (!preset) throw new PlotError("INVALID_OPTION", `unknown size preset "${option}"`);
    return preset;
  }
  const { width, height } = option;
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new PlotError("INVALID_OPTION", `size needs a positive width and height, got ${width}×${height}`);
  }
  const base = width >= 900 ? sizes.slide : width >= 560 ? sizes.page : sizes.column;
  return { ...base, ...option };
}
