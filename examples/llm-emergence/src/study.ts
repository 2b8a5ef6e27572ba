import { defineStudy } from "@emerge/example-study-kit";
import { run } from "./index.js";

/**
 * The OPT zero-shot emergence fits as the main job runs them.
 *
 * @example
 * ```ts
 * const result = await study.run({ quick: true, outDir: "out/llm" });
 * study.summary(result.headline).emergent;
 * ```
 */
export const study = defineStudy({
  id: "llmEmergence",
  title: "LLM emergence",
  blurb: "emergence fits of OPT's zero-shot results (@emerge/fit)",
  run,
  keyNumbers: (h) => [
    { label: "series fitted", value: h.verdicts.length, detail: `${h.sizes.length} model sizes` },
    { label: "emergent", value: h.emergent.length },
    { label: "smooth", value: h.smooth.length },
    { label: "inconclusive", value: h.inconclusive.length },
  ],
  summary: (h) => ({
    verdicts: Object.fromEntries(h.verdicts.map((v) => [v.id, v.verdict])),
    emergent: h.emergent,
    smooth: h.smooth,
    inconclusive: h.inconclusive,
  }),
  console: (h) =>
    `LLM emergence: ${h.emergent.length} emergent, ${h.smooth.length} smooth, ${h.inconclusive.length} inconclusive`,
});
