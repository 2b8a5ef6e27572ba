import type { StudyFigure, StudyTable } from "@emerge/example-study-kit";
import { emergenceChart, lineChart } from "@emerge/plot";
import type { EmergenceView } from "../fit/emergence-view.js";
import type { LabPlan } from "../presets.js";
import type { AdditionMemberConfig, AdditionMemberResult } from "../run/train-addition.js";
import {
  type AdditionMember,
  analyseMirage,
  type MirageMetric,
  mirageMetrics,
  type SizeRow,
} from "./analyse.js";

/** Headline numbers of the mirage study (headline.json). */
export interface LabMirageHeadline {
  readonly task: string;
  readonly preset: string;
  readonly widths: readonly number[];
  readonly seeds: number;
  readonly tokensPerMember: number;
  readonly rows: readonly SizeRow[];
  readonly fits: Readonly<Record<MirageMetric, EmergenceView>>;
  /** |exact match − Π per-position accuracy| over sizes (seed means). */
  readonly productGap: { readonly max: number; readonly mean: number };
  /** Answer positions (0 = units) in the order they reach `level` accuracy as size grows. */
  readonly positionOrder: readonly { readonly position: number; readonly size: number | null }[];
  readonly level: number;
}

const sig = (v: number | null, d = 3) =>
  v === null || !Number.isFinite(v) ? "–" : String(Number(v.toPrecision(d)));

/** Members of the direct condition as the analysis reads them (size = non-embedding parameters). */
export function additionMembersOf(
  results: readonly { readonly config: AdditionMemberConfig; readonly result: AdditionMemberResult }[],
): AdditionMember[] {
  return results.map(({ config, result }) => ({
    params: result.nonEmbeddingParams,
    seed: config.seed,
    scores: result.scores,
    crossEntropy: result.crossEntropy,
  }));
}

/**
 * The mirage study from trained direct-answer members: emergence() per metric, exact match against
 * the product of per-position accuracies, positions by the size that learns them, figures and tables.
 */
export function mirageStudy(
  plan: LabPlan,
  results: readonly { readonly config: AdditionMemberConfig; readonly result: AdditionMemberResult }[],
) {
  const a = plan.addition;
  const members = additionMembersOf(results);
  // the token vocabulary of grok's sequence data (the same for every direct-answer member)
  const vocab = results[0]?.result.vocab ?? 15;
  const analysis = analyseMirage(members, {
    replicates: plan.replicates,
    problems: a.testProblems,
    crossEntropyCeiling: Math.log(vocab),
  });
  const tokens = results[0]?.result.tokensSeen ?? 0;
  const widthOf = new Map(results.map((r) => [r.result.nonEmbeddingParams, r.config.model.dModel]));
  const seeds = new Set(results.map((r) => r.config.seed)).size;
  const task = `${a.digits}-digit addition with carries, answered autoregressively (most significant digit first)`;
  const headline: LabMirageHeadline = {
    task,
    preset: plan.preset,
    widths: [...new Set(results.map((r) => r.config.model.dModel))].sort((x, y) => x - y),
    seeds,
    tokensPerMember: tokens,
    rows: analysis.rows,
    fits: analysis.fits,
    productGap: analysis.productGap,
    positionOrder: analysis.positionOrder,
    level: analysis.level,
  };
  const sizes = analysis.rows.map((r) => r.params);
  const xDomain: [number, number] = [Math.min(...sizes) / 1.5, Math.max(...sizes) * 1.5];
  const x = { title: "Non-embedding parameters", scale: "log" as const, domain: xDomain };
  const panel = (
    id: MirageMetric,
    metric: string,
    score: (r: SizeRow) => number,
    chance?: number,
    scale = 1,
  ) => {
    const f = analysis.fits[id];
    const curve = (c: { x: readonly number[]; y: readonly number[] }) => ({
      x: c.x,
      y: c.y.map((v) => v / scale),
    });
    return {
      task: `L = ${a.digits}`,
      metric,
      points: analysis.rows.map((r) => ({ size: r.params, score: score(r) / scale })),
      ...(f.curves.sigmoid ? { fit: curve(f.curves.sigmoid) } : {}),
      ...(f.curves.smooth ? { smooth: curve(f.curves.smooth) } : {}),
      // The threshold is marked only where emergence() calls the curve emergent and identifies it.
      ...(f.verdict === "emergent" && f.identified && f.threshold !== null
        ? { threshold: { value: f.threshold, ...(f.thresholdCi ? { ci: [...f.thresholdCi] } : {}) } }
        : {}),
      ...(chance === undefined ? {} : { chance }),
    };
  };
  const ceCeiling = Math.log(vocab);
  const metricsChart = emergenceChart({
    panels: [
      panel("exactMatch", "exact match ↑", (r) => r.exactMatch),
      panel("perDigitAccuracy", "per-digit accuracy ↑", (r) => r.perDigitAccuracy, 0.1),
      panel("editDistance", "edit distance / position ↓", (r) => r.editDistance),
      // Divided by the cross-entropy of a uniform guess over the vocabulary: 1 = chance, 0 = certain and right.
      panel("crossEntropy", `cross-entropy / ln ${vocab} ↓`, (r) => r.crossEntropy, undefined, ceCeiling),
    ],
    columns: 2,
    band: false,
    x: { title: "Non-embedding parameters", domain: xDomain },
    y: {
      title: "Score",
      domain: [
        0,
        Math.max(1, ...analysis.rows.map((r) => Math.max(r.editDistance, r.crossEntropy / ceCeiling))),
      ],
    },
    title: "One family, four metrics, each fitted with emergence()",
    size: "page",
  });
  const productChart = lineChart({
    series: [
      { name: "exact match", points: analysis.rows.map((r) => ({ x: r.params, y: r.exactMatch })) },
      {
        name: "Π per-position accuracy",
        points: analysis.rows.map((r) => ({ x: r.params, y: r.productOfPositions })),
        dashed: true,
      },
      {
        name: "per-digit accuracy",
        points: analysis.rows.map((r) => ({ x: r.params, y: r.perDigitAccuracy })),
      },
    ],
    points: true,
    x,
    y: { title: "Score (seed mean) ↑", domain: [0, 1] },
    title: "Exact match against the product of per-position accuracies",
    size: "page",
  });
  const positions = analysis.rows[0]?.positionAccuracy.length ?? 0;
  const positionChart = lineChart({
    series: Array.from({ length: positions }, (_, k) => ({
      name: k === 0 ? "units digit" : k === positions - 1 ? "final carry digit" : `10^${k} digit`,
      points: analysis.rows.map((r) => ({ x: r.params, y: r.positionAccuracy[k] ?? 0 })),
    })),
    points: true,
    x,
    y: { title: "Accuracy at the position ↑", domain: [0, 1] },
    title: "Which answer positions are learned first",
    size: "page",
  });
  const chains = Math.max(0, ...analysis.rows.map((r) => r.carryChainAccuracy.length));
  const chainChart = lineChart({
    series: Array.from({ length: chains }, (_, c) => ({
      name: c === 0 ? "no carry in" : `carry chain of ${c}`,
      points: analysis.rows.flatMap((r) => {
        const v = r.carryChainAccuracy[c];
        return v === null || v === undefined ? [] : [{ x: r.params, y: v }];
      }),
    })).filter((s) => s.points.length > 0),
    points: true,
    x,
    y: { title: "Digit accuracy ↑", domain: [0, 1] },
    title: "Digits at the end of longer carry chains",
    size: "page",
  });
  const figures: StudyFigure[] = [
    {
      id: "lab-mirage-metrics",
      title: "Exact match vs per-token metrics on a trained family",
      caption:
        `${task}; decoder transformers (${a.layers} layer, 2 heads, widths ${[...widthOf.values()].join(", ")}), ${seeds} seed(s) each, ` +
        `${a.steps} AdamW steps of ${a.batch} problems (${tokens} training tokens per member, the same for every size), ` +
        `${a.testProblems} held-out problems. Each panel: seed means, the bounded sigmoid emergence() fits (solid) and its best ` +
        "smooth alternative (dashed); a threshold is marked only when the verdict is emergent and the threshold identified.",
      chart: metricsChart,
    },
    {
      id: "lab-mirage-product",
      title: "Exact match ≈ Π per-position accuracy?",
      caption:
        "Measured exact match against the product of the per-position accuracies (what independent digit errors " +
        `would give); largest gap ${sig(analysis.productGap.max, 2)}.`,
      chart: productChart,
    },
    {
      id: "lab-mirage-positions",
      title: "Accuracy per answer position",
      caption: "Right-aligned answer positions (units first; the top one is the final carry). Seed means.",
      chart: positionChart,
    },
    {
      id: "lab-mirage-carries",
      title: "Accuracy by carry-chain length",
      caption:
        "Answer digits grouped by how many consecutive carrying columns lie directly below them (pooled over seeds and " +
        'positions). Read it with the position figure: the units digit never receives a carry, so "no carry in" ' +
        "includes every units digit, and the top digit is the final carry itself.",
      chart: chainChart,
    },
  ];
  const tables: StudyTable[] = [
    {
      id: "lab-mirage-family",
      title: "Scores by size (seed means)",
      columns: [
        "width",
        "non-embedding params",
        "exact match",
        "Π positions",
        "per-digit acc",
        "edit dist / pos",
        "CE (nats)",
        "positions (units first)",
      ],
      rows: analysis.rows.map((r) => [
        widthOf.get(r.params) ?? null,
        r.params,
        sig(r.exactMatch),
        sig(r.productOfPositions),
        sig(r.perDigitAccuracy),
        sig(r.editDistance),
        sig(r.crossEntropy),
        r.positionAccuracy.map((v) => sig(v, 2)).join(" / "),
      ]),
    },
    {
      id: "lab-mirage-fits",
      title: "emergence() per metric",
      columns: ["metric", "kind", "verdict", "sigmoid weight", "threshold (params)", "identified", "reason"],
      rows: mirageMetrics.map((m) => {
        const f = analysis.fits[m.id];
        return [
          m.label,
          m.kind,
          f.verdict,
          sig(f.sigmoidWeight, 2),
          sig(f.threshold),
          f.identified ? "yes" : "no",
          f.reason,
        ];
      }),
    },
  ];
  const order = analysis.positionOrder
    .map((p) => `${p.position === 0 ? "units" : `10^${p.position}`}${p.size === null ? " (never)" : ""}`)
    .join(" → ");
  const verdicts = mirageMetrics.map((m) => `${m.label}: ${analysis.fits[m.id].verdict}`).join("; ");
  const summary =
    `${verdicts}. Exact match stays within ${sig(analysis.productGap.max, 2)} of the product of per-position accuracies ` +
    `(mean gap ${sig(analysis.productGap.mean, 2)}). Positions reach ${analysis.level * 100}% accuracy in the order ${order}.`;
  return { headline, figures, tables, summary };
}
