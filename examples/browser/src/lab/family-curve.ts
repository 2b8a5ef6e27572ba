/**
 * The family's emergence curve: @emerge/fit's emergence() on the finished members (exact match and
 * per-digit accuracy against non-embedding parameters) and @emerge/plot's emergence figure of both.
 * Pure (no DOM), so it runs in Node tests as well as on the page.
 */
import { type EmergenceResult, emergence } from "@emerge/fit";
import { type Chart, type EmergencePanel, emergenceChart, lineChart, type Series } from "@emerge/plot";
import type { LabMember } from "./member.js";

/** The two metrics the tab fits and draws. */
export const labMetrics = [
  { key: "exactMatch", label: "exact match" },
  { key: "perDigitAccuracy", label: "per-digit accuracy" },
] as const;

export type LabMetricKey = (typeof labMetrics)[number]["key"];

/** One metric's emergence() analysis over the members finished so far. */
export interface MetricFit {
  readonly key: LabMetricKey;
  readonly label: string;
  /** emergence()'s verdict ("insufficient-data" below 5 sizes), or "not-fitted" when it refused the data. */
  readonly verdict: string;
  readonly reason: string;
  readonly result: EmergenceResult | null;
}

/** Members in size order: the worker trains smallest first, but these functions do not rely on it. */
const bySize = (members: readonly LabMember[]) =>
  [...members].sort((a, b) => a.nonEmbeddingParams - b.nonEmbeddingParams);

/**
 * emergence() of each metric against non-embedding parameters, with binomial noise over the held-out
 * problems (`trials`). Under 5 sizes its verdict is "insufficient-data" (it says so); a refusal of
 * the data (a FitError) is reported as "not-fitted" with its message instead of breaking the page.
 *
 * @example
 * ```ts
 * const fits = fitFamily(members); // members: LabMember[] from trainLabMember
 * fits[0].verdict; // e.g. "smooth", "emergent", "flat" or "insufficient-data"
 * ```
 */
export function fitFamily(members: readonly LabMember[]): MetricFit[] {
  const rows = bySize(members);
  const sizes = rows.map((m) => m.nonEmbeddingParams);
  const trials = rows.map((m) => m.testProblems);
  return labMetrics.map(({ key, label }) => {
    const scores = rows.map((m) => m[key]);
    try {
      const result = emergence(sizes, scores, { trials });
      return { key, label, verdict: result.verdict, reason: result.reason, result };
    } catch (error) {
      return { key, label, verdict: "not-fitted", reason: (error as Error).message, result: null };
    }
  });
}

/**
 * The figure: one panel per metric, observed members and, once emergence() could fit them (5 sizes
 * on), its sigmoid with band, the smooth alternative and — for an emergent verdict with an
 * identified threshold — the threshold.
 *
 * @example
 * ```ts
 * const svg = await familyChart(members, fitFamily(members), 2).toSVG();
 * ```
 */
export function familyChart(
  members: readonly LabMember[],
  fits: readonly MetricFit[],
  digits: number,
): Chart {
  const rows = bySize(members);
  const task = `${digits}-digit addition`;
  const panels: EmergencePanel[] = fits.map((f) => ({
    task,
    metric: f.label,
    points: rows.map((m) => ({ size: m.nonEmbeddingParams, score: m[f.key] })),
    ...(f.result && f.result.models.length > 0 ? { result: f.result } : {}),
    bounds: [0, 1],
    ...(f.key === "perDigitAccuracy" ? { chance: 0.1 } : {}),
  }));
  return emergenceChart({
    panels,
    columns: 2,
    x: { title: "Non-embedding parameters" },
    title: `${task}: the family so far (${rows.length} member${rows.length === 1 ? "" : "s"})`,
    size: "page",
  });
}

/** Names of answer places, units first. */
const placeNames = ["units", "tens", "hundreds", "thousands"];

/**
 * The mirage view of the same members: exact match beside the product of per-place accuracies (what
 * independent digit errors would give) and each place's accuracy, against non-embedding parameters.
 *
 * @example
 * ```ts
 * const svg = await mirageChart(members, 2).toSVG();
 * ```
 */
export function mirageChart(members: readonly LabMember[], digits: number): Chart {
  const rows = bySize(members);
  const places = Math.max(0, ...rows.map((m) => m.perPosition.length));
  const at = (y: (m: LabMember) => number) => rows.map((m) => ({ x: m.nonEmbeddingParams, y: y(m) }));
  const series: Series[] = [
    { name: "exact match", points: at((m) => m.exactMatch) },
    { name: "Π per-place accuracy", points: at((m) => m.productOfPositions), dashed: true },
    ...Array.from({ length: places }, (_, j) => ({
      name: `${placeNames[j] ?? `place ${j + 1}`} digit`,
      points: at((m) => m.perPosition[j] ?? Number.NaN),
    })),
  ];
  return lineChart({
    series,
    points: true,
    x: { title: "Non-embedding parameters", scale: "log" },
    y: { title: "Held-out accuracy", domain: [0, 1] },
    title: `${digits}-digit addition: exact match against the product of its digits`,
    size: "page",
  });
}
