import { defineStudy } from "@emerge/example-study-kit";
import { type LabHeadline, run } from "./index.js";

const r4 = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(4));
const pair = (ci: readonly [number, number] | null) => (ci ? ([r4(ci[0]), r4(ci[1])] as const) : null);

/** summary.json's `lab` entry: the numbers the "Done when" names. */
export function labSummary(h: LabHeadline) {
  const shift = h.cot.shift;
  return {
    preset: h.preset,
    mirage: {
      verdicts: Object.fromEntries(Object.entries(h.mirage.fits).map(([k, f]) => [k, f.verdict])),
      exactMatchVsProduct: {
        maxAbsError: r4(h.mirage.productGap.max),
        meanAbsError: r4(h.mirage.productGap.mean),
      },
      sizes: h.mirage.rows.map((r) => r.params),
    },
    cot: {
      level: shift.level,
      thresholds: {
        direct: {
          value: r4(shift.direct.threshold),
          ci: pair(shift.direct.thresholdCi),
          verdict: shift.direct.fit.verdict,
        },
        scratchpad: {
          value: r4(shift.scratchpad.threshold),
          ci: pair(shift.scratchpad.thresholdCi),
          verdict: shift.scratchpad.fit.verdict,
        },
      },
      shiftDecades: {
        value: r4(shift.shiftDecades.mean),
        ci: pair(shift.shiftDecades.ci),
        seeds: shift.shiftDecades.n,
      },
    },
    icl: {
      examples: h.icl.examples,
      errorAt2d: h.icl.sizes.map((s) => ({ width: s.width, params: s.params, error: r4(s.errorAt2d) })),
      leastSquares: r4(h.icl.baselines["least squares"]?.errorAt2d),
      nearestNeighbors: r4(h.icl.baselines["3-NN"]?.errorAt2d),
      averaging: r4(h.icl.baselines.averaging?.errorAt2d),
    },
    members: h.members,
  };
}

/**
 * The lab as one study of the main job (summary.json gets `lab.mirage`, `lab.cot`, `lab.icl`).
 *
 * @example
 * ```ts
 * const result = await study.run({ quick: true, outDir: "out/lab" });
 * study.summary(result.headline).cot.shiftDecades;
 * ```
 */
export const study = defineStudy({
  id: "lab",
  title: "Lab",
  blurb:
    "model families trained here: addition with carries (mirage), direct vs scratchpad (chain of thought), linear regression in context (ICL)",
  run,
  keyNumbers: (h) => [
    {
      label: "exact match",
      value: h.mirage.fits.exactMatch.verdict,
      detail: `per-digit: ${h.mirage.fits.perDigitAccuracy.verdict}`,
    },
    { label: "max |EM − Π acc|", value: String(r4(h.mirage.productGap.max)) },
    {
      label: "scratchpad shift",
      value: h.cot.shift.shiftDecades.n > 0 ? `${r4(h.cot.shift.shiftDecades.mean)} decades` : "not measured",
      detail: `${h.cot.shift.shiftDecades.n} seed(s)`,
    },
    {
      label: `ICL error @ ${h.icl.examples}`,
      value: String(r4(Math.min(...h.icl.sizes.map((s) => s.errorAt2d)))),
      detail: `least squares ${r4(h.icl.baselines["least squares"]?.errorAt2d)}`,
    },
  ],
  summary: labSummary,
});
