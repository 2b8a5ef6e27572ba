import { defineStudy } from "@emerge/example-study-kit";
import { run } from "./index.js";

const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);

/**
 * The grokking study as the main job runs it: the mid-size `study` preset (a + b mod 59), since the full
 * p = 97 demo takes minutes per seed on two cores; `quick` uses the `quick` preset.
 *
 * @example
 * ```ts
 * const result = await study.run({ quick: true, outDir: "out/grokking" });
 * study.summary(result.headline).seeds.length; // 3
 * ```
 */
export const study = defineStudy({
  id: "grokking",
  title: "Grokking",
  blurb: "grokking of modular addition (@emerge/grok)",
  run: (o) => run({ ...o, preset: o.quick ? "quick" : "study" }),
  keyNumbers: (h) => [
    ...h.seeds.map((s) => ({
      label: `seed ${s.seed}: generalised at step`,
      value: s.generalizationStep ?? "never",
      detail: `memorised at ${s.memorizationStep ?? "never"}`,
    })),
    {
      label: "median plateau (steps)",
      value: h.medianPlateauSteps ?? "–",
      detail: `${h.grokked}/${h.seeds.length} seeds grokked`,
    },
  ],
  summary: (h) => ({
    task: h.task,
    model: h.model,
    seeds: h.seeds.map((s) => ({
      seed: s.seed,
      memorizationStep: s.memorizationStep,
      generalization95Step: s.generalization95Step,
      generalizationStep: s.generalizationStep,
      plateauSteps: s.plateauSteps,
      finalTestAcc: r6(s.finalTestAcc),
      finalGini: s.finalGini === null ? null : r6(s.finalGini),
    })),
    grokked: h.grokked,
    medianPlateauSteps: h.medianPlateauSteps,
  }),
  console: (h) =>
    `Grokking: generalisation steps per seed ${h.seeds.map((s) => s.generalizationStep ?? "never").join(", ")}`,
});
