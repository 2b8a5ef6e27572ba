import type { StudyTable } from "@emerge/example-study-kit";
import { fit, logLinear, uShaped } from "@emerge/fit";
import { seriesByFamily } from "@emerge/llm-results";
import { lineChart } from "@emerge/plot";
import { type AtlasSection, dashedAfter8, fmtSize, MAX_LINES, RUAN } from "./section.js";
import { sig, weightedLine } from "./stats.js";
import { classifySeries, mergeSameSize, type Verdict } from "./verdict.js";

/** Shape of one family's TruthfulQA curve. */
export type Shape = "inverse" | "u-shaped" | "inverted-u" | "increasing" | "flat";

/** One family's TruthfulQA classification with intervals. */
export interface TruthfulEntry {
  readonly family: string;
  readonly sizes: number;
  readonly shape: Shape;
  /** Log-linear slope per decade of parameters, with its 95 % interval. */
  readonly slope: { readonly value: number; readonly ci: readonly [number, number] };
  /** Turning point (parameters) of the quadratic in log size with its 95 % interval, when U-shaped. */
  readonly turn: { readonly value: number; readonly ci: readonly [number, number] } | null;
  readonly reason: string;
  /** @emerge/fit's emergence() on the same series (noise estimated from the fit: MC2 is not a count). */
  readonly emergence: { readonly verdict: Verdict; readonly reason: string };
}

// TruthfulQA MC2 in Ruan et al. is over 817 questions: the binomial error of an accuracy of that count
// is a floor on the noise (MC2 averages probabilities, so the true error is at most this).
const QUESTIONS = 817;

/**
 * Inverse and U-shaped scaling on TruthfulQA, within families: a straight line in log size (inverse /
 * increasing when its 95 % interval excludes zero) against a quadratic (U-shaped when it wins by AICc,
 * its curvature's interval excludes zero and its turning point's interval lies inside the sizes).
 *
 * @example
 * ```ts
 * truthfulScaling().headline.filter((e) => e.shape !== "increasing").map((e) => e.family);
 * ```
 */
export function truthfulScaling(): AtlasSection<readonly TruthfulEntry[]> {
  const fams = seriesByFamily("truthfulqa", { minSizes: 3 });
  const entries: TruthfulEntry[] = fams.map((s) => {
    // One score per size: models sharing a size (OLMo-7B and OLMo-1.7-7B) are averaged.
    const { sizes: x, scores: y } = mergeSameSize(
      s.points.map((p) => p.params),
      s.points.map((p) => p.value),
    );
    const lx = x.map(Math.log10);
    const sigma = y.map((p) => Math.max(Math.sqrt((p * (1 - p)) / QUESTIONS), 0.005));
    const line = weightedLine(lx, y, sigma);
    // Errors scaled by the fit's own scatter when it exceeds the binomial floor.
    const scale = Math.max(1, line.chi2 / Math.max(1, lx.length - 2));
    const se = Math.sqrt(line.varB * scale);
    const slope = { value: line.b, ci: [line.b - 1.96 * se, line.b + 1.96 * se] as const };
    let turn: TruthfulEntry["turn"] = null;
    let shape: Shape = slope.ci[1] < 0 ? "inverse" : slope.ci[0] > 0 ? "increasing" : "flat";
    let reason = `slope ${sig(slope.value * 100, 2)} points/decade [${sig(slope.ci[0] * 100, 2)}, ${sig(slope.ci[1] * 100, 2)}]`;
    if (x.length >= 4) {
      try {
        const q = fit(uShaped(), { x, y, sigma }, { absoluteSigma: true });
        const l = fit(logLinear(), { x, y, sigma }, { absoluteSigma: true });
        const c = q.params.curvature as number;
        const cse = (q.stderr.curvature as number) * Math.sqrt(Math.max(1, q.reducedChiSquare));
        const t = q.params.turn as number;
        const tse = (q.stderr.turn as number) * Math.sqrt(Math.max(1, q.reducedChiSquare));
        const inside = t - 1.96 * tse >= Math.min(...lx) && t + 1.96 * tse <= Math.max(...lx);
        // AICc is infinite for the quadratic on 4–5 points (n ≤ k + 1): compare by AIC there.
        const useAicc = Number.isFinite(q.aicc) && Number.isFinite(l.aicc);
        const [qi, li] = useAicc ? [q.aicc, l.aicc] : [q.aic, l.aic];
        const better = qi < li;
        if (better && Math.abs(c) > 1.96 * cse && inside) {
          shape = c > 0 ? "u-shaped" : "inverted-u";
          turn = { value: 10 ** t, ci: [10 ** (t - 1.96 * tse), 10 ** (t + 1.96 * tse)] };
          reason = `quadratic in log size wins (${useAicc ? "AICc" : "AIC"} ${sig(qi, 3)} vs ${sig(li, 3)}), turning at ${fmtSize(turn.value)} [${fmtSize(turn.ci[0])}, ${fmtSize(turn.ci[1])}]`;
        } else if (better) {
          reason += `; a quadratic fits better but its turn or curvature is not pinned down`;
        }
      } catch {
        reason += "; the quadratic did not converge";
      }
    }
    const e = classifySeries(x, y, { bounds: [0, 1], seed: `truthfulqa/${s.family}`, replicates: 0 });
    return {
      family: s.family,
      sizes: x.length,
      shape,
      slope,
      turn,
      reason,
      emergence: { verdict: e.verdict, reason: e.reason },
    };
  });
  const chart = lineChart({
    // The families that change with size (flat ones are in the table), at most 16 lines.
    series: fams
      .filter((s) => entries.find((e) => e.family === s.family)?.shape !== "flat")
      .slice(0, MAX_LINES)
      .map((s, k) => ({
        name: s.family,
        points: s.points.map((p) => ({ x: p.params, y: p.value })),
        ...dashedAfter8(k),
      })),
    points: true,
    x: { title: "parameters", scale: "log" },
    y: { title: "TruthfulQA (MC2) ↑" },
    title: "TruthfulQA within the families that change with size",
    size: "page",
  });
  const table: StudyTable = {
    id: "atlas-truthful",
    title: "TruthfulQA: inverse, U-shaped or increasing, per family",
    columns: [
      "family",
      "sizes",
      "shape",
      "slope (points/decade) [95% CI]",
      "turn (params) [95% CI]",
      "reason",
      "emergence() verdict",
    ],
    rows: entries.map((e) => [
      e.family,
      e.sizes,
      e.shape,
      `${sig(e.slope.value * 100, 2)} [${sig(e.slope.ci[0] * 100, 2)}, ${sig(e.slope.ci[1] * 100, 2)}]`,
      e.turn ? `${fmtSize(e.turn.value)} [${fmtSize(e.turn.ci[0])}, ${fmtSize(e.turn.ci[1])}]` : "–",
      e.reason,
      e.emergence.verdict,
    ]),
    caption:
      "Weighted fits in log₁₀ parameters; errors are the larger of the binomial error over 817 questions and the fit's own scatter. " +
      "3-size families get the line only (a quadratic through 3 points has no error left).",
  };
  const by = (shape: Shape) => entries.filter((e) => e.shape === shape).map((e) => e.family);
  const shapeOf = (f: string) => entries.find((e) => e.family === f)?.shape ?? "not in the data";
  const agree = entries.filter(
    (e) =>
      (e.shape === "inverse") === (e.emergence.verdict === "inverse") &&
      (e.shape === "u-shaped") === (e.emergence.verdict === "u-shaped"),
  ).length;
  const text =
    `TruthfulQA (MC2) in ${entries.length} families with ≥ 3 sizes. Inverse (slope's 95% interval below 0): ${by("inverse").join(", ") || "none"}. ` +
    `U-shaped (quadratic wins, turn inside the sizes): ${by("u-shaped").join(", ") || "none"}. Inverted U: ${by("inverted-u").join(", ") || "none"}. ` +
    `Increasing: ${by("increasing").join(", ") || "none"}. Flat within the noise: ${by("flat").join(", ") || "none"}. ` +
    `The issue reads the data as falling in Pythia, OPT and Cerebras-GPT (measured: ${["Pythia", "OPT", "Cerebras-GPT"].map((f) => `${f} ${shapeOf(f)}`).join(", ")}) ` +
    `and turning back up in OPT, Llama-2 and Falcon (measured: ${["OPT", "Llama-2", "Falcon"].map((f) => `${f} ${shapeOf(f)}`).join(", ")}): ` +
    "with intervals, a late uptick at the largest size is not enough for a U, and a 3-size family cannot show one. " +
    `emergence() on the same series agrees on which families are inverse or U-shaped in ${agree} of ${entries.length}. Data: ${RUAN}.`;
  return {
    headline: entries,
    figures: [
      {
        id: "atlas-truthful",
        title: "Inverse and U-shaped scaling: TruthfulQA",
        caption: `TruthfulQA MC2 against parameters, the families with ≥ 3 sizes that are not flat by the interval test (the table lists all). Data: ${RUAN}.`,
        chart,
      },
    ],
    tables: [table],
    text,
  };
}
