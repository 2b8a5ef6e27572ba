import { PlotError } from "../errors.js";
import { labelExpression } from "../format/label-expression.js";
import { formatNumber } from "../format/number.js";
import { formatPow10 } from "../format/pow10.js";
import { formatSI } from "../format/tick.js";
import { linearTicks, logTicks } from "../format/ticks.js";

/** How tick labels are written: `si` (1K, 1M, 1B), `pow10` (10⁶, 10⁹) or `number` (0.25, 1e-4). */
export type TickFormat = "si" | "pow10" | "number";

/** The kind of a quantitative scale. */
export type ScaleKind = "linear" | "log";

/** Options of one quantitative axis. */
export interface AxisOptions {
  /** Axis title; the chart's default when absent. */
  readonly title?: string;
  /** `linear` or `log`; each chart has its own default. */
  readonly scale?: ScaleKind;
  /** Fixed domain; by default the data extent, padded by 4 % (in log space on log axes). */
  readonly domain?: readonly [number, number];
  /** Tick label style; `si` on log axes reaching 1000, `number` otherwise. */
  readonly format?: TickFormat;
  /** Explicit tick values (labels still use `format`). */
  readonly ticks?: readonly number[];
  /** The most ticks to draw; default 6 (4 on narrow panels). */
  readonly maxTicks?: number;
}

/** A resolved axis: the Vega-Lite `scale` and `axis` blocks and the numeric domain. */
export interface ResolvedAxis {
  readonly scale: Record<string, unknown>;
  readonly axis: Record<string, unknown>;
  readonly domain: readonly [number, number];
  readonly kind: ScaleKind;
  /** The tick labels, for layout. */
  readonly labels: readonly string[];
}

/** Defaults a chart gives an axis before user options apply. */
export interface AxisDefaults {
  readonly title: string;
  readonly scale: ScaleKind;
  readonly domain?: readonly [number, number];
  readonly grid?: boolean;
  readonly maxTicks?: number;
}

/**
 * Resolves one quantitative axis from the values it must show: checks them (log axes need positive
 * values), pads the domain, picks ticks that cannot overlap and writes their labels as a portable
 * `labelExpr`.
 */
export function resolveAxis(
  name: string,
  values: Iterable<number>,
  options: AxisOptions | undefined,
  defaults: AxisDefaults,
): ResolvedAxis {
  const kind = options?.scale ?? defaults.scale;
  if (kind !== "linear" && kind !== "log") {
    throw new PlotError("INVALID_OPTION", `${name} scale must be "linear" or "log", got ${String(kind)}`);
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (kind === "log" && v <= 0) {
      throw new PlotError(
        "LOG_SCALE_NON_POSITIVE",
        `${name} uses a log scale but has the value ${v}; remove non-positive values or use scale: "linear"`,
      );
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const fixed = options?.domain ?? defaults.domain;
  let domain: [number, number];
  if (fixed) {
    const [a, b] = fixed;
    if (!Number.isFinite(a) || !Number.isFinite(b) || a >= b || (kind === "log" && a <= 0)) {
      throw new PlotError("INVALID_OPTION", `${name} domain [${a}, ${b}] is not a valid ${kind} range`);
    }
    domain = [a, b];
  } else {
    if (lo > hi) throw new PlotError("EMPTY_DATA", `${name} has no finite values to plot`);
    domain = padded(lo, hi, kind);
  }
  const maxTicks = options?.maxTicks ?? defaults.maxTicks ?? 6;
  const ticks = options?.ticks
    ? [...options.ticks].filter((t) => t >= domain[0] && t <= domain[1])
    : kind === "log"
      ? logTicks(domain[0], domain[1], { maxTicks })
      : linearTicks(domain[0], domain[1], { maxTicks });
  const format = options?.format ?? (kind === "log" && domain[1] >= 1000 ? "si" : "number");
  const formatter = format === "si" ? formatSI : format === "pow10" ? formatPow10 : formatNumber;
  const labels = ticks.map((t) => formatter(t));
  return {
    kind,
    domain,
    labels,
    scale:
      kind === "log" ? { type: kind, domain, nice: false } : { type: kind, domain, nice: false, zero: false },
    axis: {
      title: options?.title ?? defaults.title,
      values: ticks,
      labelExpr: labelExpression(ticks, labels, kind),
      grid: defaults.grid ?? true,
    },
  };
}

function padded(lo: number, hi: number, kind: ScaleKind): [number, number] {
  if (kind === "log") {
    if (lo === hi) return [lo / 2, hi * 2];
    const pad = (hi / lo) ** 0.04;
    return [lo / pad, hi * pad];
  }
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, hi + d];
  }
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** Writes a number for the formula in a legend: 3 significant digits, SI suffixes for large values. */
export function formatParameter(value: number): string {
  return Math.abs(value) >= 1e4 ? formatSI(value) : formatNumber(value);
}
