import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Chart, PNGOptions } from "@emerge/plot";
import { writeFileAtomic } from "./atomic.js";

/** A file kind {@link writeChart} can write. */
export type ChartFormat = "svg" | "png" | "pdf" | "json";

/** What {@link writeChart} writes. */
export interface WriteChartOptions {
  /** File kinds to write; default svg, png, pdf and json. */
  readonly formats?: readonly ChartFormat[];
  /** PNG options (scale, background, fonts). */
  readonly png?: PNGOptions;
}

/** Paths written by {@link writeChart}, per format. */
export interface WrittenChart {
  readonly svg?: string;
  readonly png?: string;
  readonly pdf?: string;
  readonly json?: string;
}

/**
 * Writes a chart as `<base>.svg`, `<base>.png` (2×), `<base>.pdf` (vector, fonts embedded) and its
 * Vega-Lite spec as `<base>.json` (creating the folder), each atomically, and returns the paths.
 *
 * @example
 * ```ts
 * import { writeChart } from "@emerge/plot/node";
 * await writeChart(scalingChart({ points }), "figures/scaling");
 * await writeChart(chart, "figures/scaling", { formats: ["pdf"] });
 * ```
 */
export async function writeChart(
  chart: Chart,
  base: string,
  options: WriteChartOptions = {},
): Promise<WrittenChart> {
  const formats = new Set(options.formats ?? ["svg", "png", "pdf", "json"]);
  await mkdir(dirname(base), { recursive: true });
  const written: { svg?: string; png?: string; pdf?: string; json?: string } = {};
  if (formats.has("svg")) {
    written.svg = `${base}.svg`;
    await writeFileAtomic(written.svg, await chart.toSVG());
  }
  if (formats.has("png")) {
    written.png = `${base}.png`;
    await writeFileAtomic(written.png, await chart.toPNG(options.png));
  }
  if (formats.has("pdf")) {
    written.pdf = `${base}.pdf`;
    await writeFileAtomic(written.pdf, await chart.toPDF());
  }
  if (formats.has("json")) {
    written.json = `${base}.json`;
    await writeFileAtomic(written.json, `${JSON.stringify(chart.spec, null, 2)}\n`);
  }
  return written;
}
