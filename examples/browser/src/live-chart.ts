/**
 * A small canvas line chart for LIVE training curves. Re-rendering a Vega view on every evaluation
 * (hundreds per run) costs tens of milliseconds each; drawing a few polylines on a canvas costs well
 * under one, so the page redraws at most once per animation frame and never falls behind. The
 * finished run is drawn by `@emerge/plot` (see main.ts).
 */

/** One curve of the chart. */
export interface Series {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  /** Dashed lines for the secondary curve of a pair (test vs train). */
  readonly dashed?: boolean;
}

/** Axis settings: a fixed domain keeps the picture still while points arrive. */
export interface Axis {
  readonly label: string;
  readonly log: boolean;
  /** Fixed [min, max]; for log axes both must be > 0. Absent: fitted to the data (y only). */
  readonly domain?: readonly [number, number];
}

/** Options of {@link liveChart}. */
export interface LiveChartOptions {
  readonly title: string;
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly Series[];
  /** Horizontal reference lines (e.g. chance accuracy), drawn faint. */
  readonly references?: readonly { value: number; label: string }[];
}

/** The live chart: add points, it redraws on the next animation frame. */
export interface LiveChart {
  /** Add one x value with a y per series key (missing or non-finite values are skipped). */
  push(x: number, ys: Readonly<Record<string, number>>): void;
  /** Remove all points and set a new x domain (a new run). */
  reset(xDomain: readonly [number, number]): void;
  /** Change the x domain, keeping the points (e.g. trim it to the last step when a run stops early). */
  setXDomain(xDomain: readonly [number, number]): void;
  /** Change the reference lines. */
  setReferences(references: readonly { value: number; label: string }[]): void;
  /** Draw now (tests and the final frame). */
  draw(): void;
}

const ink = "#222222";
const muted = "#666666";
const grid = "#e6e6e6";

function ticksLog(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    const v = 10 ** e;
    if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
  }
  return out;
}

function ticksLinear(lo: number, hi: number, count = 5): number[] {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

function formatTick(v: number, log: boolean): string {
  if (log) {
    const e = Math.round(Math.log10(v));
    return Math.abs(e) <= 3 ? String(v >= 1 ? Math.round(v) : Number(v.toPrecision(1))) : `1e${e}`;
  }
  return Number(v.toPrecision(3)).toString();
}

/**
 * Make a live chart on `canvas`, scaled for the device pixel ratio.
 *
 * @example
 * ```ts
 * const chart = liveChart(canvas, { title: "accuracy", x: { label: "step", log: true, domain: [1, 1000] },
 *   y: { label: "accuracy", log: false, domain: [0, 1] }, series: [{ key: "train", label: "train", color: "#0072B2" }] });
 * chart.push(10, { train: 0.5 });
 * ```
 */
export function liveChart(canvas: HTMLCanvasElement, options: LiveChartOptions): LiveChart {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("2D canvas is not available");
  // The canvas attributes give the aspect ratio; the drawing follows the displayed size, so text
  // stays 12 px however wide the layout makes the chart.
  const aspect = canvas.height / canvas.width;
  let cssWidth = 0;
  let cssHeight = 0;
  let ratio = 1;
  const margin = { left: 56, right: 14, top: 30, bottom: 40 };
  let plotW = 0;
  let plotH = 0;
  const fitToElement = () => {
    const width = Math.max(240, Math.round(canvas.clientWidth || canvas.width));
    const dpr = Math.max(1, Math.round(globalThis.devicePixelRatio ?? 1));
    if (width === cssWidth && dpr === ratio) return;
    cssWidth = width;
    cssHeight = Math.round(width * aspect);
    ratio = dpr;
    canvas.width = cssWidth * ratio;
    canvas.height = cssHeight * ratio;
    plotW = cssWidth - margin.left - margin.right;
    plotH = cssHeight - margin.top - margin.bottom;
  };
  fitToElement();

  let xDomain: readonly [number, number] = options.x.domain ?? [1, 10];
  let references = options.references ?? [];
  const xs: number[] = [];
  const ys = new Map<string, number[]>(options.series.map((s) => [s.key, []]));
  let pending = false;

  const yDomain = (): [number, number] => {
    if (options.y.domain) return [options.y.domain[0], options.y.domain[1]];
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const values of ys.values()) {
      for (const v of values) {
        if (!Number.isFinite(v) || (options.y.log && v <= 0)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!Number.isFinite(lo)) return options.y.log ? [1e-3, 10] : [0, 1];
    if (options.y.log) return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
    return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
  };

  const scale = (v: number, [lo, hi]: readonly [number, number], log: boolean) =>
    log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);

  function draw(): void {
    pending = false;
    fitToElement();
    const c = ctx as CanvasRenderingContext2D;
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    c.fillStyle = "#ffffff";
    c.fillRect(0, 0, cssWidth, cssHeight);
    c.font = "12px system-ui, sans-serif";
    const yd = yDomain();
    const px = (x: number) => margin.left + plotW * scale(x, xDomain, options.x.log);
    const py = (y: number) => margin.top + plotH * (1 - scale(y, yd, options.y.log));

    // Grid and tick labels.
    c.strokeStyle = grid;
    c.fillStyle = muted;
    c.lineWidth = 1;
    c.textAlign = "center";
    c.textBaseline = "top";
    const xTicks = options.x.log ? ticksLog(xDomain[0], xDomain[1]) : ticksLinear(xDomain[0], xDomain[1]);
    for (const t of xTicks) {
      const x = Math.round(px(t)) + 0.5;
      c.beginPath();
      c.moveTo(x, margin.top);
      c.lineTo(x, margin.top + plotH);
      c.stroke();
      c.fillText(formatTick(t, options.x.log), x, margin.top + plotH + 6);
    }
    c.textAlign = "right";
    c.textBaseline = "middle";
    const yTicks = options.y.log ? ticksLog(yd[0], yd[1]) : ticksLinear(yd[0], yd[1]);
    for (const t of yTicks) {
      const y = Math.round(py(t)) + 0.5;
      c.beginPath();
      c.moveTo(margin.left, y);
      c.lineTo(margin.left + plotW, y);
      c.stroke();
      c.fillText(formatTick(t, options.y.log), margin.left - 6, y);
    }
    c.strokeStyle = muted;
    c.strokeRect(margin.left + 0.5, margin.top + 0.5, plotW, plotH);

    // Reference lines.
    c.setLineDash([2, 3]);
    c.strokeStyle = "#9a9a9a";
    c.textAlign = "right";
    c.textBaseline = "bottom";
    for (const r of references) {
      if (r.value < yd[0] || r.value > yd[1]) continue;
      const y = py(r.value);
      c.beginPath();
      c.moveTo(margin.left, y);
      c.lineTo(margin.left + plotW, y);
      c.stroke();
      c.fillText(r.label, margin.left + plotW - 4, y - 2);
    }
    c.setLineDash([]);

    // Curves, clipped to the plot area.
    c.save();
    c.beginPath();
    c.rect(margin.left, margin.top, plotW, plotH);
    c.clip();
    c.lineWidth = 2;
    c.lineJoin = "round";
    for (const s of options.series) {
      const values = ys.get(s.key) as number[];
      c.strokeStyle = s.color;
      c.setLineDash(s.dashed ? [6, 4] : []);
      c.beginPath();
      let open = false;
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i] as number;
        const y = values[i] as number;
        if (!Number.isFinite(y) || (options.y.log && y <= 0) || (options.x.log && x <= 0)) {
          open = false;
          continue;
        }
        if (open) c.lineTo(px(x), py(y));
        else c.moveTo(px(x), py(y));
        open = true;
      }
      c.stroke();
    }
    c.restore();
    c.setLineDash([]);

    // Title, axis labels, legend.
    c.fillStyle = ink;
    c.textAlign = "left";
    c.textBaseline = "alphabetic";
    c.font = "600 13px system-ui, sans-serif";
    c.fillText(options.title, margin.left, 18);
    c.font = "12px system-ui, sans-serif";
    c.fillStyle = muted;
    c.textAlign = "center";
    c.fillText(options.x.label, margin.left + plotW / 2, cssHeight - 6);
    c.save();
    c.translate(14, margin.top + plotH / 2);
    c.rotate(-Math.PI / 2);
    c.fillText(options.y.label, 0, 0);
    c.restore();
    let lx = margin.left + plotW;
    c.textAlign = "right";
    for (const s of [...options.series].reverse()) {
      const w = c.measureText(s.label).width;
      c.fillStyle = ink;
      c.fillText(s.label, lx, 18);
      c.strokeStyle = s.color;
      c.lineWidth = 2;
      c.setLineDash(s.dashed ? [4, 3] : []);
      c.beginPath();
      c.moveTo(lx - w - 24, 14);
      c.lineTo(lx - w - 6, 14);
      c.stroke();
      c.setLineDash([]);
      lx -= w + 36;
    }
  }

  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(draw);
  };

  draw();
  if (typeof ResizeObserver !== "undefined") new ResizeObserver(schedule).observe(canvas);
  return {
    push(x, values) {
      xs.push(x);
      for (const s of options.series) (ys.get(s.key) as number[]).push(values[s.key] ?? Number.NaN);
      schedule();
    },
    reset(domain) {
      xDomain = domain;
      xs.length = 0;
      for (const values of ys.values()) values.length = 0;
      schedule();
    },
    setXDomain(domain) {
      xDomain = domain;
      schedule();
    },
    setReferences(next) {
      references = next;
      schedule();
    },
    draw,
  };
}
