import type { StudyTable } from "@emerge/example-study-kit";
import { type EmergentScaleRow, seriesByFamily, WEI_2022_TABLE_1 } from "@emerge/llm-results";
import type { CotHeadline } from "./cot.js";
import type { MapHeadline } from "./map.js";
import { type AtlasSettings, fmtSize } from "./section.js";
import type { TruthfulEntry } from "./truthful.js";
import { classifySeries, type SeriesVerdict } from "./verdict.js";

/** One of Wei et al.'s Table 1 rows that this data can speak to, and what it shows. */
export interface WeiComparison {
  readonly ability: string;
  readonly wei: EmergentScaleRow;
  /** Families called emergent here, with their thresholds in parameters and FLOPs. */
  readonly emergent: readonly {
    readonly family: string;
    readonly params: number | null;
    readonly flops: number | null;
  }[];
  /** The smallest model at least halfway from chance to perfect, over all families. */
  readonly smallestHalfway: { readonly id: string; readonly params: number } | null;
  /** One sentence on what the data here show for this row. */
  readonly finding: string;
}

/** MMLU per family with ≥ 3 sizes: emergence() against params and FLOPs (chance 0.25). */
export function mmluVerdicts(settings: AtlasSettings): {
  family: string;
  byParams: SeriesVerdict;
  byFlops: SeriesVerdict | null;
  halfway: { id: string; params: number } | null;
}[] {
  return seriesByFamily("mmlu", { minSizes: 3 }).map((s) => {
    const values = s.points.map((p) => p.value);
    const opts = { chance: 0.25, bounds: [0, 1] as const, replicates: settings.replicates };
    const flops = s.points.map((p) => p.flops);
    const first = s.points.find((p) => p.value >= 0.625);
    return {
      family: s.family,
      byParams: classifySeries(
        s.points.map((p) => p.params),
        values,
        { ...opts, seed: `${settings.seed}/mmlu/${s.family}/params` },
      ),
      byFlops: flops.every((f): f is number => f !== null)
        ? classifySeries(flops, values, { ...opts, seed: `${settings.seed}/mmlu/${s.family}/flops` })
        : null,
      halfway: first ? { id: first.id, params: first.params } : null,
    };
  });
}

const row = (prefix: string): EmergentScaleRow => {
  const r = WEI_2022_TABLE_1.rows.find((x) => x.ability.startsWith(prefix));
  if (!r) throw new Error(`Wei et al. Table 1 has no row "${prefix}"`);
  return r;
};

/**
 * Wei et al.'s Table 1 beside what the carried data show for the rows it can test: 3-digit addition and
 * subtraction, MMLU, TruthfulQA and chain of thought on math word problems.
 *
 * @example
 * ```ts
 * weiComparison(map, truthful, cot, mmluVerdicts(settings)).rows.length; // 4
 * ```
 */
export function weiComparison(
  map: MapHeadline,
  truthful: readonly TruthfulEntry[],
  cot: CotHeadline,
  mmlu: ReturnType<typeof mmluVerdicts>,
): { rows: WeiComparison[]; table: StudyTable } {
  const arith = map.entries.filter((e) => e.metric === "arithmetic_3da" || e.metric === "arithmetic_3ds");
  const arithEmergent = arith
    .filter((e) => e.byParams.verdict === "emergent")
    .map((e) => ({
      family: `${e.family} (${e.metric === "arithmetic_3da" ? "+" : "−"})`,
      params: e.byParams.threshold?.value ?? null,
      flops: e.byFlops?.verdict === "emergent" ? (e.byFlops.threshold?.value ?? null) : null,
    }));
  const arithHalf = arith
    .filter((e) => e.firstHalfway)
    .sort((a, b) => (a.firstHalfway?.params ?? 0) - (b.firstHalfway?.params ?? 0))[0]?.firstHalfway;
  const mmluEmergent = mmlu
    .filter((m) => m.byParams.verdict === "emergent")
    .map((m) => ({
      family: m.family,
      params: m.byParams.threshold?.value ?? null,
      flops: m.byFlops?.verdict === "emergent" ? (m.byFlops.threshold?.value ?? null) : null,
    }));
  const mmluHalf = mmlu
    .filter((m) => m.halfway)
    .sort((a, b) => (a.halfway?.params ?? 0) - (b.halfway?.params ?? 0))[0]?.halfway;
  const mmluCounts = mmlu.reduce<Record<string, number>>((acc, m) => {
    acc[m.byParams.verdict] = (acc[m.byParams.verdict] ?? 0) + 1;
    return acc;
  }, {});
  const falling = truthful
    .filter((e) => e.shape === "inverse" || e.shape === "u-shaped")
    .map((e) => e.family);
  const rising = truthful.filter((e) => e.shape === "increasing").map((e) => e.family);
  const crosses = cot.gsm8k.filter((f) => f.crossover.status === "crosses");
  const throughout = cot.gsm8k.filter((f) => f.crossover.status === "helps-throughout");
  const rows: WeiComparison[] = [
    {
      ability: "3-digit addition / subtraction (2-shot BIG-bench here)",
      wei: row("Addition/subtraction (3 digit)"),
      emergent: arithEmergent,
      smallestHalfway: arithHalf ? { id: arithHalf.id, params: arithHalf.params } : null,
      finding:
        `emergent in ${arithEmergent.length} family × task series; thresholds ${arithEmergent.map((e) => `${e.family} ${fmtSize(e.params)} / ${fmtSize(e.flops)}`).join(", ") || "none"}; ` +
        `the smallest model at least halfway is ${arithHalf ? `${arithHalf.id} (${fmtSize(arithHalf.params)})` : "none"}` +
        (arithHalf && arithHalf.params < (row("Addition/subtraction (3 digit)").params ?? 0)
          ? ", far below Wei et al.'s 13B: the scale depends on the family."
          : "."),
    },
    {
      ability: "MMLU (57-topic average)",
      wei: row("MMLU Benchmark (57"),
      emergent: mmluEmergent,
      smallestHalfway: mmluHalf ?? null,
      finding: `${mmlu.length} families with ≥ 3 sizes: ${Object.entries(mmluCounts)
        .map(([v, n]) => `${n} ${v}`)
        .join(
          ", ",
        )}; the smallest model at ≥ 0.625 (halfway from chance) is ${mmluHalf ? `${mmluHalf.id} (${fmtSize(mmluHalf.params)})` : "none"}.`,
    },
    {
      ability: "Truthfulness (TruthfulQA)",
      wei: row("Truthfulness"),
      emergent: truthful
        .filter((e) => e.emergence.verdict === "emergent")
        .map((e) => ({ family: e.family, params: null, flops: null })),
      smallestHalfway: null,
      finding:
        `emergence() calls ${truthful.filter((e) => e.emergence.verdict === "emergent").length} of ${truthful.length} families emergent; ` +
        `TruthfulQA falls with size in ${falling.join(", ") || "none"} and rises in ${rising.join(", ") || "none"} (interval test, Inverse and U-shaped section).`,
    },
    {
      ability: "Chain of thought: math word problems (GSM8K here)",
      wei: row("Chain-of-thought: Math"),
      emergent: [],
      smallestHalfway: null,
      finding:
        `CoT already helps at the smallest size in ${throughout.length} families (${throughout.map((f) => `${f.family} ${fmtSize(f.sizes[0])}`).join(", ")}); ` +
        `its gain crosses zero inside the sizes in ${crosses.length} (${crosses.map((f) => `${f.family} ${fmtSize(f.crossover.size)}`).join(", ") || "none"}).`,
    },
  ];
  const table: StudyTable = {
    id: "atlas-wei-vs-here",
    title: "Wei et al. (2022) Table 1 against the carried data",
    columns: [
      "ability",
      "Wei et al.: params / FLOPs (model)",
      "here: emergent families (threshold params / FLOPs)",
      "here: smallest model ≥ halfway",
      "what the data show",
    ],
    rows: rows.map((r) => [
      r.ability,
      `${fmtSize(r.wei.params)} / ${fmtSize(r.wei.trainFlops)} (${r.wei.model})`,
      r.emergent.length
        ? r.emergent.map((e) => `${e.family}: ${fmtSize(e.params)} / ${fmtSize(e.flops)}`).join("; ")
        : "none",
      r.smallestHalfway
        ? `${r.smallestHalfway.id.split("/").at(-1)} (${fmtSize(r.smallestHalfway.params)})`
        : "–",
      r.finding,
    ]),
    caption:
      "Wei et al.'s scale is where the ability emerged in the models they had (GPT-3, Gopher, Chinchilla, LaMDA, PaLM); " +
      "here the same abilities in ~150 later public models. Halfway = halfway from chance to a perfect score.",
  };
  return { rows, table };
}
