import type { KeyNumber, ReportSection } from "@emerge/plot";
import type { AnyStudyResult, StudyId, StudyResults } from "./studies.js";

/** A figure already rendered to SVG (inlined in the page) and PNG (written next to it). */
export interface RenderedFigure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
  readonly png: Uint8Array;
}

const sig = (v: number, d = 3) => (Number.isFinite(v) ? String(Number(v.toPrecision(d))) : String(v));
const ci = (e: { value: number; ci: readonly [number, number] }, d = 3) =>
  `[${sig(e.ci[0], d)}, ${sig(e.ci[1], d)}]`;

/** The highlighted numbers of each study. */
export function keyNumbers(id: StudyId, results: StudyResults): KeyNumber[] {
  switch (id) {
    case "grokking": {
      const h = results.grokking?.headline;
      if (!h) return [];
      return [
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
      ];
    }
    case "mirage": {
      const h = results.mirage?.headline;
      if (!h) return [];
      return [
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
      ];
    }
    case "chinchilla": {
      const h = results.chinchilla?.headline;
      if (!h) return [];
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
    }
    case "llmEmergence": {
      const h = results.llmEmergence?.headline;
      if (!h) return [];
      return [
        { label: "series fitted", value: h.verdicts.length, detail: `${h.sizes.length} model sizes` },
        { label: "emergent", value: h.emergent.length },
        { label: "smooth", value: h.smooth.length },
        { label: "inconclusive", value: h.inconclusive.length },
      ];
    }
  }
}

/** The report's sections for one study. */
export function studySections(
  id: StudyId,
  result: AnyStudyResult,
  figures: readonly RenderedFigure[],
  results: StudyResults,
  wallS: number,
): ReportSection[] {
  return [
    { type: "heading", text: result.title, level: 1 },
    { type: "text", text: result.summary },
    { type: "keyNumbers", items: keyNumbers(id, results) },
    ...figures.flatMap((f): ReportSection[] => [
      { type: "heading", text: f.title, level: 2 },
      { type: "figure", svg: f.svg, caption: `${f.caption} (${f.id}.png)`, alt: f.title },
    ]),
    ...result.tables.flatMap((t): ReportSection[] => [
      { type: "heading", text: t.title, level: 2 },
      { type: "table", columns: t.columns, rows: t.rows, ...(t.caption ? { caption: t.caption } : {}) },
    ]),
    { type: "text", text: `Study wall time: ${wallS.toFixed(1)} s.` },
  ];
}
