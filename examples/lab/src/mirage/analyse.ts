import { type EmergenceView, fitEmergence } from "../fit/emergence-view.js";
import type { AnswerScores } from "../score/answers.js";

/** One trained member of an addition family, scored on held-out problems. */
export interface AdditionMember {
  /** Trainable parameters. */
  readonly params: number;
  readonly seed: number;
  readonly scores: AnswerScores;
  /** Mean cross-entropy per answer token under teacher forcing, in nats. */
  readonly crossEntropy: number;
}

/** The family at one size, averaged over seeds. */
export interface SizeRow {
  readonly params: number;
  readonly seeds: number;
  readonly exactMatch: number;
  readonly perDigitAccuracy: number;
  readonly productOfPositions: number;
  /** Edit distance per answer position (0 = right, 1 ≈ every digit wrong). */
  readonly editDistance: number;
  readonly crossEntropy: number;
  readonly positionAccuracy: readonly number[];
  /** Accuracy by carry-chain length (null where no digit had that chain). */
  readonly carryChainAccuracy: readonly (number | null)[];
}

/** The four metrics fitted with emergence(), and how each one scores. */
export const mirageMetrics = [
  { id: "exactMatch", label: "exact match", kind: "all-or-nothing", direction: "higher-is-better" },
  { id: "perDigitAccuracy", label: "per-digit accuracy", kind: "per-token", direction: "higher-is-better" },
  { id: "editDistance", label: "token edit distance", kind: "per-token", direction: "lower-is-better" },
  { id: "crossEntropy", label: "per-token cross-entropy", kind: "continuous", direction: "lower-is-better" },
] as const;

/** A metric's id. */
export type MirageMetric = (typeof mirageMetrics)[number]["id"];

/** What the mirage analysis finds. */
export interface MirageAnalysis {
  readonly rows: readonly SizeRow[];
  /** emergence() per metric. */
  readonly fits: Readonly<Record<MirageMetric, EmergenceView>>;
  /** Exact match against Π per-position accuracy: largest and mean absolute gap over sizes. */
  readonly productGap: { readonly max: number; readonly mean: number };
  /**
   * Answer positions (units = 0) ordered by the size at which they first reach `level` accuracy;
   * positions that never do come last (`size` null), ordered by their accuracy at the largest size.
   * The last entry is the position that fails most.
   */
  readonly positionOrder: readonly { readonly position: number; readonly size: number | null }[];
  /** Level used for positionOrder. */
  readonly level: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * Average members of the same size over seeds, smallest first. Carry-chain accuracy pools digits over
 * seeds (it is a ratio of counts).
 */
export function rowsBySize(members: readonly AdditionMember[]): SizeRow[] {
  const sizes = [...new Set(members.map((m) => m.params))].sort((a, b) => a - b);
  return sizes.map((params) => {
    const ms = members.filter((m) => m.params === params);
    const positions = Math.max(...ms.map((m) => m.scores.positions));
    const chains = Math.max(...ms.map((m) => m.scores.carryChain.total.length));
    const positionAccuracy = Array.from({ length: positions }, (_, k) =>
      mean(ms.map((m) => m.scores.positionAccuracy[k] ?? 0)),
    );
    const carryChainAccuracy = Array.from({ length: chains }, (_, c) => {
      const total = ms.reduce((s, m) => s + (m.scores.carryChain.total[c] ?? 0), 0);
      const correct = ms.reduce((s, m) => s + (m.scores.carryChain.correct[c] ?? 0), 0);
      return total > 0 ? correct / total : null;
    });
    return {
      params,
      seeds: ms.length,
      exactMatch: mean(ms.map((m) => m.scores.exactMatch)),
      perDigitAccuracy: mean(ms.map((m) => m.scores.perDigitAccuracy)),
      productOfPositions: mean(ms.map((m) => m.scores.productOfPositions)),
      editDistance: mean(ms.map((m) => m.scores.editDistance / m.scores.positions)),
      crossEntropy: mean(ms.map((m) => m.crossEntropy)),
      positionAccuracy,
      carryChainAccuracy,
    };
  });
}

/**
 * Each metric's noise model and range for emergence(): accuracies are binomial over the problems
 * (per-digit accuracy over problems × positions); edit distance per position and cross-entropy are
 * bounded by 0 and by their worst plausible value (a uniform guess for cross-entropy).
 */
function metricOptions(
  id: MirageMetric,
  rows: readonly SizeRow[],
  options: { readonly problems: number; readonly crossEntropyCeiling?: number },
): { trials?: number; bounds?: readonly [number, number] } {
  const positions = rows[0]?.positionAccuracy.length ?? 1;
  switch (id) {
    case "exactMatch":
      return { trials: options.problems };
    case "perDigitAccuracy":
      return { trials: options.problems * positions };
    case "editDistance":
      return { bounds: [0, Math.max(1, ...rows.map((r) => r.editDistance))] };
    default:
      return {
        bounds: [0, Math.max(options.crossEntropyCeiling ?? 0, ...rows.map((r) => r.crossEntropy))],
      };
  }
}

/**
 * Fit each metric against size with emergence(), compare exact match with Π per-position accuracy,
 * and order the answer positions by the size at which they are learned.
 *
 * @example
 * ```ts
 * const a = analyseMirage(members, { replicates: 200, problems: 500 });
 * a.fits.exactMatch.verdict; a.productGap.max;
 * ```
 */
export function analyseMirage(
  members: readonly AdditionMember[],
  options: {
    readonly replicates: number;
    readonly problems: number;
    readonly level?: number;
    /** Cross-entropy of a uniform guess (ln vocabulary): the top of that metric's range. */
    readonly crossEntropyCeiling?: number;
  },
): MirageAnalysis {
  const rows = rowsBySize(members);
  const sizes = rows.map((r) => r.params);
  const fits = Object.fromEntries(
    mirageMetrics.map((m) => [
      m.id,
      fitEmergence(
        sizes,
        rows.map((r) => r[m.id]),
        {
          replicates: options.replicates,
          seed: `lab-mirage-${m.id}`,
          direction: m.direction,
          ...metricOptions(m.id, rows, options),
        },
      ),
    ]),
  ) as Record<MirageMetric, EmergenceView>;
  const gaps = rows.map((r) => Math.abs(r.exactMatch - r.productOfPositions));
  const level = options.level ?? 0.9;
  const positions = Math.max(0, ...rows.map((r) => r.positionAccuracy.length));
  const largest = rows.at(-1);
  const positionOrder = Array.from({ length: positions }, (_, k) => ({
    position: k,
    size: rows.find((r) => (r.positionAccuracy[k] ?? 0) >= level)?.params ?? null,
    accuracyAtLargest: largest?.positionAccuracy[k] ?? 0,
  }))
    // Learned first come first; positions never learned follow, best-learned at the largest size first.
    .sort(
      (a, b) =>
        (a.size ?? Number.POSITIVE_INFINITY) - (b.size ?? Number.POSITIVE_INFINITY) ||
        b.accuracyAtLargest - a.accuracyAtLargest ||
        a.position - b.position,
    )
    .map(({ position, size }) => ({ position, size }));
  return {
    rows,
    fits,
    productGap: { max: Math.max(...gaps), mean: mean(gaps) },
    positionOrder,
    level,
  };
}
