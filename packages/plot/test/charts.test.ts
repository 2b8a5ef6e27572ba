import { describe, expect, it } from "vitest";
import { examples } from "../scripts/examples.js";
import {
  type Chart,
  emergenceChart,
  formulaLabel,
  grokkingChart,
  heatmap,
  lineChart,
  MAX_HEATMAP_CELLS,
  PlotError,
  type PlotErrorCode,
  scalingChart,
  scatter,
  sizes,
  VEGA_LITE_SCHEMA,
} from "../src/index.js";
import { normaliseSVG, svgSize } from "./helpers.js";

function expectCode(fn: () => unknown, code: PlotErrorCode): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PlotError);
    expect((error as PlotError).code).toBe(code);
    return;
  }
  throw new Error(`expected a PlotError ${code}`);
}

type Layer = {
  mark: { type: string } | string;
  encoding?: Record<string, Record<string, unknown>>;
  data?: { values: Record<string, unknown>[] };
};
const layers = (chart: Chart) => chart.spec.layer as Layer[];
const markType = (l: Layer) => (typeof l.mark === "string" ? l.mark : l.mark.type);

const power = { E: 1.7, A: 400, alpha: 0.34 };
const powerFit = {
  params: power,
  predict: (n: number) => power.E + power.A * n ** -power.alpha,
  confidenceBand: (xs: readonly number[], level = 0.95) => {
    const fit = xs.map((n) => power.E + power.A * n ** -power.alpha);
    const w = level === 0.95 ? 0.05 : 0.1;
    return { x: [...xs], fit, lower: fit.map((y) => y - w), upper: fit.map((y) => y + w) };
  },
};
const scalingPoints = [1e7, 1e8, 1e9, 1e10].map((n) => ({ size: n, loss: powerFit.predict(n) }));

describe("every chart type", () => {
  for (const [name, make] of Object.entries(examples)) {
    describe(name, () => {
      const chart = make();
      it("has a Vega-Lite spec that compiles without warnings and round-trips through JSON", async () => {
        expect(chart.spec.$schema).toBe(VEGA_LITE_SCHEMA);
        expect(JSON.parse(JSON.stringify(chart))).toEqual(chart.spec);
        expect(await chart.warnings()).toEqual([]);
      });
      // One snapshot per chart type: the log-colour heatmap variant only has to compile cleanly.
      if (name !== "heatmap-fourier") {
        it("renders SVG matching the snapshot (numbers rounded to 2 decimals)", async () => {
          const svg = await chart.toSVG();
          expect(svg.startsWith("<svg")).toBe(true);
          await expect(normaliseSVG(svg)).toMatchFileSnapshot(`__snapshots__/${name}.svg`);
        });
      }
    });
  }
});

describe("scalingChart", () => {
  it("draws band, fitted line and points on log–log axes with the formula in the legend", () => {
    const chart = scalingChart({ points: scalingPoints, fit: powerFit });
    const [band, line, points] = layers(chart) as [Layer, Layer, Layer];
    expect([band, line, points].map(markType)).toEqual(["area", "line", "point"]);
    expect(line.encoding?.x?.scale).toMatchObject({ type: "log" });
    expect(line.encoding?.y?.scale).toMatchObject({ type: "log" });
    expect(line.encoding?.stroke?.scale).toMatchObject({ domain: ["L = 1.7 + 400·N^−0.34"] });
    expect(points.data?.values).toHaveLength(4);
  });
  it("dashes the extrapolation beyond the largest measured size", () => {
    const chart = scalingChart({ points: scalingPoints, fit: powerFit, extrapolateTo: 1e12 });
    const line = layers(chart)[1] as Layer;
    const rows = line.data?.values as { x: number; key: string }[];
    const extra = rows.filter((r) => r.key === "extrapolation");
    expect(Math.min(...extra.map((r) => r.x))).toBeCloseTo(1e10, -3);
    expect(Math.max(...extra.map((r) => r.x))).toBeCloseTo(1e12, -5);
    expect(rows.filter((r) => r.key !== "extrapolation").every((r) => r.x <= 1e10)).toBe(true);
    expect(line.encoding?.strokeDash?.scale).toMatchObject({
      range: [
        [1, 0],
        [5, 3],
      ],
    });
  });
  it("labels the size axis 1-2-5 with SI labels and minor ticks, as densely as the labels fit", () => {
    const chart = scalingChart({ points: scalingPoints, fit: powerFit, extrapolateTo: 1e12 });
    const axis = (layers(chart)[1] as Layer).encoding?.x?.axis as { values: number[]; labelExpr: string };
    for (const v of [1e7, 2e7, 5e7, 1e8, 1e9, 1e10, 1e11, 1e12, 3e9]) expect(axis.values).toContain(v);
    expect(axis.labelExpr).toContain("'1B'");
    expect(axis.labelExpr).toContain("'1T'");
    expect(axis.labelExpr).toContain("'2B'");
    expect(axis.labelExpr).not.toContain("'3B'"); // 3B is a minor tick: drawn, not labelled
    // A one-column figure has no room for three upright labels per decade: they turn vertical.
    const narrow = scalingChart({
      points: scalingPoints,
      fit: powerFit,
      extrapolateTo: 1e12,
      size: "column",
    });
    const narrowAxis = (layers(narrow)[1] as Layer).encoding?.x?.axis as {
      labelAngle?: number;
      labelExpr: string;
    };
    expect(narrowAxis.labelAngle).toBe(-90);
    expect(narrowAxis.labelExpr).toContain("'2B'");
  });
  it("uses the requested band level and accepts sampled curves", () => {
    const seen: number[] = [];
    const fit = {
      ...powerFit,
      confidenceBand: (xs: readonly number[], level?: number) => {
        seen.push(level ?? 0);
        return powerFit.confidenceBand(xs, level);
      },
    };
    scalingChart({ points: scalingPoints, fit, band: 0.68 });
    expect(seen).toEqual([0.68]);
    const sampled = scalingChart({
      points: scalingPoints,
      fit: { curve: { x: [1e7, 1e10], y: [3, 2] }, label: "given" },
    });
    expect(layers(sampled).map(markType)).toEqual(["line", "point"]);
  });
  it("colours by tokens on a log colour scale", () => {
    const chart = scalingChart({ points: scalingPoints.map((p) => ({ ...p, tokens: 20 * p.size })) });
    const points = layers(chart).at(-1) as Layer;
    expect(points.encoding?.color).toMatchObject({
      field: "tokens",
      scale: { type: "log", scheme: "viridis" },
    });
  });
  it("reports bad input with typed errors", () => {
    expectCode(() => scalingChart({ points: [] }), "EMPTY_DATA");
    expectCode(
      () =>
        scalingChart({
          points: [
            { size: 0, loss: 1 },
            { size: 10, loss: 1 },
          ],
        }),
      "LOG_SCALE_NON_POSITIVE",
    );
    expectCode(() => scalingChart({ points: [{ size: Number.NaN, loss: 1 }] }), "INVALID_VALUE");
    expectCode(() => scalingChart({ points: scalingPoints, extrapolateTo: 10 }), "INVALID_OPTION");
    expectCode(() => scalingChart({ points: scalingPoints, size: "poster" as never }), "INVALID_OPTION");
  });
});

describe("emergenceChart", () => {
  const points = [1e7, 1e8, 1e9, 1e10].map((size, i) => ({ size, score: [0, 0.05, 0.6, 0.95][i] as number }));
  const sigmoid = { predict: (n: number) => 1 / (1 + Math.exp(-3 * Math.log10(n / 1e9))) };
  // Dips below 0 at small sizes: the chart must clamp it to the metric's bounds.
  const linearLog = { predict: (n: number) => 0.3 * Math.log10(n / 1e8) };
  const result = {
    verdict: "emergent",
    direction: "higher-is-better" as const,
    bounds: [0, 1] as const,
    threshold: { value: 1e9, ci: [5e8, 2e9], identified: true },
    models: [
      { name: "linear-log", fit: linearLog, weight: 0.3 },
      { name: "sigmoid", fit: sigmoid, weight: 0.6 },
      { name: "constant", fit: { predict: () => 0.4 }, weight: 0.1 },
    ],
  };
  type View = {
    title: { text: string[] };
    data: { values: Record<string, number | string>[] };
    layer: Layer[];
  };
  const views = (chart: Chart) => chart.spec.concat as View[];
  const rowsOf = (chart: Chart, i = 0) => views(chart)[i]?.data.values ?? [];
  const count = (rows: Record<string, unknown>[], layer: string) =>
    rows.filter((r) => r.layer === layer).length;

  it("draws the model named sigmoid as the fit and the highest-weight other model as the smooth alternative", () => {
    const chart = emergenceChart({ panels: [{ task: "addition", points, result, chance: 0.01 }] });
    const rows = rowsOf(chart);
    expect(count(rows, "point")).toBe(4);
    expect(count(rows, "fit")).toBe(80);
    expect(count(rows, "smooth")).toBe(80);
    const fitAt1e9 = rows.find((r) => r.layer === "fit" && Math.abs(Math.log10(r.x as number) - 9) < 0.03);
    expect(fitAt1e9?.y).toBeCloseTo(0.5, 1);
    // linear-log (weight 0.3) beats constant (0.1); a regex on names would have taken linear-log as "the sigmoid".
    const smoothLast = rows.filter((r) => r.layer === "smooth").at(-1);
    expect(smoothLast?.y).toBeCloseTo(0.6, 5);
    expect(rows.find((r) => r.layer === "threshold")).toMatchObject({ x: 1e9, lo: 5e8, hi: 2e9 });
    expect(count(rows, "chance")).toBe(1);
  });
  it("clamps drawn curves to the metric's bounds (no fit below 0 for a [0, 1] metric)", () => {
    const rows = rowsOf(emergenceChart({ panels: [{ task: "addition", points, result }] }));
    const ys = rows.filter((r) => r.layer === "smooth").map((r) => r.y as number);
    expect(Math.min(...ys)).toBe(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(1);
  });
  it("marks the threshold only for an emergent verdict with an identified threshold", () => {
    const smooth = { ...result, verdict: "smooth" };
    const unidentified = { ...result, threshold: { ...result.threshold, identified: false } };
    for (const r of [smooth, unidentified]) {
      const chart = emergenceChart({ panels: [{ task: "t", points, result: r }] });
      expect(count(rowsOf(chart), "threshold")).toBe(0);
      expect(chart.notes.join(" ")).toMatch(/only where the verdict is emergent/);
    }
    // The old result shape (no identified field) still gets its threshold.
    const old = { verdict: "emergent", threshold: { value: 1e9, ci: [5e8, 2e9] }, models: result.models };
    expect(count(rowsOf(emergenceChart({ panels: [{ task: "t", points, result: old }] })), "threshold")).toBe(
      1,
    );
  });
  it("puts the metric and its direction in the y title, with independent y ranges when metrics differ", () => {
    const chart = emergenceChart({
      panels: [
        { task: "addition", metric: "exact match", points, result },
        {
          task: "addition",
          metric: "edit distance",
          points: points.map((p) => ({ size: p.size, score: 8 - 6 * p.score })),
          direction: "lower-is-better",
          bounds: [0, 8],
        },
      ],
    });
    expect(chart.spec.resolve).toMatchObject({ scale: { y: "independent" } });
    const yAxis = (v: View) =>
      v.layer.at(-1)?.encoding?.y as { axis: { title: string }; scale: { domain: number[] } };
    const [a, b] = views(chart) as [View, View];
    expect(yAxis(a).axis.title).toBe("exact match ↑");
    expect(yAxis(b).axis.title).toBe("edit distance ↓");
    expect(yAxis(a).scale.domain).toEqual([0, 1]);
    expect(yAxis(b).scale.domain).toEqual([0, 8]);
    expectCode(
      () =>
        emergenceChart({
          panels: [
            { task: "a", metric: "m", points },
            { task: "a", metric: "m", points },
            { task: "a", metric: "n", points },
          ],
        }),
      "INVALID_VALUE",
    );
  });
  it("wraps long panel titles instead of cutting them, and draws every fitted series", async () => {
    const task = "LAMBADA · 1/perplexity of the last word given the whole passage";
    const panels = Array.from({ length: 15 }, (_, i) => ({
      task: i === 0 ? task : `task ${i}`,
      points,
      result: { ...result, verdict: i % 2 ? "smooth" : "emergent" },
    }));
    const chart = emergenceChart({ panels, size: "column" });
    const first = views(chart)[0] as View;
    expect(first.title.text.length).toBeGreaterThan(1);
    expect(first.title.text.join(" ")).toBe(task);
    expect(views(chart).filter((v) => count(v.data.values, "fit") === 80)).toHaveLength(15);
    expect(views(chart).filter((v) => count(v.data.values, "threshold") === 1)).toHaveLength(8);
    const svg = await chart.toSVG();
    expect(svg).toContain("LAMBADA · 1/perplexity");
    expect(svg).not.toContain("…");
  });
  it("bounds the number of panels and columns", () => {
    const panel = { task: "t", points };
    expectCode(() => emergenceChart({ panels: Array.from({ length: 201 }, () => panel) }), "TOO_LARGE");
    expectCode(() => emergenceChart({ panels: [panel], columns: 13 }), "INVALID_OPTION");
    expectCode(() => emergenceChart({ panels: [panel], columns: 0 }), "INVALID_OPTION");
    expectCode(
      () =>
        grokkingChart({ runs: Array.from({ length: 65 }, () => ({ metrics: [{ step: 1, trainAcc: 1 }] })) }),
      "TOO_LARGE",
    );
  });
  it("rejects empty panels and bad bounds", () => {
    expectCode(() => emergenceChart({ panels: [] }), "EMPTY_DATA");
    expectCode(() => emergenceChart({ panels: [{ task: "t", points: [] }] }), "EMPTY_DATA");
    expectCode(() => emergenceChart({ panels: [{ task: "t", points, bounds: [1, 0] }] }), "INVALID_VALUE");
  });
});

describe("grokkingChart", () => {
  const metrics = [0, 10, 100, 1000, 10000].map((step, i) => ({
    step,
    trainAcc: [0, 0.2, 1, 1, 1][i] as number,
    testAcc: [0, 0, 0.01, 0.3, 1][i] as number,
    trainLoss: [5, 4, 0.1, 0.01, 0.001][i] as number,
    testLoss: [5, 5, 6, 3, 0.01][i] as number,
    weightNorm: 100 - i,
    elapsedS: i,
  }));
  type Panel = { layer: Layer[] };
  const panelsOf = (chart: Chart) => chart.spec.vconcat as Panel[];
  const bands = (chart: Chart) =>
    (panelsOf(chart)[0]?.layer.find((l) => markType(l) === "rect")?.data?.values ?? []) as {
      phase: string;
      start: number;
      end: number;
    }[];
  it("stacks accuracy, loss and weight norm with the phases shaded", () => {
    const chart = grokkingChart({
      runs: [{ label: "s0", metrics, summary: { memorizationStep: 100, generalizationStep: 10000 } }],
    });
    expect(panelsOf(chart)).toHaveLength(3);
    const phases = bands(chart);
    // The padded axis runs past the last evaluation, so generalisation gets a (short) band too.
    expect(phases.map((p) => p.phase)).toEqual(["memorisation", "plateau", "generalisation"]);
    expect(phases[1]).toMatchObject({ start: 100, end: 10000 });
    expect(chart.notes[0]).toMatch(/1 of 1 runs that generalised/);
  });
  it("shades the median phase steps of the runs that generalised, and says so", () => {
    const chart = grokkingChart({
      runs: [100, 200, 400].map((m, i) => ({
        label: `seed ${i}`,
        metrics,
        summary: { memorizationStep: m, generalizationStep: 10 * m },
      })),
      panels: ["accuracy"],
    });
    expect(bands(chart)).toEqual([
      { phase: "memorisation", start: expect.any(Number), end: 200 },
      { phase: "plateau", start: 200, end: 2000 },
      { phase: "generalisation", start: 2000, end: expect.any(Number) },
    ]);
    expect((chart.spec.title as { subtitle: string[] }).subtitle.join(" ")).toMatch(
      /median phase steps of the 3 of 3 runs that generalised \(drawn when ≥ half/,
    );
  });
  it("draws no bands when fewer than half of the runs generalised (1 of 5), and states the rule", () => {
    const chart = grokkingChart({
      runs: [0, 1, 2, 3, 4].map((i) => ({
        label: `seed ${i}`,
        metrics,
        summary: { memorizationStep: 100, generalizationStep: i === 0 ? 5000 : null },
      })),
    });
    expect(bands(chart)).toEqual([]);
    expect(chart.notes[0]).toBe("No phase bands: 1 of 5 runs generalised (bands need ≥ half of the runs).");
    const all = grokkingChart({
      runs: [0, 1].map((i) => ({
        metrics,
        summary: { memorizationStep: 100, generalizationStep: i ? 5000 : null },
      })),
      phaseRule: "all",
    });
    expect(bands(all)).toEqual([]);
    expectCode(() => grokkingChart({ runs: [{ metrics }], phaseRule: "most" as never }), "INVALID_OPTION");
  });
  it("gives every run its own legend entry and phase marks", () => {
    const chart = grokkingChart({
      runs: ["seed 0", "seed 1"].map((label, i) => ({
        label,
        metrics,
        summary: { memorizationStep: 100, generalizationStep: 10000 - i },
      })),
      panels: ["accuracy"],
    });
    const lines = panelsOf(chart)[0]?.layer.find((l) => markType(l) === "line") as Layer;
    expect(lines.encoding?.color).toMatchObject({ field: "run", scale: { domain: ["seed 0", "seed 1"] } });
    expect(lines.encoding?.strokeDash).toMatchObject({
      field: "split",
      scale: { domain: ["train", "test"] },
    });
    const marks = panelsOf(chart)[0]?.layer.find((l) => markType(l) === "point")?.data?.values;
    expect(marks).toEqual([
      { run: "seed 0", step: 100, acc: 1, mark: "memorised" },
      { run: "seed 0", step: 10000, acc: 1, mark: "generalised" },
      { run: "seed 1", step: 100, acc: 1, mark: "memorised" },
      { run: "seed 1", step: 9999, acc: 1, mark: "generalised" },
    ]);
  });
  it("reads a summary.json in snake_case without dropping its phases, and refuses one with neither spelling", () => {
    const fromDisk = { memorization_step: 100, generalization_step: 10000, final_test_acc: 1 };
    const chart = grokkingChart({ runs: [{ metrics, summary: fromDisk as never }] });
    expect(bands(chart).map((p) => p.phase)).toEqual(["memorisation", "plateau", "generalisation"]);
    expectCode(
      () => grokkingChart({ runs: [{ metrics, summary: { memStep: 1 } as never }] }),
      "INVALID_VALUE",
    );
    expectCode(
      () => grokkingChart({ runs: [{ metrics, summary: { memorizationStep: "100" } as never }] }),
      "INVALID_VALUE",
    );
  });
  it("labels a 10–800 step axis 1-2-5 (three labels per decade)", () => {
    const short = [10, 20, 50, 100, 200, 400, 800].map((step) => ({ step, trainAcc: 0.5, testAcc: 0.5 }));
    const chart = grokkingChart({ runs: [{ metrics: short }], panels: ["accuracy"] });
    const lines = panelsOf(chart)[0]?.layer.find((l) => markType(l) === "line") as Layer;
    const axis = lines.encoding?.x?.axis as { labelExpr: string };
    for (const label of ["10", "20", "50", "100", "200", "500"])
      expect(axis.labelExpr).toContain(`'${label}'`);
  });
  it("reports runs without positive steps", () => {
    expectCode(() => grokkingChart({ runs: [{ metrics: [{ step: 0, trainAcc: 0 }] }] }), "EMPTY_DATA");
    expectCode(() => grokkingChart({ runs: [] }), "EMPTY_DATA");
  });
});

describe("heatmap", () => {
  it("keeps the given row and column order and skips NaN cells", () => {
    const chart = heatmap({
      values: [
        [1, 2],
        [3, Number.NaN],
      ],
      x: ["a", "b"],
      y: [0.5, 0.25],
    });
    const cells = (chart.spec.data as { values: unknown[] }).values;
    expect(cells).toEqual([
      { x: "a", y: "0.5", value: 1 },
      { x: "b", y: "0.5", value: 2 },
      { x: "a", y: "0.25", value: 3 },
    ]);
    const rect = layers(chart)[0] as Layer;
    expect(rect.encoding?.x?.scale).toMatchObject({ domain: ["a", "b"] });
    expect(rect.encoding?.fill?.legend).toMatchObject({ orient: "right" });
  });
  it("centres diverging schemes on zero", () => {
    const chart = heatmap({ values: [[-1, 3]], scheme: "redblue" });
    expect((layers(chart)[0] as Layer).encoding?.fill?.scale).toMatchObject({ domain: [-3, 3] });
  });
  it("draws a 400 × 400 grid (no stack overflow from 160 000 values) and refuses a grid over the cell limit", async () => {
    const n = 400;
    const values = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => Math.sin(i / 20 + j / 30)),
    );
    const chart = heatmap({ values, xTitle: "j", yTitle: "i" });
    expect((chart.spec.data as { values: unknown[] }).values).toHaveLength(n * n);
    const svg = await chart.toSVG();
    expect(svg.match(/<path/g)?.length ?? 0).toBeGreaterThan(n * n);
    expect(MAX_HEATMAP_CELLS).toBe(250_000);
    expectCode(
      () => heatmap({ values: Array.from({ length: 501 }, () => new Float64Array(500)) }),
      "TOO_LARGE",
    );
  }, 120_000);
  it("validates shape, labels and log colour", () => {
    expectCode(() => heatmap({ values: [[1, 2], [3]] }), "INVALID_VALUE");
    expectCode(() => heatmap({ values: [[1, 2]], x: ["a", "a"] }), "INVALID_VALUE");
    expectCode(() => heatmap({ values: [[1, 0]], colorScale: "log" }), "LOG_SCALE_NON_POSITIVE");
    expectCode(() => heatmap({ values: [] }), "EMPTY_DATA");
  });
});

describe("lineChart and scatter", () => {
  const series = [
    {
      name: "a",
      points: [
        { x: 1, y: 1, lower: 0.5, upper: 1.5 },
        { x: 2, y: 4, lower: 3, upper: 5 },
      ],
    },
    {
      name: "b",
      points: [
        { x: 1, y: 2 },
        { x: 2, y: 3 },
      ],
      dashed: true,
    },
  ];
  it("gives a log y axis over many decades the height three labels per decade need", async () => {
    const points = [1e18, 1e20, 1e22, 1e24].map((x, i) => ({ x, y: 10 ** (8 + (i * 5) / 3) }));
    const chart = lineChart({ series: [{ name: "N", points }], x: { scale: "log" }, y: { scale: "log" } });
    const axis = (layers(chart)[0] as Layer).encoding?.y?.axis as { values: number[]; labelExpr: string };
    const labelled = axis.values.filter((v) => !axis.labelExpr.includes(`< ${v} ? ''`));
    for (const label of ["'100M'", "'200M'", "'500M'", "'1T'", "'2T'", "'5T'"])
      expect(axis.labelExpr).toContain(label);
    expect(labelled.length).toBeGreaterThan(0);
    expect(svgSize(await chart.toSVG()).height).toBeGreaterThan(sizes.page.height);
  });
  it("draws a band where points carry intervals, and one legend", () => {
    const chart = lineChart({ series });
    expect(layers(chart).map(markType)).toEqual(["area", "line"]);
    expect((layers(chart)[1] as Layer).encoding?.strokeDash?.scale).toMatchObject({
      range: [
        [1, 0],
        [5, 3],
      ],
    });
  });
  it("scatter draws error bars, a trend and points", () => {
    const chart = scatter({ series, trend: { predict: (x: number) => x }, trendLabel: "y = x" });
    expect(layers(chart).map(markType)).toEqual(["rule", "line", "point"]);
  });
  it("reject duplicate series names and bad log data", () => {
    expectCode(() => lineChart({ series: [series[0]!, series[0]!] }), "INVALID_VALUE");
    expectCode(
      () => scatter({ series, x: { scale: "log" }, y: { scale: "log", domain: [0, 1] } }),
      "INVALID_OPTION",
    );
    expectCode(
      () => lineChart({ series: [{ name: "z", points: [{ x: -1, y: 1 }] }], x: { scale: "log" } }),
      "LOG_SCALE_NON_POSITIVE",
    );
  });
});

describe("sizes", () => {
  it("lays single-panel charts out at the preset size (within 4 %)", async () => {
    const within = (actual: number, target: number) => Math.abs(actual - target) / target <= 0.04;
    for (const preset of ["column", "page", "slide"] as const) {
      for (const name of ["scaling", "heatmap", "line", "scatter"]) {
        const svg = await (examples[name] as (s: typeof preset) => Chart)(preset).toSVG();
        const { width, height } = svgSize(svg);
        expect(within(width, sizes[preset].width), `${name} ${preset} width ${width}`).toBe(true);
        expect(within(height, sizes[preset].height), `${name} ${preset} height ${height}`).toBe(true);
      }
    }
  });
});

describe("formulaLabel", () => {
  it("writes saturating and pure power laws, and lists other parameters", () => {
    expect(formulaLabel({ E: 1.69, A: 406.4, alpha: 0.34 })).toBe("L = 1.69 + 406·N^−0.34");
    expect(formulaLabel({ A: 2e5, alpha: 0.076 }, "C")).toBe("L = 200K·C^−0.076");
    expect(formulaLabel({ k: 3.2, threshold: 2e9 })).toBe("k = 3.2, threshold = 2B");
    expect(formulaLabel({ beta: 0.28, gamma: 1 })).toBe("β = 0.28, γ = 1");
  });
});

describe("rendering environments", () => {
  it("refuses renderInto without a DOM, with a typed error", async () => {
    const chart = lineChart({ series: [{ name: "a", points: [{ x: 1, y: 1 }] }] });
    await expect(chart.renderInto({} as Element)).rejects.toMatchObject({ code: "BROWSER_ONLY" });
  });
  it("takes custom sizes, with type sizes from the nearest preset", () => {
    const chart = lineChart({
      series: [{ name: "a", points: [{ x: 1, y: 1 }] }],
      size: { width: 700, height: 400 },
    });
    expect(chart.size).toMatchObject({ width: 700, height: 400, fontSize: sizes.page.fontSize });
    expectCode(() => lineChart({ series: [], size: { width: 0, height: 1 } }), "INVALID_OPTION");
  });
  it("freezes the spec so a cached render cannot go stale", () => {
    const chart = lineChart({ series: [{ name: "a", points: [{ x: 1, y: 1 }] }] });
    expect(Object.isFrozen(chart.spec)).toBe(true);
    expect(() => {
      (chart.spec as { title?: string }).title = "changed";
    }).toThrow(TypeError);
  });
});
