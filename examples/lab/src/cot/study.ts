import type { StudyFigure, StudyTable } from "@emerge/example-study-kit";
import { lineChart } from "@emerge/plot";
import type { LabPlan } from "../presets.js";
import type { AdditionMemberConfig, AdditionMemberResult } from "../run/train-addition.js";
import { type CotPoint, type ThresholdShift, thresholdShift } from "./threshold-shift.js";

/** Headline numbers of the chain-of-thought study. */
export interface LabCotHeadline {
  readonly task: string;
  readonly preset: string;
  readonly seeds: number;
  readonly points: readonly CotPoint[];
  readonly shift: ThresholdShift;
  /** Scratchpad tokens per problem against direct ones (the extra reading and writing it costs). */
  readonly tokensRatio: number;
}

const sig = (v: number | null | undefined, d = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? "–" : String(Number(v.toPrecision(d)));

type Run = { readonly config: AdditionMemberConfig; readonly result: AdditionMemberResult };

/** In words: where each condition crosses the level and by how much the scratchpad moves it. */
export function describeShift(s: ThresholdShift, largest: number): string {
  const at = (c: ThresholdShift["direct"]) =>
    c.threshold === null
      ? `never reaches ${s.level * 100}% exact match within the family`
      : `reaches ${s.level * 100}% at ${sig(c.threshold)} parameters` +
        (c.thresholdCi
          ? ` (95% CI across seeds ${sig(c.thresholdCi[0])}–${sig(c.thresholdCi[1])})`
          : " (one seed: no interval)");
  const shift =
    s.shiftDecades.n > 0
      ? `The scratchpad moves the threshold by ${sig(s.shiftDecades.mean, 2)} decades` +
        (s.shiftDecades.ci
          ? ` (95% CI ${sig(s.shiftDecades.ci[0], 2)} to ${sig(s.shiftDecades.ci[1], 2)}, ${s.shiftDecades.n} seeds)`
          : ` (${s.shiftDecades.n} seed)`) +
        "; positive = earlier with the scratchpad."
      : s.scratchpad.threshold !== null && s.direct.threshold === null
        ? `The shift is at least ${sig(Math.log10(largest / s.scratchpad.threshold), 2)} decades (the direct family never crosses).`
        : "No shift can be measured: at least one condition never crosses the level in any seed.";
  return `Direct answers ${at(s.direct)}; with the scratchpad the family ${at(s.scratchpad)}. ${shift}`;
}

/** The chain-of-thought study from direct and scratchpad members of the same family. */
export function cotStudy(plan: LabPlan, direct: readonly Run[], scratchpad: readonly Run[]) {
  const a = plan.addition;
  const points: CotPoint[] = [...direct, ...scratchpad].map(({ config, result }) => ({
    condition: config.style,
    params: result.nonEmbeddingParams,
    seed: config.seed,
    exactMatch: result.scores.exactMatch,
  }));
  const seeds = [...new Set(points.map((p) => p.seed))].sort((x, y) => x - y);
  const shift = thresholdShift(points, { level: 0.5, replicates: plan.replicates, problems: a.testProblems });
  const tokensRatio =
    (scratchpad[0]?.result.tokensSeen ?? 0) / Math.max(1, direct[0]?.result.tokensSeen ?? 1);
  const headline: LabCotHeadline = {
    task: `${a.digits}-digit addition, direct answer vs Nye et al.'s scratchpad`,
    preset: plan.preset,
    seeds: seeds.length,
    points,
    shift,
    tokensRatio,
  };
  const sizes = [...new Set(points.map((p) => p.params))].sort((x, y) => x - y);
  const mean = (cond: CotPoint["condition"], size: number) => {
    const ys = points.filter((p) => p.condition === cond && p.params === size).map((p) => p.exactMatch);
    return ys.reduce((s, v) => s + v, 0) / ys.length;
  };
  const perSeed = (cond: CotPoint["condition"]) =>
    seeds.length > 1
      ? seeds.map((seed) => ({
          name: `${cond}, seed ${seed}`,
          points: points
            .filter((p) => p.condition === cond && p.seed === seed)
            .map((p) => ({ x: p.params, y: p.exactMatch })),
          dashed: true,
        }))
      : [];
  const chart = lineChart({
    series: [
      {
        name: "direct answer (seed mean)",
        points: sizes.map((s) => ({ x: s, y: mean("direct", s) })).filter((p) => Number.isFinite(p.y)),
      },
      {
        name: "scratchpad (seed mean)",
        points: sizes.map((s) => ({ x: s, y: mean("scratchpad", s) })).filter((p) => Number.isFinite(p.y)),
      },
      ...perSeed("direct"),
      ...perSeed("scratchpad"),
    ],
    points: true,
    x: { title: "Non-embedding parameters", scale: "log", domain: [sizes[0]! / 1.5, sizes.at(-1)! * 1.5] },
    y: { title: "Exact match ↑", domain: [0, 1] },
    title: "Chain of thought: direct answers vs a scratchpad",
    size: "page",
  });
  const figures: StudyFigure[] = [
    {
      id: "lab-cot",
      title: "Exact match against size, direct vs scratchpad",
      caption:
        `The same family and budget (${a.steps} steps × ${a.batch} problems) trained twice: answer directly, or write Nye et al.'s ` +
        `long-addition scratchpad first (${sig(tokensRatio, 2)}× the tokens per problem). Thresholds: first size reaching ` +
        `${shift.level * 100}% exact match, interpolated in log size, per seed.`,
      chart,
    },
  ];
  const row = (c: ThresholdShift["direct"]) => [
    c.condition,
    c.fit.verdict,
    sig(c.fit.sigmoidWeight, 2),
    sig(c.threshold),
    c.thresholdCi ? `${sig(c.thresholdCi[0])}–${sig(c.thresholdCi[1])}` : "–",
    c.perSeed.map((p) => sig(p.threshold)).join(" / "),
  ];
  const perDigit = (runs: readonly Run[], size: number) => {
    const ys = runs
      .filter((r) => r.result.nonEmbeddingParams === size)
      .map((r) => r.result.scores.perDigitAccuracy);
    return ys.length ? ys.reduce((x, y) => x + y, 0) / ys.length : Number.NaN;
  };
  const tables: StudyTable[] = [
    {
      id: "lab-cot-sizes",
      title: "Exact match and per-digit accuracy of the answer, by size (seed means)",
      columns: [
        "non-embedding params",
        "direct EM",
        "scratchpad EM",
        "direct per-digit",
        "scratchpad per-digit",
      ],
      rows: sizes.map((size) => [
        size,
        sig(mean("direct", size)),
        sig(mean("scratchpad", size)),
        sig(perDigit(direct, size)),
        sig(perDigit(scratchpad, size)),
      ]),
    },
    {
      id: "lab-cot-thresholds",
      title: "Thresholds per condition",
      columns: [
        "condition",
        "emergence() verdict",
        "sigmoid weight",
        `threshold (${shift.level * 100}% EM)`,
        "95% CI (seeds)",
        "per seed",
      ],
      rows: [row(shift.direct), row(shift.scratchpad)],
    },
  ];
  return { headline, figures, tables, summary: describeShift(shift, sizes.at(-1) ?? 1) };
}
