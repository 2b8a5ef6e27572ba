import { defineStudy } from "@emerge/example-study-kit";
import { type Estimate, run } from "./index.js";

const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);
const sig = (v: number, d = 3) => (Number.isFinite(v) ? String(Number(v.toPrecision(d))) : String(v));
const est = (e: Estimate) => ({ value: r6(e.value), ci: [r6(e.ci[0]), r6(e.ci[1])] as const });
const ci = (e: Estimate, d = 3) => `[${sig(e.ci[0], d)}, ${sig(e.ci[1], d)}]`;

/**
 * The Chinchilla refit as the main job runs it: estimates with bootstrap intervals, allocation exponents.
 *
 * @example
 * ```ts
 * const result = await study.run({ quick: true, outDir: "out/chinchilla" });
 * study.summary(result.headline).estimates.alpha; // { value: 0.348…, ci: […] }
 * ```
 */
export const study = defineStudy({
  id: "chinchilla",
  title: "Chinchilla",
  blurb: "a refit of the Chinchilla scaling law (@emerge/fit)",
  run,
  keyNumbers: (h) => {
    const e = h.estimates;
    const level = `${h.level * 100}% CI`;
    return [
      { label: "E (irreducible loss)", value: sig(e.E.value, 4), detail: `${level} ${ci(e.E, 4)}` },
      { label: "A", value: sig(e.A.value, 4), detail: `${level} ${ci(e.A, 4)}` },
      { label: "B", value: sig(e.B.value, 4), detail: `${level} ${ci(e.B, 4)}` },
      { label: "α", value: sig(e.alpha.value, 4), detail: `${level} ${ci(e.alpha, 4)}` },
      { label: "β", value: sig(e.beta.value, 4), detail: `${level} ${ci(e.beta, 4)}` },
      {
        label: "tokens per parameter at 5.76e23 FLOP",
        value: sig(h.atChinchillaBudget.tokensPerParam.value),
        detail: `${level} ${ci(h.atChinchillaBudget.tokensPerParam)}`,
      },
    ];
  },
  summary: (h) => ({
    points: h.points,
    level: h.level,
    replicates: h.replicates,
    estimates: Object.fromEntries(Object.entries(h.estimates).map(([k, e]) => [k, est(e)])),
    allocation: { a: est(h.allocation.a), b: est(h.allocation.b) },
    tokensPerParamAtChinchillaBudget: est(h.atChinchillaBudget.tokensPerParam),
  }),
  console: (h) => {
    const e = h.estimates;
    const f = (k: keyof typeof e) => `${k} ${r6(e[k].value)} [${r6(e[k].ci[0])}, ${r6(e[k].ci[1])}]`;
    return `Chinchilla (${h.level * 100}% CI): ${(["E", "A", "B", "alpha", "beta"] as const).map(f).join(", ")}`;
  },
});
