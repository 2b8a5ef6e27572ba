import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from "../chart/spec.js";
import { PlotError } from "../errors.js";
import { themeConfig } from "../theme/config.js";
import type { FigureSize } from "../theme/sizes.js";

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
