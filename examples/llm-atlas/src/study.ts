import { defineStudy, type Study } from "@emerge/example-study-kit";
import { type AtlasHeadline, run } from "./index.js";
import { AXES } from "./predictability.js";
import { fmtSize } from "./section.js";
import { sig } from "./stats.js";
import type { Verdict } from "./verdict.js";

const r4 = (v: number | null) => (v === null || !Number.isFinite(v) ? null : sig(v, 4));

/** The atlas entry of summary.json, with the snake_case names issue 13 fixes. */
export interface AtlasSummary {
  /** Emergent-task × family series with ≥ 3 sizes that were classified. */
  readonly series_analysed: number;
  /** How many of them got each verdict (against parameters). */
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Families whose TruthfulQA score falls with size or turns (U-shaped), by the interval test. */
  readonly u_shaped_or_inverse: readonly string[];
  /** GSM8K: parameters where the CoT gain crosses 0 (null when it does not inside the sizes) and its 95 % interval. */
  readonly cot_crossover: Readonly<
    Record<
      string,
      {
        readonly size: number | null;
        readonly ci: readonly [number | null, number | null];
        /** Why size is null: crosses | helps-throughout | not-yet | not-rising. */
        readonly status: string;
      }
    >
  >;
  /** Pythia: mean 5-shot − 0-shot accuracy per size. */
  readonly icl_gain: Readonly<Record<string, number | null>>;
  /** Backtest median absolute error above the FLOPs cutoff, per x-axis. */
  readonly predictability: Readonly<Record<"params" | "flops" | "capability", number | null>>;
}

/**
 * The atlas as the main job runs it; its summary.json entry uses the snake_case names the issue fixes.
 *
 * @example
 * ```ts
 * const result = await study.run({ quick: true, outDir: "out/atlas" });
 * study.summary(result.headline).series_analysed; // ≥ 60
 * ```
 */
export const study: Study<"atlas", AtlasHeadline, AtlasSummary> = defineStudy({
  id: "atlas",
  title: "Emergence atlas",
  blurb:
    "the emergence atlas of ~150 real language models, Pythia checkpoints and GPT-3 arithmetic (@emerge/llm-results, @emerge/fit)",
  run,
  keyNumbers: (h) => [
    { label: "series analysed", value: h.map.entries.length, detail: "emergent task × family, ≥ 3 sizes" },
    ...(["emergent", "smooth", "flat", "insufficient-data"] as const).map((v) => ({
      label: v,
      value: h.map.verdicts[v],
    })),
    {
      label: "TruthfulQA inverse / U-shaped",
      value: h.truthful.filter((e) => e.shape === "inverse" || e.shape === "u-shaped").length,
      detail: h.truthful
        .filter((e) => e.shape === "inverse" || e.shape === "u-shaped")
        .map((e) => e.family)
        .join(", "),
    },
    {
      label: "backtest MAE (params / FLOPs / PC1)",
      value: AXES.map((a) => sig(h.backtest.pooled[a], 2)).join(" / "),
    },
  ],
  summary: (h): AtlasSummary => ({
    series_analysed: h.map.entries.length,
    verdicts: h.map.verdicts,
    u_shaped_or_inverse: h.truthful
      .filter((e) => e.shape === "inverse" || e.shape === "u-shaped")
      .map((e) => e.family),
    cot_crossover: Object.fromEntries(
      h.cot.gsm8k.map((f) => [
        f.family,
        {
          size: r4(f.crossover.size),
          ci: [r4(f.crossover.ci[0]), r4(f.crossover.ci[1])] as const,
          status: f.crossover.status,
        },
      ]),
    ),
    icl_gain: Object.fromEntries(h.icl.pythia.map((r) => [r.size, r4(r.mean)])),
    predictability: {
      params: r4(h.backtest.pooled.params),
      flops: r4(h.backtest.pooled.flops),
      capability: r4(h.backtest.pooled.capability),
    },
  }),
  console: (h) =>
    `Atlas: ${h.map.entries.length} series; ${Object.entries(h.map.verdicts)
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${n} ${v}`)
      .join(
        ", ",
      )}; CoT crossovers ${h.cot.gsm8k.map((f) => `${f.family} ${fmtSize(f.crossover.size)}`).join(", ")}`,
});
