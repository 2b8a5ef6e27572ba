import { extent } from "../chart/extent.js";

const bars = "▁▂▃▄▅▆▇█";

/** Options of {@link sparkline}. */
export interface SparklineOptions {
  /** Value drawn as the lowest bar; default the minimum. */
  readonly min?: number;
  /** Value drawn as the highest bar; default the maximum. */
  readonly max?: number;
  /** Keep only the last `width` values (a scrolling window for live progress). */
  readonly width?: number;
}

/**
 * A one-line chart of a series with the eight block characters `▁▂▃▄▅▆▇█`; missing or non-finite
 * values are spaces. Cheap enough to redraw on every step of a training loop.
 *
 * @example
 * ```ts
 * sparkline([0.1, 0.5, 0.9, 1]); // "▁▄▇█"
 * process.stdout.write(`\r test acc ${sparkline(history, { min: 0, max: 1, width: 40 })}`);
 * ```
 */
export function sparkline(values: readonly number[], options: SparklineOptions = {}): string {
  const width = options.width;
  const shown = width === undefined ? values : width <= 0 ? [] : values.slice(-width);
  const finite = shown.filter(Number.isFinite);
  if (finite.length === 0) return " ".repeat(shown.length);
  const [min, max] = extent(finite);
  const lo = options.min ?? min;
  const hi = options.max ?? max;
  const span = hi - lo;
  return shown
    .map((v) => {
      if (!Number.isFinite(v)) return " ";
      const t = span > 0 ? (Math.min(Math.max(v, lo), hi) - lo) / span : 0.5;
      return bars[Math.min(bars.length - 1, Math.floor(t * bars.length))] as string;
    })
    .join("");
}
