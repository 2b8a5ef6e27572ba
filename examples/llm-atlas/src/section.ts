import type { StudyFigure, StudyTable } from "@emerge/example-study-kit";

/** What each atlas section contributes to the report: a figure or two, tables, and its paragraph. */
export interface AtlasSection<Headline> {
  readonly headline: Headline;
  readonly figures: readonly StudyFigure[];
  readonly tables: readonly StudyTable[];
  /** What was measured, in sentences with the numbers (and where the data disagree with the claims). */
  readonly text: string;
}

/** Settings shared by the sections. */
export interface AtlasSettings {
  /** Bootstrap replicates for threshold intervals (fewer with `quick`). */
  readonly replicates: number;
  /** Parametric-bootstrap draws for crossover and backtest intervals. */
  readonly draws: number;
  readonly seed: string;
}

/** Display a size or FLOP count compactly: 1.3e9 → "1.3B", 2.3e22 → "2.3e22". */
export function fmtSize(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (v >= 1e15) return v.toExponential(1).replace("+", "");
  if (v >= 1e9) return `${Number((v / 1e9).toPrecision(3))}B`;
  if (v >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  return String(Number(v.toPrecision(3)));
}

/** "[lo, hi]" of an interval, or "–". */
export function fmtCi(ci: readonly [number, number] | null | undefined): string {
  return ci ? `[${fmtSize(ci[0])}, ${fmtSize(ci[1])}]` : "–";
}

/** Paper citation line of the data every section uses. */
export const RUAN =
  "Ruan, Maddison & Hashimoto 2024 (ryoungj/ObsScaling @ 4d6e1e43, Apache-2.0) via @emerge/llm-results";
export const PYTHIA = "EleutherAI/pythia evals @ a19eecb (Apache-2.0) via @emerge/llm-results";

/**
 * Line style per family in a chart of many families: the palette has 8 colours, so the 9th to 16th
 * family is drawn dashed (same colours, told apart by the dash). Charts keep to 16 families at most.
 */
export const MAX_LINES = 16;
export const dashedAfter8 = (i: number): { readonly dashed?: true } => (i >= 8 ? { dashed: true } : {});
