import { type EmergenceResult, emergence, FitError } from "@emerge/fit";
import type { StudyData } from "./study.js";
import type { SuiteName } from "./suites.js";

/** Score against model size for one suite at one difficulty level. */
export interface SizeAnalysis {
  readonly suite: SuiteName;
  readonly level: number;
  readonly points: readonly {
    readonly model: string;
    readonly size: number;
    readonly exactMatch: number;
    readonly tokenAccuracy: number;
  }[];
  /** `@emerge/fit`'s emergence() on exact match: sigmoid vs smooth models, threshold, verdict. */
  readonly result: EmergenceResult | null;
  /** Why there is no result (too few sized models, a degenerate fit). */
  readonly reason?: string;
}

/**
 * For every suite and level, put the sized models' exact match against their parameter counts and
 * ask `emergence()` whether the rise is sharp (a sigmoid in log size beats the smooth alternatives)
 * or smooth. Needs at least two models with `--model name=SIZE`.
 */
export function analyzeSizes(data: StudyData, replicates = 400): SizeAnalysis[] {
  const out: SizeAnalysis[] = [];
  const bySuite = new Map<SuiteName, StudyData["runs"][number][]>();
  for (const run of data.runs) {
    if (run.model.size === undefined) continue;
    const list = bySuite.get(run.suite) ?? [];
    list.push(run);
    bySuite.set(run.suite, list);
  }
  for (const [suite, runs] of bySuite) {
    if (runs.length < 2) continue;
    const levels = [...new Set(runs.flatMap((r) => r.levels.map((l) => l.level)))].sort((a, b) => a - b);
    for (const level of levels) {
      const points = runs
        .map((r) => {
          const l = r.levels.find((x) => x.level === level);
          return l?.exactMatch && l.tokenAccuracy
            ? {
                model: r.model.name,
                size: r.model.size as number,
                exactMatch: l.exactMatch.mean,
                tokenAccuracy: l.tokenAccuracy.mean,
              }
            : null;
        })
        .filter((p): p is NonNullable<typeof p> => p !== null)
        .sort((a, b) => a.size - b.size);
      let result: EmergenceResult | null = null;
      let reason: string | undefined;
      try {
        result = emergence(
          points.map((p) => p.size),
          points.map((p) => p.exactMatch),
          { replicates, seed: `${suite}/${level}` },
        );
      } catch (error) {
        if (!(error instanceof FitError)) throw error;
        reason = `${error.code}: ${error.message}`;
      }
      out.push({ suite, level, points, result, ...(reason === undefined ? {} : { reason }) });
    }
  }
  return out;
}

/**
 * The level of a suite where the models differ most (largest score range), preferring levels with
 * more models part-way between 0 and 1: the most informative panel for a figure.
 */
export function mostInformative(
  analyses: readonly SizeAnalysis[],
  suite: SuiteName,
): SizeAnalysis | undefined {
  const score = (a: SizeAnalysis) => {
    const ys = a.points.map((p) => p.exactMatch);
    if (ys.length === 0) return -1;
    const range = Math.round(10 * (Math.max(...ys) - Math.min(...ys)));
    return range * 100 + ys.filter((y) => y > 0.05 && y < 0.95).length;
  };
  return analyses
    .filter((a) => a.suite === suite)
    .sort((a, b) => score(b) - score(a) || a.level - b.level)[0];
}
