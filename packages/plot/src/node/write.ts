import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Chart, PNGOptions } from "@emerge/plot";

/** What {@link writeChart} writes. */
export interface WriteChartOptions {
  /** File kinds to write; default all three. */
  readonly formats?: readonly ("svg" | "png" | "json")[];
  /** PNG options (scale, background, fonts). */
  readonly png?: PNGOptions;
}

/** Paths written by {@link writeChart}, per format. */
export interface WrittenChart {
  readonly svg?: string;
  readonly png?: string;
  readonly json?: string;
}

/**
 * Writes a chart as `<base>.svg`, `<base>.png` and its Vega-Lite spec as `<base>.json`
 * (creating the folder), and returns the paths.
 *
 * @example
 * ```ts
 * import { writeChart } from "@emerge/plot/node";
 * await writeChart(scalingChart({ points }), "figures/scaling");
 * ```
 */
export async function writeChart(
  chart: Chart,
  base: string,
  options: WriteChartOptions = {},
): Promise<WrittenChart> {
  const formats = new Set(options.formats ?? ["svg", "png", "json"]);
  await mkdir(dirname(base), { recursive: true });
  const written: { svg?: string; png?: string; json?: string } = {};
  if (formats.has("svg")) {
    written.svg = `${base}.svg`;
    await writeFile(written.svg, await chart.toSVG());
  }
  if (formats.has("png")) {
    written.png = `${base}.png`;
    await writeFile(written.png, await chart.toPNG(options.png));
  }
  if (formats.has("json")) {
    written.json = `${base}.json`;
    await writeFile(written.json, `${JSON.stringify(chart.spec, null, 2)}\n`);
  }
  return written;
}
