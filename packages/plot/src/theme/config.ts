import { neutral } from "./palette.js";
import type { FigureSize } from "./sizes.js";

/**
 * The font stack of every figure. DejaVu Sans ships with the package (for PNG rendering) and with most
 * Linux systems; the rest are the usual fallbacks in browsers.
 */
export const fontFamily = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";

/** The Vega-Lite `config` block shared by all charts: one font, quiet axes, light grid. */
export function themeConfig(size: FigureSize): Record<string, unknown> {
  return {
    font: fontFamily,
    background: "white",
    padding: Math.round(size.fontSize * 0.6),
    view: { stroke: neutral.faint, strokeWidth: 0.75 },
    axis: {
      labelFont: fontFamily,
      titleFont: fontFamily,
      labelFontSize: size.fontSize,
      titleFontSize: size.titleFontSize,
      titleFontWeight: "normal",
      labelColor: neutral.ink,
      titleColor: neutral.ink,
      domainColor: neutral.muted,
      tickColor: neutral.muted,
      gridColor: neutral.grid,
      labelOverlap: true,
      labelFlush: true,
    },
    legend: {
      labelFont: fontFamily,
      titleFont: fontFamily,
      labelFontSize: size.fontSize,
      titleFontSize: size.fontSize,
      titleFontWeight: "normal",
      labelLimit: size.width,
      symbolSize: size.pointSize * 2,
      padding: Math.round(size.fontSize * 0.4),
      rowPadding: 2,
      fillColor: "rgba(255,255,255,0.85)",
    },
    header: {
      labelFont: fontFamily,
      titleFont: fontFamily,
      labelFontSize: size.titleFontSize,
      titleFontSize: size.titleFontSize,
    },
    title: {
      font: fontFamily,
      fontSize: size.titleFontSize + 1,
      fontWeight: "bold",
      anchor: "start",
      color: neutral.ink,
    },
    text: { font: fontFamily, fontSize: size.fontSize },
    line: { strokeWidth: size.strokeWidth },
    point: { size: size.pointSize },
    concat: { spacing: Math.round(size.fontSize * 1.2) },
    facet: { spacing: Math.round(size.fontSize * 1.2) },
  };
}
