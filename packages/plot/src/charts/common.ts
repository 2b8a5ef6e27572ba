import type { ResolvedAxis } from "../chart/axes.js";
import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from "../chart/spec.js";
import { dejaVuTextWidth } from "../chart/text-metrics.js";
import { PlotError } from "../errors.js";
import { labelsPerDecade } from "../format/ticks.js";
import { themeConfig } from "../theme/config.js";
import type { FigureSize } from "../theme/sizes.js";

/**
 * The axis-length hints for {@link resolveAxis} before the exact plot area is known: an x axis spans
 * the width less the y axis and `right` px of legend; a y axis is given its length (`lengthOrRight`).
 * Log axes use them to label as densely as the measured labels allow.
 */
export function axisLength(
  size: FigureSize,
  orient: "x" | "y",
  lengthOrRight: number,
): { length: number; fontSize: number; orient: "x" | "y"; rotateToFit: boolean } {
  const length =
    orient === "x"
      ? size.width - 2 * Math.round(size.fontSize * 0.6) - 5.5 * size.fontSize - lengthOrRight
      : lengthOrRight;
  return {
    length: Math.max(60, Math.round(length)),
    fontSize: size.fontSize,
    orient,
    rotateToFit: orient === "x",
  };
}

/**
 * The top-level spec fields every chart shares: schema, theme, title, and the plot area of a
 * single-view chart (from {@link plotArea}; multi-view charts size their cells themselves).
 */
export function baseSpec(
  size: FigureSize,
  title: string | undefined,
  body: Record<string, unknown>,
  area?: { width: number; height: number },
): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(title ? { title } : {}),
    ...(area ? { width: area.width, height: area.height } : {}),
    autosize: { type: "pad" },
    config: themeConfig(size),
    ...body,
  };
}

/** Throws `EMPTY_DATA` when a chart gets nothing to draw. */
export function requireData(name: string, length: number): void {
  if (length === 0) throw new PlotError("EMPTY_DATA", `${name} needs at least one data point`);
}

/** Throws `INVALID_VALUE` unless `value` is a finite number. */
export function requireFinite(what: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new PlotError("INVALID_VALUE", `${what} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Rounds to 6 significant digits: keeps specs and SVGs small without visible change. */
export function round6(value: number): number {
  return Number(value.toPrecision(6));
}

/** Symbol area for line-legend entries: long enough (≈ 2.4 em) to show a dash pattern. */
export function strokeSymbolSize(size: FigureSize): number {
  return Math.round((2.4 * size.fontSize) ** 2);
}

/**
 * Breaks `text` into lines no wider than `width` px at `fontSize` (DejaVu Sans advance widths), at
 * spaces; a single word wider than the line is cut with an ellipsis rather than overflowing.
 */
export function wrapText(text: string, width: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (dejaVuTextWidth(candidate, fontSize, bold) <= width || !line) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => {
    if (dejaVuTextWidth(l, fontSize, bold) <= width) return l;
    let cut = l;
    while (cut.length > 1 && dejaVuTextWidth(`${cut}…`, fontSize, bold) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  });
}

/**
 * The length a vertical log axis needs for three labels in every decade (1-2-5, one line apart), when
 * `axis` (resolved at `length`) has fewer; capped at 2.5 × `length`. Returns `length` when it suffices.
 */
export function logAxisLengthNeeded(axis: ResolvedAxis, length: number, fontSize: number): number {
  if (axis.kind !== "log" || labelsPerDecade(axis.ticks, axis.domain[0], axis.domain[1]) >= 3) return length;
  const decades = Math.log10(axis.domain[1] / axis.domain[0]);
  return Math.round(
    Math.min(2.5 * length, Math.max(length, ((decades * 1.35 * fontSize) / Math.log10(2)) * 1.05)),
  );
}

/**
 * A chart's y axis at the figure's default plot height, re-resolved taller when it is a log axis that
 * needs more room for three labels per decade ({@link logAxisLengthNeeded}). `grownHeight` is the plot
 * height to lay out with: the grown length when the axis grew, otherwise `undefined` (keep the fitted one).
 */
export function resolveGrowingYAxis(
  resolveAt: (length: number) => ResolvedAxis,
  size: FigureSize,
): { axis: ResolvedAxis; grownHeight: number | undefined } {
  const base = size.height - 5 * size.fontSize;
  const axis = resolveAt(base);
  const needed = logAxisLengthNeeded(axis, base, size.fontSize);
  return needed > base ? { axis: resolveAt(needed), grownHeight: needed } : { axis, grownHeight: undefined };
}
