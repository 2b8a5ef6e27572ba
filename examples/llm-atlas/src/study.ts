import { defineStudy } from "@emerge/example-study-kit";
import { run } from "./index.js";
import { AXES } from "./predictability.js";
import { fmtSize } from "./section.js";
import { sig } from "./stats.js";

const r4 = (v: number | null) => (v === null || !Number.isFinite(v) ? null : sig(v, 4));

/**
 * The atlas as the main job runs it; its summary.json entry uses the snake_case names the issue fixes.
 *
 * @example
 * ```ts
 * const result = await study.run({ quick: true, outDir: "out/atlas" });
 * study.summary(result.headline).series_analysed; // ≥ 60
 * ```
 */
export const study = defineStudy({
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
  summary: (h) => ({
    series_analysed: h.map.entries.length,
    verdicts: h.map.verdicts,
    u_shaped_or_inverse: h.truthful
      .filter((e) => e.shape === "inverse" || e.shape === "u-shaped")
      .map((e) => e.family),
    cot_crossover: Object.fromEntries(
      h.cot.gsm8k.map((f) => [
        f.family,
        { size: r4(f.crossover.size), ci: [r4(f.crossover.ci[0]), r4(f.crossover.ci[1])] },
      ]),
    ),
    icl_gain: Object.fromEntries(h.icl.map((r) => [r.size, r4(r.mean)])),
    predictability: Object.fromEntries(AXES.map((a) => [a, r4(h.backtest.pooled[a])])),
  }),
  console: (h) =>
    `Atlas: ${h.map.entries.length} series; ${Object.entries(h.map.verdicts)
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${n} ${v}`)
      .join(
        ", ",
      )}; CoT crossovers ${h.cot.gsm8k.map((f) => `${f.family} ${fmtSize(f.crossover.size)}`).join(", ")}`,
});
