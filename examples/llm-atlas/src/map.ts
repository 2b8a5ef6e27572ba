import type { StudyFigure, StudyTable } from "@emerge/example-study-kit";
import { type FamilySeries, metrics, seriesByFamily, WEI_2022_TABLE_1 } from "@emerge/llm-results";
import { lineChart, scatter } from "@emerge/plot";
import {
  type AtlasSection,
  type AtlasSettings,
  dashedAfter8,
  fmtCi,
  fmtSize,
  MAX_LINES,
  RUAN,
} from "./section.js";
import { classifySeries, type SeriesVerdict, type Verdict } from "./verdict.js";

/** One emergent-task series of one family, classified against params and against FLOPs. */
export interface MapEntry {
  readonly task: string;
  readonly metric: string;
  readonly family: string;
  /** Distinct sizes (models of the same size are averaged). */
  readonly sizes: number;
  readonly byParams: SeriesVerdict;
  /** Null when the family's FLOPs are not all known. */
  readonly byFlops: SeriesVerdict | null;
  /** The family's distinct sizes and FLOPs (for placing a threshold between observed points). */
  readonly paramsGrid: readonly number[];
  readonly flopsGrid: readonly number[];
  /** Smallest model scoring at least half the metric's range above chance, or null. */
  readonly firstHalfway: { readonly id: string; readonly params: number; readonly value: number } | null;
}

/** Headline of the emergence map. */
export interface MapHeadline {
  readonly entries: readonly MapEntry[];
  readonly verdicts: Readonly<Record<Verdict, number>>;
}

export const VERDICTS: readonly Verdict[] = [
  "emergent",
  "smooth",
  "flat",
  "inverse",
  "u-shaped",
  "insufficient-data",
];

/** Count verdicts, every verdict present (0 when none). */
export function countVerdicts(vs: readonly Verdict[]): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((v) => [v, vs.filter((x) => x === v).length])) as Record<
    Verdict,
    number
  >;
}

/** "5.6B [5.5B, 5.9B], between 2.7B and 6.05B" (the observed sizes around the threshold). */
function thresholdCell(v: SeriesVerdict, grid: readonly number[]): string {
  const t = v.threshold;
  if (!t) return "–";
  const below = [...grid].reverse().find((x) => x <= t.value);
  const above = grid.find((x) => x > t.value);
  const between =
    below !== undefined && above !== undefined ? `, between ${fmtSize(below)} and ${fmtSize(above)}` : "";
  return `${fmtSize(t.value)} ${fmtCi(t.ci)}${between}${t.identified ? "" : " (not identified)"}`;
}

function classifyFamily(s: FamilySeries, settings: AtlasSettings): MapEntry {
  const m = s.metric;
  const opts = {
    trials: m.questions,
    chance: m.chance,
    bounds: [0, m.scaleMax] as const,
    replicates: settings.replicates,
  };
  const values = s.points.map((p) => p.value);
  const byParams = classifySeries(
    s.points.map((p) => p.params),
    values,
    { ...opts, seed: `${settings.seed}/${m.id}/${s.family}/params` },
  );
  const flops = s.points.map((p) => p.flops);
  const byFlops = flops.every((f): f is number => f !== null)
    ? classifySeries(flops, values, { ...opts, seed: `${settings.seed}/${m.id}/${s.family}/flops` })
    : null;
  const half = (m.chance ?? 0) + 0.5 * (m.scaleMax - (m.chance ?? 0));
  const first = s.points.find((p) => p.value >= half);
  return {
    task: m.title,
    metric: m.id,
    family: s.family,
    sizes: new Set(s.points.map((p) => p.params)).size,
    paramsGrid: [...new Set(s.points.map((p) => p.params))].sort((a, b) => a - b),
    flopsGrid: [...new Set(s.points.map((p) => p.flops).filter((f): f is number => f !== null))].sort(
      (a, b) => a - b,
    ),
    byParams,
    byFlops,
    firstHalfway: first ? { id: first.id, params: first.params, value: first.value } : null,
  };
}

/**
 * The emergence map: every emergent-task series (Wei et al.'s 2-shot BIG-bench tasks) of every family
 * with ≥ 3 sizes, classified by `emergence()` against parameters and against training FLOPs.
 *
 * @example
 * ```ts
 * const { headline } = emergenceMap({ replicates: 50, draws: 200, seed: "atlas" });
 * headline.verdicts.emergent;
 * ```
 */
export function emergenceMap(
  settings: AtlasSettings,
  onProgress?: (m: string) => void,
): AtlasSection<MapHeadline> {
  const entries: MapEntry[] = [];
  for (const m of metrics("emergent")) {
    if (m.id === "ipa_transliterate_bleu") continue; // the continuous twin belongs to the metric swap
    onProgress?.(`emergence map: ${m.title}`);
    for (const s of seriesByFamily(m.id, { minSizes: 3 })) entries.push(classifyFamily(s, settings));
  }
  const verdicts = countVerdicts(entries.map((e) => e.byParams.verdict));
  const emergent = entries.filter((e) => e.byParams.verdict === "emergent");

  // Figure 1: 3-digit addition against parameters, one line per family: the threshold is the family's.
  const add3 = seriesByFamily("arithmetic_3da", { minSizes: 3 });
  const familyLines = lineChart({
    series: add3.slice(0, MAX_LINES).map((s, k) => ({
      name: s.family,
      points: s.points.map((p) => ({ x: p.params, y: p.value })),
      ...dashedAfter8(k),
    })),
    points: true,
    x: { title: "parameters", scale: "log" },
    y: { title: "3-digit addition, 2-shot exact match ↑", domain: [0, 1] },
    title: "3-digit addition by family: where the jump happens depends on the family",
    size: "page",
  });
  // Figure 2: thresholds in params vs FLOPs, beside Wei et al.'s published emergence scales.
  const withBoth = emergent.filter(
    (e) => e.byFlops?.verdict === "emergent" && e.byFlops.threshold && e.byParams.threshold,
  );
  const wei = WEI_2022_TABLE_1.rows.filter((r) => r.params !== null && r.trainFlops !== null);
  const thresholdChart = scatter({
    series: [
      ...(withBoth.length
        ? [
            {
              name: "emergent here (family × task)",
              points: withBoth.map((e) => ({
                x: e.byParams.threshold?.value as number,
                y: e.byFlops?.threshold?.value as number,
              })),
            },
          ]
        : []),
      {
        name: "Wei et al. 2022, Table 1",
        points: wei.map((r) => ({ x: r.params as number, y: r.trainFlops as number })),
      },
    ],
    x: { title: "emergence threshold (parameters)", scale: "log" },
    y: { title: "emergence threshold (training FLOPs)", scale: "log", format: "pow10" },
    title: "Thresholds found here vs Wei et al.'s published emergence scales",
    size: "page",
  });
  const figures: StudyFigure[] = [
    {
      id: "atlas-map-add3",
      title: "Emergence map: 3-digit addition across families",
      caption: `2-shot 3-digit addition exact match against parameters for every family with ≥ 3 sizes. Data: ${RUAN}.`,
      chart: familyLines,
    },
    {
      id: "atlas-map-thresholds",
      title: "Emergence thresholds: parameters vs training FLOPs",
      caption:
        "Sigmoid midpoints of the series called emergent against parameters and against FLOPs (both verdicts emergent), " +
        "and the (params, FLOPs) of each ability in Wei et al. (2022) Table 1 (TMLR; the scale at which it emerges).",
      chart: thresholdChart,
    },
  ];
  const table: StudyTable = {
    id: "atlas-map",
    title: "Emergence map: verdict per task × family (≥ 3 sizes)",
    columns: [
      "task",
      "family",
      "sizes",
      "verdict (params)",
      "threshold params [CI]",
      "verdict (FLOPs)",
      "threshold FLOPs [CI]",
      "first ≥ half (model)",
      "reason",
    ],
    rows: entries.map((e) => [
      e.task,
      e.family,
      e.sizes,
      e.byParams.verdict,
      e.byParams.verdict === "emergent" ? thresholdCell(e.byParams, e.paramsGrid) : "–",
      e.byFlops?.verdict ?? "no FLOPs",
      e.byFlops?.verdict === "emergent" ? thresholdCell(e.byFlops, e.flopsGrid) : "–",
      e.firstHalfway ? `${e.firstHalfway.id.split("/").at(-1)} (${fmtSize(e.firstHalfway.params)})` : "never",
      e.byParams.reason,
    ]),
    caption:
      'Verdicts of @emerge/fit\'s emergence() with binomial errors from the questions per task. "between": the two ' +
      "observed sizes around the threshold — the data cannot place it more finely than that gap, whatever the interval of " +
      'the fitted midpoint says; "not identified": the interval leaves the observed range. "first ≥ half": the smallest ' +
      "model of the family scoring at least halfway from chance to perfect.",
  };
  const weiTable: StudyTable = {
    id: "atlas-wei",
    title: "Wei et al. (2022) Table 1: published emergence scales",
    columns: ["ability", "kind", "train FLOPs", "params", "model", "reference"],
    rows: WEI_2022_TABLE_1.rows.map((r) => [
      r.ability,
      r.kind,
      r.trainFlops === null ? "many" : r.trainFlops.toExponential(1),
      r.params === null ? "many" : fmtSize(r.params),
      r.model,
      r.reference,
    ]),
    caption: `${WEI_2022_TABLE_1.source.paper} ${WEI_2022_TABLE_1.source.table}; ${WEI_2022_TABLE_1.source.where}`,
  };
  // The smallest model per arithmetic task that reaches halfway, against Wei's 13B for 3-digit add/sub.
  const arith = entries.filter((e) => e.metric.startsWith("arithmetic_3") && e.firstHalfway);
  arith.sort((a, b) => (a.firstHalfway?.params ?? 0) - (b.firstHalfway?.params ?? 0));
  const smallest = arith[0];
  const arithEmergent = entries.filter(
    (e) => e.metric.startsWith("arithmetic_3") && e.byFlops?.verdict === "emergent" && e.byFlops.threshold,
  );
  const below13 = [
    ...new Set(arith.filter((e) => (e.firstHalfway?.params ?? Infinity) < 13e9).map((e) => e.family)),
  ];
  const text =
    `${entries.length} task × family series with ≥ 3 sizes (7 emergent BIG-bench tasks; IPA BLEU is in the metric swap). ` +
    `Verdicts against parameters: ${Object.entries(verdicts)
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${n} ${v}`)
      .join(", ")}. ` +
    `Wei et al.'s Table 1 puts 3-digit addition/subtraction at 13B parameters (2.3e22 FLOPs, GPT-3). Here ` +
    (smallest?.firstHalfway
      ? `the smallest model at least halfway on a 3-digit task is ${smallest.firstHalfway.id} (${fmtSize(smallest.firstHalfway.params)}, ${smallest.task}, ${smallest.firstHalfway.value.toFixed(2)}); ` +
        `families reaching halfway below 13B: ${below13.join(", ") || "none"}. `
      : "no family reaches halfway on a 3-digit task. ") +
    (arithEmergent.length
      ? `Emergent 3-digit arithmetic thresholds in training FLOPs: ${arithEmergent
          .map((e) => `${e.family} ${e.task} ${fmtSize(e.byFlops?.threshold?.value)}`)
          .join(", ")}, against Wei et al.'s 2.3e22 (GPT-3 13B). `
      : "") +
    "The threshold is a property of the family (its data and training), not of size alone; within a family the " +
    `number of sizes (3–8) limits what a fit can call emergent: ${verdicts["insufficient-data"]} series from families with fewer than 5 sizes (or a rise before the second size) are insufficient-data.`;
  return { headline: { entries, verdicts }, figures, tables: [table, weiTable], text };
}
