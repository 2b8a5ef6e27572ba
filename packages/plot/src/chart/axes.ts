import { PlotError } from "../errors.js";
import { labelExpression } from "../format/label-expression.js";
import { formatNumber } from "../format/number.js";
import { formatPow10 } from "../format/pow10.js";
import { formatSI } from "../format/tick.js";
import { labelsPerDecade, linearTicks, logTicks, minorLogTicks } from "../format/ticks.js";
import { dejaVuTextWidth } from "./text-metrics.js";

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
  /** The labelled tick values. */
  readonly ticks: readonly number[];
  /** Unlabelled minor ticks (log axes: the 2…9 multiples between labelled ticks). */
  readonly minor: readonly number[];
  /** Height the labels take beyond one line (vertical labels on a crowded log x axis), for layout. */
  readonly extraHeight: number;
}

/** Defaults a chart gives an axis before user options apply. */
export interface AxisDefaults {
  readonly title: string;
  readonly scale: ScaleKind;
  readonly domain?: readonly [number, number];
  readonly grid?: boolean;
  readonly maxTicks?: number;
  /**
   * Length of the axis in pixels, with the label font size and orientation: log axes then label as
   * densely (1…9, 1-2-5, 1-3, 10ᵏ) as the measured labels allow without touching.
   */
  readonly length?: number;
  readonly fontSize?: number;
  readonly orient?: "x" | "y";
  /** Turn a log x axis's labels vertical when that gives three labels per decade and upright does not. */
  readonly rotateToFit?: boolean;
}

/** Whether labels at `ticks` fit an axis of `length` px without touching (DejaVu Sans widths). */
function labelsFit(
  ticks: readonly number[],
  labels: readonly string[],
  domain: readonly [number, number],
  kind: ScaleKind,
  length: number,
  fontSize: number,
  orient: "x" | "y" | "rotated",
): boolean {
  const t = kind === "log" ? Math.log : (v: number) => v;
  const a = t(domain[0]);
  const span = t(domain[1]) - a;
  const pos = ticks.map((v) => ((t(v) - a) / span) * length);
  for (let i = 1; i < ticks.length; i++) {
    const gap = (pos[i] as number) - (pos[i - 1] as number);
    const need =
      orient === "rotated"
        ? fontSize * 1.15
        : orient === "y"
          ? fontSize * 1.35
          : (dejaVuTextWidth(labels[i - 1] ?? "", fontSize) + dejaVuTextWidth(labels[i] ?? "", fontSize)) /
              2 +
            fontSize * 0.7;
    if (gap < need) return false;
  }
  return true;
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
  const format = options?.format ?? (kind === "log" && domain[1] >= 1000 ? "si" : "number");
  const formatter = format === "si" ? formatSI : format === "pow10" ? formatPow10 : formatNumber;
  const { length, fontSize, orient } = defaults;
  // With a known axis length, log axes may label more densely than the default cap of 6.
  const maxTicks =
    options?.maxTicks ?? (kind === "log" && length !== undefined ? 40 : (defaults.maxTicks ?? 6));
  const fitsAs = (o: "x" | "y" | "rotated") =>
    length !== undefined && fontSize !== undefined
      ? (t: readonly number[]) =>
          labelsFit(
            t,
            t.map((v) => formatter(v)),
            domain,
            kind,
            length,
            fontSize,
            o,
          )
      : undefined;
  const fits = fitsAs(orient ?? "x");
  let ticks = options?.ticks
    ? [...options.ticks].filter((t) => t >= domain[0] && t <= domain[1])
    : kind === "log"
      ? logTicks(domain[0], domain[1], { maxTicks, ...(fits ? { fits } : {}) })
      : linearTicks(domain[0], domain[1], { maxTicks });
  // A log x axis too short for three upright labels per decade (small multiples over four decades)
  // turns its labels vertical rather than leave the reader one label per decade.
  let rotated = false;
  const perDecade = (t: readonly number[]) => labelsPerDecade(t, domain[0], domain[1]);
  if (kind === "log" && !options?.ticks && defaults.rotateToFit && perDecade(ticks) < 3) {
    const upright = logTicks(domain[0], domain[1], {
      maxTicks,
      fits: fitsAs("rotated") as (t: readonly number[]) => boolean,
    });
    if (perDecade(upright) >= 3) {
      ticks = upright;
      rotated = true;
    }
  }
  const labels = ticks.map((t) => formatter(t));
  const minor = kind === "log" && !options?.ticks ? minorLogTicks(domain[0], domain[1], ticks) : [];
  const all = [...ticks, ...minor].sort((p, q) => p - q);
  const labelOf = new Map(ticks.map((t, i) => [t, labels[i] as string]));
  const isMinor = `indexof(${JSON.stringify(minor)}, datum.value) >= 0`;
  return {
    kind,
    domain,
    labels,
    ticks,
    minor,
    extraHeight: rotated
      ? Math.max(0, ...labels.map((l) => dejaVuTextWidth(l, fontSize ?? 10))) - (fontSize ?? 10)
      : 0,
    scale:
      kind === "log" ? { type: kind, domain, nice: false } : { type: kind, domain, nice: false, zero: false },
    axis: {
      title: options?.title ?? defaults.title,
      values: all,
      labelExpr: labelExpression(
        all,
        all.map((v) => labelOf.get(v) ?? ""),
        kind,
      ),
      grid: defaults.grid ?? true,
      ...(rotated
        ? { labelAngle: -90, labelAlign: "right", labelBaseline: "middle", labelFlush: false }
        : {}),
      // Labels were chosen to fit by measuring them; Vega's own overlap pass would drop every other one.
      ...(kind === "log" && length !== undefined && !options?.ticks ? { labelOverlap: false } : {}),
      // Minor ticks: shorter, with fainter grid lines, and no label.
      ...(minor.length > 0
        ? {
            tickSize: { condition: { test: isMinor, value: 2.5 }, value: 5 },
            gridOpacity: { condition: { test: isMinor, value: 0.35 }, value: 1 },
          }
        : {}),
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
