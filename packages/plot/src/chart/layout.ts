import type { FigureSize } from "../theme/sizes.js";
import { dejaVuTextWidth } from "./text-metrics.js";

// Vega's defaults for the parts around a plot (axis tick size and paddings, legend offset, gradient
// thickness), so the plot area can be sized up front instead of with autosize "fit", which makes
// Vega lay the chart out twice (about 3× the render time).
const TICK = 5;
const LABEL_PAD = 2;
const TITLE_PAD = 4;
const LEGEND_OFFSET = 18;
const GRADIENT = 16;
const LEGEND_LABEL_OFFSET = 4;

const widest = (texts: readonly string[], fontSize: number) =>
  Math.max(0, ...texts.map((t) => dejaVuTextWidth(t, fontSize)));

/** What surrounds a single-view plot. */
export interface Frame {
  readonly title?: string | undefined;
  /** Labels of the left axis. */
  readonly yLabels: readonly string[];
  readonly yTitle?: boolean;
  readonly xTitle?: boolean;
  /** Width of legends on the right (see {@link legendWidth}). */
  readonly right?: number;
  /** Height of legends below the x axis (see {@link legendHeight}). */
  readonly bottom?: number;
}

/** The padding theme config puts around every figure. */
export function figurePadding(size: FigureSize): number {
  return Math.round(size.fontSize * 0.6);
}

/** The plot area that makes the whole figure come out at `size` (within a few pixels). */
export function plotArea(size: FigureSize, frame: Frame): { width: number; height: number } {
  const pad = 2 * figurePadding(size);
  const left =
    widest(frame.yLabels, size.fontSize) +
    TICK +
    LABEL_PAD +
    (frame.yTitle === false ? 0 : size.titleFontSize + TITLE_PAD);
  const bottom =
    TICK +
    LABEL_PAD +
    size.fontSize +
    (frame.xTitle === false ? 0 : size.titleFontSize + TITLE_PAD) +
    (frame.bottom ?? 0);
  // A title takes its line plus Vega's offset; without one, the top tick label overhangs by half a line.
  const top = frame.title ? size.titleFontSize + 1 + 6 : Math.ceil(size.fontSize / 2);
  return {
    width: Math.max(60, Math.round(size.width - pad - left - (frame.right ?? 0))),
    height: Math.max(60, Math.round(size.height - pad - top - bottom)),
  };
}

/** Width taken by a legend on the right: a colour bar (`gradient`) or symbols with labels. */
export function legendWidth(
  size: FigureSize,
  kind: "gradient" | "symbol",
  labels: readonly string[],
  title?: string | null,
  symbolSize?: number,
): number {
  const inner = Math.round(size.fontSize * 0.4) * 2;
  const mark = kind === "gradient" ? GRADIENT : Math.sqrt(symbolSize ?? size.pointSize * 2);
  const body = mark + LEGEND_LABEL_OFFSET + widest(labels, size.fontSize);
  return LEGEND_OFFSET + inner + Math.max(body, title ? dejaVuTextWidth(title, size.fontSize) : 0);
}

/** Height taken by a vertical symbol legend below the plot. */
export function legendHeight(size: FigureSize, rows: number, symbolSize: number): number {
  const inner = Math.round(size.fontSize * 0.4) * 2;
  // Measured on Vega's output: an entry is about ¾ of the symbol's extent tall, at least one line.
  return LEGEND_OFFSET + inner + rows * Math.max(0.75 * Math.sqrt(symbolSize) + 1, size.fontSize + 2);
}
