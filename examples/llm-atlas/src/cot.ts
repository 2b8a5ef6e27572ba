import type { StudyTable } from "@emerge/example-study-kit";
import { type FamilySeries, metric, metrics, seriesByFamily } from "@emerge/llm-results";
import { lineChart } from "@emerge/plot";
import { type Crossover, crossover } from "./crossover.js";
import { type AtlasSection, type AtlasSettings, dashedAfter8, fmtSize, MAX_LINES, RUAN } from "./section.js";
import { binomialSe, median, sig } from "./stats.js";

/** One family's chain-of-thought gain against size. */
export interface CotFamily {
  readonly family: string;
  readonly sizes: readonly number[];
  /** Scores without and with CoT, and the gain, per size. */
  readonly direct: readonly number[];
  readonly cot: readonly number[];
  readonly gain: readonly number[];
  readonly crossover: Crossover;
}

/** Headline of the chain-of-thought section. */
export interface CotHeadline {
  /** GSM8K 5-shot vs 8-shot CoT, per family with ≥ 3 sizes. */
  readonly gsm8k: readonly CotFamily[];
  /** BBH 3-shot vs 3-shot CoT, per task: families, and how many gain more with size. */
  readonly bbh: readonly {
    readonly task: string;
    readonly families: number;
    readonly medianGainSmallest: number;
    readonly medianGainLargest: number;
    readonly risingFamilies: number;
    readonly medianCrossover: number | null;
  }[];
}

const STATUS: Record<Crossover["status"], string> = {
  crosses: "crosses",
  "helps-throughout": "none: CoT already helps at the smallest size",
  "not-yet": "none: rising, still below 0 at the largest size",
  "not-rising": "none: the gain does not rise significantly with size",
};

/** Pair a direct and a CoT metric per family (models scored under both), smallest first. */
function paired(
  directId: string,
  cotId: string,
  minSizes: number,
): { family: string; d: FamilySeries; c: FamilySeries }[] {
  const cots = new Map(seriesByFamily(cotId).map((s) => [s.family, s]));
  const out: { family: string; d: FamilySeries; c: FamilySeries }[] = [];
  for (const d of seriesByFamily(directId)) {
    const c = cots.get(d.family);
    if (!c) continue;
    const ids = new Set(c.points.map((p) => p.id));
    const dp = d.points.filter((p) => ids.has(p.id));
    const keep = new Set(dp.map((p) => p.id));
    const cp = c.points.filter((p) => keep.has(p.id));
    if (dp.length >= minSizes)
      out.push({ family: d.family, d: { ...d, points: dp }, c: { ...c, points: cp } });
  }
  return out;
}

function cotFamilies(directId: string, cotId: string, settings: AtlasSettings): CotFamily[] {
  const n = metric(directId).questions ?? 250;
  return paired(directId, cotId, 3).map(({ family, d, c }) => {
    const sizes = d.points.map((p) => p.params);
    const direct = d.points.map((p) => p.value);
    const cot = c.points.map((p) => p.value);
    const gain = cot.map((v, i) => v - (direct[i] as number));
    const se = cot.map((v, i) => Math.hypot(binomialSe(v, n), binomialSe(direct[i] as number, n)));
    return {
      family,
      sizes,
      direct,
      cot,
      gain,
      crossover: crossover(sizes, gain, se, {
        draws: settings.draws,
        seed: `${settings.seed}/cot/${cotId}/${family}`,
      }),
    };
  });
}

/**
 * Chain of thought by scale: GSM8K 5-shot vs 8-shot CoT and the 27 BBH tasks 3-shot vs 3-shot CoT; the gain
 * against size per family and the size where a rising gain crosses zero, with a bootstrap interval.
 *
 * @example
 * ```ts
 * chainOfThought({ replicates: 50, draws: 200, seed: "atlas" }).headline.gsm8k.map((f) => f.crossover.size);
 * ```
 */
export function chainOfThought(settings: AtlasSettings): AtlasSection<CotHeadline> {
  const gsm8k = cotFamilies("gsm8k_5shot", "gsm8k_cot_8shot", settings);
  const tasks = metrics("bbh").filter((m) => !m.chainOfThought);
  const perTask = tasks.map((m) => {
    const task = m.id.slice("bbh/".length);
    const fams = cotFamilies(m.id, `bbh_cot/${task}`, { ...settings, draws: 0 });
    const crossings = fams.map((f) => f.crossover.size).filter((v): v is number => v !== null);
    return {
      task,
      families: fams.length,
      medianGainSmallest: median(fams.map((f) => f.gain[0] as number)),
      medianGainLargest: median(fams.map((f) => f.gain.at(-1) as number)),
      risingFamilies: fams.filter((f) => f.crossover.slope - 1.96 * f.crossover.slopeSe > 0).length,
      medianCrossover: crossings.length ? median(crossings) : null,
      fams,
    };
  });
  // Mean BBH gain over the tasks per model, per family, for the second figure.
  const bbhFamilies = new Map<string, Map<number, number[]>>();
  for (const t of perTask)
    for (const f of t.fams) {
      const m = bbhFamilies.get(f.family) ?? new Map<number, number[]>();
      f.sizes.forEach((s, i) => {
        m.set(s, [...(m.get(s) ?? []), f.gain[i] as number]);
      });
      bbhFamilies.set(f.family, m);
    }
  const gsmChart = lineChart({
    // The families with the most sizes (ties in table order), at most 16 lines: the table has them all.
    series: [...gsm8k]
      .sort((a, b) => new Set(b.sizes).size - new Set(a.sizes).size)
      .slice(0, MAX_LINES)
      .map((f, k) => ({
        name: f.family,
        points: f.sizes.map((x, i) => ({ x, y: f.gain[i] as number })),
        ...dashedAfter8(k),
      })),
    points: true,
    x: { title: "parameters", scale: "log" },
    y: { title: "GSM8K: 8-shot CoT − 5-shot (exact match) ↑" },
    title: "Chain-of-thought gain on GSM8K by size",
    size: "page",
  });
  const bbhChart = lineChart({
    series: [...bbhFamilies.entries()].slice(0, MAX_LINES).map(([family, m], k) => ({
      name: family,
      points: [...m.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([x, g]) => ({ x, y: g.reduce((s, v) => s + v, 0) / g.length })),
      ...dashedAfter8(k),
    })),
    points: true,
    x: { title: "parameters", scale: "log" },
    y: { title: "BBH: CoT − direct, mean over 27 tasks ↑" },
    title: "Chain-of-thought gain on BIG-Bench Hard by size",
    size: "page",
  });
  const gsmTable: StudyTable = {
    id: "atlas-cot-gsm8k",
    title: "GSM8K: CoT gain and crossover size per family",
    columns: [
      "family",
      "sizes",
      "5-shot (smallest → largest)",
      "8-shot CoT (smallest → largest)",
      "gain per decade ± se",
      "crossover (params) [95% CI]",
    ],
    rows: gsm8k.map((f) => [
      f.family,
      f.sizes.length,
      `${sig(f.direct[0] as number)} → ${sig(f.direct.at(-1) as number)}`,
      `${sig(f.cot[0] as number)} → ${sig(f.cot.at(-1) as number)}`,
      `${sig(f.crossover.slope, 2)} ± ${sig(f.crossover.slopeSe, 2)}`,
      f.crossover.size === null
        ? STATUS[f.crossover.status]
        : `${fmtSize(f.crossover.size)} [${fmtSize(f.crossover.ci[0])}, ${f.crossover.ci[1] === null ? "∞" : fmtSize(f.crossover.ci[1])}]`,
    ]),
    caption:
      "Gain = CoT − direct for the same models (flexible-extract answers); line in log₁₀ params weighted by binomial errors " +
      "(500 questions); crossover where the line crosses 0, interval from redrawing each gain from its error.",
  };
  const bbhTable: StudyTable = {
    id: "atlas-cot-bbh",
    title: "BIG-Bench Hard: CoT gain by task",
    columns: [
      "task",
      "families (≥ 3 sizes)",
      "median gain, smallest",
      "median gain, largest",
      "families where the gain rises (95%)",
      "median crossover",
    ],
    rows: perTask.map((t) => [
      t.task,
      t.families,
      sig(t.medianGainSmallest, 2),
      sig(t.medianGainLargest, 2),
      t.risingFamilies,
      fmtSize(t.medianCrossover),
    ]),
    caption: "3-shot with vs without chain of thought, flexible-extract answers, per family with ≥ 3 sizes.",
  };
  const crosses = gsm8k.filter((f) => f.crossover.status === "crosses");
  const throughout = gsm8k.filter((f) => f.crossover.status === "helps-throughout");
  const flatOrFalling = gsm8k.filter(
    (f) => f.crossover.status === "not-rising" || f.crossover.slope - 1.96 * f.crossover.slopeSe <= 0,
  );
  const pythia = gsm8k.find((f) => f.family === "Pythia");
  const llama2 = gsm8k.find((f) => f.family === "Llama-2");
  const risingTasks = perTask.filter((t) => t.medianGainLargest > t.medianGainSmallest).length;
  const text =
    `GSM8K: ${gsm8k.length} families with ≥ 3 sizes scored both ways. The fitted gain line crosses zero inside the sizes for ` +
    `${crosses.length} (${crosses.map((f) => `${f.family} ${fmtSize(f.crossover.size)} [${fmtSize(f.crossover.ci[0])}, ${f.crossover.ci[1] === null ? "∞" : fmtSize(f.crossover.ci[1])}]`).join(", ") || "none"}); ` +
    `CoT already helps at the smallest size in ${throughout.length} (${throughout.map((f) => `${f.family} from ${fmtSize(f.sizes[0])}`).join(", ") || "none"}); ` +
    `the gain does not rise significantly with size in ${flatOrFalling.length} (${flatOrFalling.map((f) => f.family).join(", ")}). ` +
    (pythia
      ? `Pythia's gain stays within ${sig(Math.min(...pythia.gain), 2)}…${sig(Math.max(...pythia.gain), 2)}. `
      : "") +
    (llama2
      ? `Llama-2 ${fmtSize(llama2.sizes.at(-1))}: ${sig(llama2.direct.at(-1) as number)} → ${sig(llama2.cot.at(-1) as number)} with CoT (×${sig((llama2.cot.at(-1) as number) / (llama2.direct.at(-1) as number), 2)}). `
      : "") +
    "Wei et al. (Table 1) put CoT on math word problems at 68B (LaMDA) and say CoT beats standard prompting only from about 10^23 FLOPs; " +
    (crosses.length
      ? `here the largest crossover is ${fmtSize(Math.max(...crosses.map((f) => f.crossover.size as number)))} parameters, ` +
        `${Math.max(...crosses.map((f) => f.crossover.size as number)) < 68e9 ? "below" : "above"} that scale: where CoT starts to help depends on the family, not on one size. `
      : "no family crosses inside its sizes here. ") +
    `BBH: the median gain grows from the smallest to the largest size in ${risingTasks} of ${perTask.length} tasks. Data: ${RUAN}.`;
  return {
    headline: { gsm8k, bbh: perTask.map(({ fams: _, ...t }) => t) },
    figures: [
      {
        id: "atlas-cot-gsm8k",
        title: "Chain of thought by scale: GSM8K",
        caption: `8-shot CoT minus 5-shot exact match, per family. Data: ${RUAN}.`,
        chart: gsmChart,
      },
      {
        id: "atlas-cot-bbh",
        title: "Chain of thought by scale: BIG-Bench Hard",
        caption: `CoT minus direct 3-shot exact match, mean over the 27 tasks, per family with ≥ 3 sizes. Data: ${RUAN}.`,
        chart: bbhChart,
      },
    ],
    tables: [gsmTable, bbhTable],
    text,
  };
}
