import type { StudyFigure, StudyTable } from "@emerge/example-study-kit";
import { lineChart } from "@emerge/plot";
import type { LabPlan } from "../presets.js";
import { type IclMemberConfig, type IclMemberResult, iclBaselineCurves } from "../run/train-icl.js";

/** Headline numbers of the in-context learning study. */
export interface LabIclHeadline {
  readonly task: string;
  readonly preset: string;
  readonly dims: number;
  /** 2d: the number of in-context examples the headline error is read at. */
  readonly examples: number;
  /** Per width (seed means): error after 2d examples, and after 0. */
  readonly sizes: readonly {
    readonly width: number;
    readonly params: number;
    readonly errorAt2d: number;
    readonly errorAt0: number;
    readonly curve: readonly number[];
  }[];
  readonly baselines: Readonly<
    Record<string, { readonly errorAt2d: number; readonly curve: readonly number[] }>
  >;
  /** Error after 2d examples against training step, per width (seed means). */
  readonly during: readonly {
    readonly width: number;
    readonly steps: readonly number[];
    readonly errorAt2d: readonly number[];
  }[];
}

const sig = (v: number, d = 3) => (Number.isFinite(v) ? String(Number(v.toPrecision(d))) : "–");

type Run = { readonly config: IclMemberConfig; readonly result: IclMemberResult };

function meanCurves(curves: readonly (readonly number[])[]): number[] {
  const first = curves[0] ?? [];
  return first.map((_, k) => curves.reduce((s, c) => s + (c[k] ?? 0), 0) / curves.length);
}

/** The ICL study from trained members and the baselines on the same test prompts. */
export function iclStudy(plan: LabPlan, runs: readonly Run[]) {
  const c = plan.icl;
  const k2d = 2 * c.dims;
  const widths = [...new Set(runs.map((r) => r.config.model.dModel))].sort((x, y) => x - y);
  const sizes = widths.map((width) => {
    const mine = runs.filter((r) => r.config.model.dModel === width);
    const curve = meanCurves(mine.map((r) => r.result.curve));
    return {
      width,
      params: mine[0]?.result.nonEmbeddingParams ?? 0,
      errorAt2d: curve[k2d] ?? Number.NaN,
      errorAt0: curve[0] ?? Number.NaN,
      curve,
    };
  });
  const baselineCurves = iclBaselineCurves(c.dims, k2d + 1, c.testPrompts);
  const baselines = Object.fromEntries(
    baselineCurves.map((b) => [b.name, { errorAt2d: b.mean[k2d] ?? Number.NaN, curve: b.mean }]),
  );
  const during = widths.map((width) => {
    const mine = runs.filter((r) => r.config.model.dModel === width);
    const steps = mine[0]?.result.during.map((d) => d.step) ?? [];
    const errorAt2d = steps.map(
      (_, i) =>
        mine.reduce((s, r) => s + (r.result.during[i]?.curve[k2d] ?? 0), 0) / Math.max(1, mine.length),
    );
    return { width, steps, errorAt2d };
  });
  const headline: LabIclHeadline = {
    task: `linear regression in context (Garg et al. 2022), d = ${c.dims}, up to ${k2d} examples`,
    preset: plan.preset,
    dims: c.dims,
    examples: k2d,
    sizes,
    baselines,
    during,
  };
  const ks = Array.from({ length: k2d + 1 }, (_, k) => k);
  const curveChart = lineChart({
    series: [
      ...sizes.map((s) => ({
        name: `decoder width ${s.width} (${s.params} params)`,
        points: ks.map((k) => ({ x: k, y: s.curve[k] ?? 0 })),
      })),
      ...baselineCurves.map((b) => ({
        name: b.name,
        points: ks.map((k) => ({ x: k, y: b.mean[k] ?? 0 })),
        dashed: true,
      })),
    ],
    points: true,
    x: { title: "In-context examples" },
    y: {
      title: "Squared error / d ↓",
      domain: [
        0,
        Math.min(
          3,
          Math.max(1.2, ...sizes.flatMap((s) => s.curve), ...baselineCurves.flatMap((b) => b.mean)),
        ),
      ],
    },
    title: "In-context linear regression: error vs examples",
    size: "page",
  });
  const stepsChart = lineChart({
    series: [
      ...during.map((d) => ({
        name: `width ${d.width}`,
        points: d.steps.map((s, i) => ({ x: s, y: d.errorAt2d[i] ?? 0 })),
      })),
      ...["least squares", "averaging"].flatMap((name) => {
        const b = baselines[name];
        const last = during[0]?.steps.at(-1) ?? 1;
        return b
          ? [
              {
                name,
                points: [
                  { x: during[0]?.steps[0] ?? 0, y: b.errorAt2d },
                  { x: last, y: b.errorAt2d },
                ],
                dashed: true,
              },
            ]
          : [];
      }),
    ],
    points: true,
    x: { title: "Training step" },
    y: { title: `Squared error / d after ${k2d} examples ↓`, domain: [0, 1.5] },
    title: "When in-context learning appears during training",
    size: "page",
  });
  const figures: StudyFigure[] = [
    {
      id: "lab-icl-examples",
      title: "Error against the number of in-context examples",
      caption:
        `Decoders (${c.layers} layers, 2 heads) reading x and [y, 0, …] vectors through a linear read-in, trained on fresh ` +
        `linear functions (w ~ N(0, I_${c.dims})) for ${c.steps} steps of ${c.batch} prompts; ${c.testPrompts} test prompts. ` +
        "Dashed: least squares, 3-nearest-neighbours and averaging from @emerge/tasks on the same prompts. 1 = predicting 0.",
      chart: curveChart,
    },
    {
      id: "lab-icl-steps",
      title: "Error after 2d examples against training steps",
      caption:
        "The same error measured during training (on a subset of the test prompts); dashed: baselines.",
      chart: stepsChart,
    },
  ];
  const tables: StudyTable[] = [
    {
      id: "lab-icl-errors",
      title: `Squared error / d after ${k2d} examples`,
      columns: [
        "model",
        "non-embedding params",
        "after 0 examples",
        `after ${c.dims} examples`,
        `after ${k2d} examples`,
      ],
      rows: [
        ...sizes.map((s) => [
          `decoder width ${s.width}`,
          s.params,
          sig(s.errorAt0),
          sig(s.curve[c.dims] ?? Number.NaN),
          sig(s.errorAt2d),
        ]),
        ...baselineCurves.map((b) => [
          b.name,
          null,
          sig(b.mean[0] ?? Number.NaN),
          sig(b.mean[c.dims] ?? Number.NaN),
          sig(b.mean[k2d] ?? Number.NaN),
        ]),
      ],
    },
  ];
  const best = sizes.reduce((x, y) => (y.errorAt2d < x.errorAt2d ? y : x), sizes[0]!);
  const ls = baselines["least squares"]?.errorAt2d ?? Number.NaN;
  const avg = baselines.averaging?.errorAt2d ?? Number.NaN;
  const verdict =
    best.errorAt2d < avg
      ? `the best decoder (width ${best.width}) beats the averaging baseline after ${k2d} examples (${sig(best.errorAt2d)} vs ${sig(avg)}; least squares ${sig(ls)})`
      : `no decoder beats the averaging baseline after ${k2d} examples (best: width ${best.width}, ${sig(best.errorAt2d)} vs averaging ${sig(avg)}, least squares ${sig(ls)}): in-context learning did not appear at this budget`;
  const trend = sizes.map((s) => `${s.width}: ${sig(s.errorAt2d)}`).join(", ");
  return {
    headline,
    figures,
    tables,
    summary: `Error after ${k2d} examples by width: ${trend}; ${verdict}.`,
  };
}
