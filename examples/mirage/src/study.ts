import { defineStudy } from "@emerge/example-study-kit";
import { terminalPlot } from "@emerge/plot";
import { run } from "./index.js";

const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);
const sig = (v: number, d = 3) => (Number.isFinite(v) ? String(Number(v.toPrecision(d))) : String(v));

/**
 * The mirage study as the main job runs it: verdict per metric, the exact-match ≈ accuracy^L gap.
 *
 * @example
 * ```ts
 * const result = await study.run({ quick: true, outDir: "out/mirage" });
 * study.summary(result.headline).verdicts; // { "exact match": …, … }
 * ```
 */
export const study = defineStudy({
  id: "mirage",
  title: "Mirage",
  blurb: 'the exact-match "mirage" on a model family trained here (@emerge/grok, @emerge/tasks, @emerge/fit)',
  run,
  keyNumbers: (h) => [
    ...h.fits.map((f) => ({
      label: f.metric,
      value: f.verdict,
      detail: `sigmoid weight ${sig(f.sigmoidWeight, 2)}; 10→90% in ${sig(f.riseDecades, 2)} decades`,
    })),
    {
      label: "max |EM − acc^L|",
      value: sig(h.maxGapToPowerL, 2),
      detail: `smooth law^L R² ${sig(h.mirageR2)}`,
    },
  ],
  summary: (h) => ({
    task: h.task,
    verdicts: Object.fromEntries(h.fits.map((f) => [f.metric, f.verdict])),
    fits: h.fits.map((f) => ({
      metric: f.metric,
      verdict: f.verdict,
      sigmoidWeight: r6(f.sigmoidWeight),
      lrtPValue: r6(f.lrtPValue),
      threshold: r6(f.threshold),
      slopePerDecade: r6(f.slopePerDecade),
      riseDecades: r6(f.riseDecades),
    })),
    maxGapToPowerL: r6(h.maxGapToPowerL),
    mirageR2: r6(h.mirageR2),
  }),
  console: (h, { color }) => {
    const x = h.rows.map((r) => r.params);
    const verdicts = h.fits.map((f) => `${f.metric} ${f.verdict}`).join(", ");
    const plot = terminalPlot(
      [
        { name: "exact match", x, y: h.rows.map((r) => r.exactMatch) },
        { name: "per-digit accuracy", x, y: h.rows.map((r) => r.perDigitAccuracy) },
      ],
      { logX: true, yDomain: [0, 1], width: 50, height: 8, title: "mirage: score vs parameters", color },
    );
    return `Mirage: ${verdicts}\n\n${plot}`;
  },
});
