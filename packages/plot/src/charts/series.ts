import { PlotError } from "../errors.js";
import { categorical } from "../theme/palette.js";
import { requireData, requireFinite } from "./common.js";

/** One (x, y) point, with an optional interval around y. */
export interface XYPoint {
  readonly x: number;
  readonly y: number;
  readonly lower?: number;
  readonly upper?: number;
}

/** A named series of points. */
export interface Series {
  readonly name: string;
  readonly points: readonly XYPoint[];
  /** Colour; default the next Okabe–Ito colour. */
  readonly color?: string;
  /** Draw dashed (lines only). */
  readonly dashed?: boolean;
}

/** Validated rows of several series, with their names and colours in order. */
export interface SeriesRows {
  readonly rows: Record<string, number | string>[];
  readonly names: string[];
  readonly colors: string[];
  readonly dashed: boolean[];
  readonly hasBand: boolean;
}

/** Checks and flattens series into rows `{ series, x, y, lower?, upper? }`. */
export function seriesRows(chart: string, series: readonly Series[]): SeriesRows {
  requireData(`${chart} series`, series.length);
  const names: string[] = [];
  const rows: Record<string, number | string>[] = [];
  let hasBand = false;
  series.forEach((s, k) => {
    const name = String(s.name ?? `series ${k + 1}`);
    if (names.includes(name))
      throw new PlotError("INVALID_VALUE", `${chart}: two series are named "${name}"`);
    names.push(name);
    s.points.forEach((p, i) => {
      const row: Record<string, number | string> = {
        series: name,
        x: requireFinite(`${name}[${i}].x`, p.x),
        y: requireFinite(`${name}[${i}].y`, p.y),
      };
      if (p.lower !== undefined && p.upper !== undefined) {
        row.lower = requireFinite(`${name}[${i}].lower`, p.lower);
        row.upper = requireFinite(`${name}[${i}].upper`, p.upper);
        hasBand = true;
      }
      rows.push(row);
    });
  });
  requireData(`${chart} points`, rows.length);
  return {
    rows,
    names,
    colors: series.map((s, k) => s.color ?? (categorical[k % categorical.length] as string)),
    dashed: series.map((s) => s.dashed === true),
    hasBand,
  };
}
