import { extent } from "../chart/extent.js";
import { PlotError } from "../errors.js";
import { formatNumber } from "../format/number.js";
import { formatSI } from "../format/tick.js";
import { BrailleCanvas } from "./braille.js";

/** One series of a terminal plot. */
export interface TerminalSeries {
  readonly name?: string;
  /** y values; x is the index unless `x` is given. */
  readonly y: readonly number[];
  readonly x?: readonly number[];
}

/** Options of {@link terminalPlot}. */
export interface TerminalPlotOptions {
  /** Plot width in characters (without the axis labels). Default 60. */
  readonly width?: number;
  /** Plot height in characters. Default 12. */
  readonly height?: number;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Fixed y range (e.g. [0, 1] for accuracy). */
  readonly yDomain?: readonly [number, number];
  readonly title?: string;
  /** Colour each series with ANSI escapes (blue, vermillion, green, …). Default false. */
  readonly color?: boolean;
}

// 256-colour approximations of the Okabe–Ito palette.
const ansi = [32, 166, 36, 172, 74, 175];

/**
 * A small line plot for the terminal, drawn with braille dots (2 × 4 per character), with y labels,
 * the x range and a legend. Pass the full history on every redraw for live progress in a CLI.
 *
 * @example
 * ```ts
 * console.log(terminalPlot([{ name: "train", y: trainAcc }, { name: "test", y: testAcc }],
 *   { yDomain: [0, 1], title: "accuracy", width: 50, height: 8 }));
 * ```
 */
export function terminalPlot(series: readonly TerminalSeries[], options: TerminalPlotOptions = {}): string {
  const width = options.width ?? 60;
  const height = options.height ?? 12;
  if (!(Number.isInteger(width) && width >= 4 && Number.isInteger(height) && height >= 2)) {
    throw new PlotError(
      "INVALID_OPTION",
      `terminalPlot needs integer width ≥ 4 and height ≥ 2, got ${width}×${height}`,
    );
  }
  const tx = (v: number) => (options.logX ? Math.log10(v) : v);
  const ty = (v: number) => (options.logY ? Math.log10(v) : v);
  const points = series.map((s) =>
    s.y.flatMap((y, i) => {
      const x = s.x ? (s.x[i] as number) : i;
      const px = tx(x);
      const py = ty(y);
      return Number.isFinite(px) && Number.isFinite(py) ? [[px, py] as const] : [];
    }),
  );
  const all = points.flat();
  if (all.length === 0) throw new PlotError("EMPTY_DATA", "terminalPlot has no finite points to draw");
  let [x0, x1] = extent(all.map((p) => p[0]));
  let [y0, y1] = options.yDomain
    ? [ty(options.yDomain[0]), ty(options.yDomain[1])]
    : extent(all.map((p) => p[1]));
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const canvas = new BrailleCanvas(width, height);
  const W = width * 2 - 1;
  const H = height * 4 - 1;
  const px = (x: number) => Math.round(((x - x0) / (x1 - x0)) * W);
  const py = (y: number) => Math.round((1 - (Math.min(Math.max(y, y0), y1) - y0) / (y1 - y0)) * H);
  points.forEach((pts, k) => {
    pts.forEach(([x, y], i) => {
      const prev = pts[i - 1];
      if (prev) canvas.line(px(prev[0]), py(prev[1]), px(x), py(y), k);
      else canvas.set(px(x), py(y), k);
    });
  });
  const untx = (v: number) => (options.logX ? 10 ** v : v);
  const unty = (v: number) => (options.logY ? 10 ** v : v);
  const label = (v: number) => (Math.abs(v) >= 1e4 ? formatSI(v) : formatNumber(v));
  const top = label(unty(y1));
  const mid = label(unty((y0 + y1) / 2));
  const bottom = label(unty(y0));
  const gutter = Math.max(top.length, mid.length, bottom.length);
  const paint = options.color
    ? (text: string, k: number) => `\u001b[38;5;${ansi[k % ansi.length]}m${text}\u001b[0m`
    : undefined;
  const rows = canvas.rows(paint).map((row, r) => {
    const yLabel = r === 0 ? top : r === height - 1 ? bottom : r === Math.floor((height - 1) / 2) ? mid : "";
    return `${yLabel.padStart(gutter)} ┤${row}`;
  });
  const left = label(untx(x0));
  const right = label(untx(x1));
  const axis = `${" ".repeat(gutter)} └${"─".repeat(width)}`;
  const xLabels = `${" ".repeat(gutter + 2)}${left}${right.padStart(Math.max(1, width - left.length))}`;
  const legend = series
    .map((s, k) => (s.name ? `${paint ? paint("⣿", k) : "⣿"} ${s.name}` : ""))
    .filter((s) => s !== "")
    .join("   ");
  return [
    ...(options.title ? [`${" ".repeat(gutter + 2)}${options.title}`] : []),
    ...rows,
    axis,
    xLabels,
    ...(legend && series.length > 1 ? [`${" ".repeat(gutter + 2)}${legend}`] : []),
  ].join("\n");
}
