import type { ReportSection } from "@emerge/plot";
import type { StudySummary } from "./summary.js";

type Atlas = NonNullable<StudySummary["atlas"]>;
type Lab = NonNullable<StudySummary["lab"]>;

const fmt = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "n/a" : Number(v.toPrecision(digits)).toString();
const size = (v: number | null | undefined): string => {
  if (v === null || v === undefined || !Number.isFinite(v)) return "n/a";
  if (v >= 1e9) return `${fmt(v / 1e9)}B`;
  if (v >= 1e6) return `${fmt(v / 1e6)}M`;
  if (v >= 1e3) return `${fmt(v / 1e3)}K`;
  return fmt(v);
};
const interval = (ci: readonly [number | null, number | null] | null, show: (v: number | null) => string) =>
  ci ? `[${show(ci[0])}, ${show(ci[1])}]` : "no interval";

/** The mirage question: does an all-or-nothing metric make a gradual ability look sudden? */
function mirageRow(atlas: Atlas, lab: Lab): string[] {
  const v = atlas.verdicts as Record<string, number>;
  const judged = Object.entries(v)
    .filter(([k]) => k !== "insufficient-data")
    .reduce((s, [, n]) => s + n, 0);
  const verdicts = Object.entries(lab.mirage.verdicts)
    .map(([metric, verdict]) => `${metric} ${verdict}`)
    .join(", ");
  return [
    "Is a jump in exact match a property of the metric (the mirage)?",
    `${v.emergent ?? 0} of ${judged} series with ≥ 5 sizes are emergent; ${v.smooth ?? 0} smooth, ${v.flat ?? 0} flat (${v["insufficient-data"] ?? 0} series have too few sizes)`,
    `${verdicts}; exact match vs the product of per-position accuracies: max gap ${fmt(lab.mirage.exactMatchVsProduct.maxAbsError)}`,
  ];
}

/** The chain-of-thought question: does a scratchpad move the threshold or smooth the curve? */
function cotRow(atlas: Atlas, lab: Lab): string[] {
  const families = Object.entries(atlas.cot_crossover);
  const count = (s: string) => families.filter(([, f]) => f.status === s).length;
  const crossing = families
    .filter(([, f]) => f.status === "crosses")
    .map(([name, f]) => `${name} at ${size(f.size)} ${interval(f.ci, size)}`);
  const { direct, scratchpad } = lab.cot.thresholds;
  const shift = lab.cot.shiftDecades;
  return [
    "Does chain of thought turn a jump into a slope, or move it?",
    `GSM8K CoT − direct over ${families.length} families: ${crossing.length ? `crosses in ${crossing.join(", ")}` : "no family crosses"}; helps from the smallest size in ${count("helps-throughout")}, no rising gain in ${count("not-rising")}`,
    `threshold direct ${size(direct.value)} (${direct.verdict}), scratchpad ${size(scratchpad.value)} (${scratchpad.verdict}); shift ${fmt(shift.value)} decades ${interval(shift.ci, (x) => fmt(x))} over ${shift.seeds} seed(s)`,
  ];
}

/** The in-context learning question: does learning from examples in the prompt appear with scale? */
function iclRow(atlas: Atlas, lab: Lab): string[] {
  const gains = Object.values(atlas.icl_gain).filter((g): g is number => g !== null);
  const errors = lab.icl.errorAt2d.map((e) => `${size(e.params)}: ${fmt(e.error)}`).join(", ");
  return [
    "Does in-context learning appear with scale?",
    gains.length
      ? `Pythia 5-shot − 0-shot accuracy from ${fmt(Math.min(...gains))} to ${fmt(Math.max(...gains))} across ${gains.length} sizes`
      : "no Pythia sizes",
    `squared error / d after ${lab.icl.examples} examples by size ${errors}; least squares ${fmt(lab.icl.leastSquares)}, 3-NN ${fmt(lab.icl.nearestNeighbors)}, averaging ${fmt(lab.icl.averaging)}`,
  ];
}

/**
 * The report's "same question, two kinds of evidence" table: for each question the lab asks, the
 * atlas's answer from real language models beside the lab's from families trained here, read from
 * the two studies' summary entries (so the table cannot drift from the numbers in summary.json).
 * Empty unless both studies ran.
 *
 * @example
 * ```ts
 * const sections = questionSections(summary); // [] when `--only atlas`
 * ```
 */
export function questionSections(summary: StudySummary): ReportSection[] {
  const { atlas, lab } = summary;
  if (!atlas || !lab) return [];
  return [
    { type: "heading", text: "Same question, two kinds of evidence", level: 1 },
    {
      type: "text",
      text:
        "Each row puts the atlas's measurement on published results of real language models beside the lab's on " +
        `model families trained from scratch here (${lab.preset} preset). The sections below give the figures, fits and caveats.`,
    },
    {
      type: "table",
      columns: ["question", "real models (atlas)", "trained here (lab)"],
      rows: [mirageRow(atlas, lab), cotRow(atlas, lab), iclRow(atlas, lab)],
    },
  ];
}
