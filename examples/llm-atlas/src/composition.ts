import type { StudyTable } from "@emerge/example-study-kit";
import { BROWN_2020_TABLE_H1, metric, models, series } from "@emerge/llm-results";
import { categorical, lineChart, scatter } from "@emerge/plot";
import { type AtlasSection, fmtSize, RUAN } from "./section.js";
import { median, sig } from "./stats.js";

/** GPT-3 accuracy against digits fitted as p^k at one size and operation. */
export interface PowerFit {
  readonly params: number;
  readonly operation: "addition" | "subtraction";
  /** Per-step success p minimising Σ (acc_k − p^k)² over k = 2…5 digits. */
  readonly p: number;
  readonly observed: readonly number[];
  readonly predicted: readonly number[];
  /** Largest |observed − p^k|. */
  readonly maxError: number;
}

/** Headline of the composition section. */
export interface CompositionHeadline {
  readonly gpt3: readonly PowerFit[];
  /** Ruan et al.'s models: 3-digit addition against the p^k prediction from 2-digit, acc₃ = acc₂^{3/2}. */
  readonly addition2to3: {
    readonly models: number;
    readonly medianAbsError: number;
    /** Share of models doing worse on 3 digits than p^k predicts. */
    readonly shareBelow: number;
  };
}

const DIGITS = [2, 3, 4, 5];

/** One-dimensional least squares for p ∈ [0, 1] by golden-section search (the objective is unimodal here). */
function fitP(acc: readonly number[]): number {
  const loss = (p: number) => acc.reduce((s, a, i) => s + (a - p ** (DIGITS[i] as number)) ** 2, 0);
  let lo = 0;
  let hi = 1;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80; it++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (loss(a) < loss(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}

/**
 * Multi-step composition: success against number of digit steps fitted as p^k, on GPT-3's 2–5 digit
 * addition and subtraction (Brown et al. 2020, Table H.1, few-shot) and on 2- vs 3-digit addition of
 * Ruan et al.'s models.
 *
 * @example
 * ```ts
 * composition().headline.gpt3.find((f) => f.params === 175e9)?.p;
 * ```
 */
export function composition(): AtlasSection<CompositionHeadline> {
  const t = BROWN_2020_TABLE_H1;
  const gpt3: PowerFit[] = [];
  for (const operation of ["addition", "subtraction"] as const) {
    const rows = DIGITS.map((d) => t.rows.find((r) => r.digits === d && r.operation === operation));
    t.sizes.forEach((params, j) => {
      const observed = rows.map((r) => (r?.fewShot[j] ?? 0) / 100);
      const p = fitP(observed);
      const predicted = DIGITS.map((k) => p ** k);
      gpt3.push({
        params,
        operation,
        p,
        observed,
        predicted,
        maxError: Math.max(...observed.map((o, i) => Math.abs(o - (predicted[i] as number)))),
      });
    });
  }
  // Ruan et al.: a model that adds 2 digits with per-digit success p has acc₂ = p², so acc₃ = acc₂^1.5.
  const a2 = new Map<string, number>();
  const a3 = new Map<string, number>();
  const fams = new Set(models().map((m) => m.family));
  for (const f of fams) {
    for (const p of series("arithmetic_2da", { family: f }).points) a2.set(p.id, p.value);
    for (const p of series("arithmetic_3da", { family: f }).points) a3.set(p.id, p.value);
  }
  const pairs = [...a2.entries()]
    .filter(([id]) => a3.has(id))
    .map(([id, v2]) => ({ id, v2, v3: a3.get(id) as number, pred: v2 ** 1.5 }));
  const addition2to3 = {
    models: pairs.length,
    medianAbsError: median(pairs.map((q) => Math.abs(q.v3 - q.pred))),
    shareBelow: pairs.filter((q) => q.v3 < q.pred).length / pairs.length,
  };
  const big = gpt3.filter((f) => f.params >= 6.7e9);
  const chart = lineChart({
    // Measured (solid) and its p^k (dashed) share a colour.
    series: big.flatMap((f, c) => {
      const color = categorical[c % categorical.length] as string;
      return [
        {
          name: `${fmtSize(f.params)} ${f.operation}`,
          color,
          points: DIGITS.map((k, i) => ({ x: k, y: f.observed[i] as number })),
        },
        {
          name: `${fmtSize(f.params)} ${f.operation}: p^k`,
          color,
          dashed: true,
          points: DIGITS.map((k, i) => ({ x: k, y: f.predicted[i] as number })),
        },
      ];
    }),
    points: true,
    x: { title: "digits per operand (steps)", ticks: DIGITS },
    y: { title: "few-shot accuracy ↑", domain: [0, 1] },
    title: "GPT-3 arithmetic vs digits, with the best p^k",
    size: "page",
  });
  const scatterChart = scatter({
    series: [{ name: "models", points: pairs.map((q) => ({ x: q.pred, y: q.v3 })) }],
    trend: { x: [0, 1], y: [0, 1] },
    trendLabel: "3-digit = 2-digit^1.5",
    x: { title: "predicted 3-digit addition (2-digit accuracy^1.5)", domain: [0, 1] },
    y: { title: "measured 3-digit addition ↑", domain: [0, 1] },
    title: "2 → 3-digit addition on real models against p^k",
    size: "page",
  });
  const table: StudyTable = {
    id: "atlas-composition",
    title: "GPT-3 (Table H.1, few-shot): accuracy by digits fitted as p^k",
    columns: ["size", "operation", "2D", "3D", "4D", "5D", "p", "p^k at 2…5", "max |error|"],
    rows: gpt3.map((f) => [
      fmtSize(f.params),
      f.operation,
      ...f.observed.map((v) => sig(v, 3)),
      sig(f.p, 3),
      f.predicted.map((v) => sig(v, 2)).join(", "),
      sig(f.maxError, 2),
    ]),
    caption: `${t.source.paper} ${t.source.table}; ${t.source.where}`,
  };
  const g175 = gpt3.find((f) => f.params === 175e9 && f.operation === "addition") as PowerFit;
  const text =
    `If each digit is an independent step with success p, k-digit accuracy is p^k. GPT-3 175B few-shot addition ` +
    `(Table H.1): ${g175.observed.map((v) => sig(v, 3)).join(", ")} for 2–5 digits; the best p = ${sig(g175.p, 3)} predicts ` +
    `${g175.predicted.map((v) => sig(v, 2)).join(", ")} (max error ${sig(g175.maxError, 2)}): accuracy falls much faster with digits than independent ` +
    `steps allow, so p^k does not describe it. On ${addition2to3.models} of Ruan et al.'s models, 3-digit addition against 2-digit^1.5 ` +
    `has median |error| ${sig(addition2to3.medianAbsError, 2)}, and ${Math.round(100 * addition2to3.shareBelow)}% of models score below the prediction. ` +
    `Subtraction is 3-digit only and multiplication 2-digit only in Ruan et al.'s set (${metric("arithmetic_3ds").title}, ${metric("arithmetic_2dm").title}), so their 2→3-digit step comes from GPT-3 alone. Data: ${RUAN}.`;
  return {
    headline: { gpt3, addition2to3 },
    figures: [
      {
        id: "atlas-composition-gpt3",
        title: "Multi-step composition: GPT-3 accuracy vs digits",
        caption: `Few-shot accuracy of GPT-3 6.7B, 13B and 175B on 2–5 digit addition and subtraction (solid) and the best p^k (dashed). ${t.source.table}, ${t.source.paper}`,
        chart,
      },
      {
        id: "atlas-composition-2to3",
        title: "Multi-step composition: 2 → 3-digit addition",
        caption: `Each model's measured 3-digit addition against 2-digit^1.5 (the p^k prediction). Data: ${RUAN}.`,
        chart: scatterChart,
      },
    ],
    tables: [table],
    text,
  };
}
