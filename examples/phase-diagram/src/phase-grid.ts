/** What the phase diagram needs from a run record: its grid coordinates and when it generalised. */
export interface PhaseRun {
  weightDecay: number;
  trainFraction: number;
  /** First evaluated step with test accuracy ≥ 99%, or null if the run never got there. */
  generalizationStep: number | null;
}

/** The diagram: rows of weight decay, columns of train fraction, cells of steps (null = never). */
export interface PhaseGrid {
  weightDecays: number[];
  trainFractions: number[];
  /** `steps[i][j]`: median steps to generalise at weightDecays[i], trainFractions[j]; null = never. */
  steps: (number | null)[][];
  /** Runs (seeds) per cell. */
  runs: number[][];
}

/**
 * Arrange runs into the weight decay × train fraction grid. Seeds of a cell are summarised by the
 * median, counting "never" as later than any step, so a cell reads "never" when at least half its
 * seeds never generalised.
 */
export function phaseGrid(runs: readonly PhaseRun[]): PhaseGrid {
  const weightDecays = [...new Set(runs.map((r) => r.weightDecay))].sort((a, b) => a - b);
  const trainFractions = [...new Set(runs.map((r) => r.trainFraction))].sort((a, b) => a - b);
  const steps = weightDecays.map((wd) =>
    trainFractions.map((tf) =>
      medianStep(runs.filter((r) => r.weightDecay === wd && r.trainFraction === tf)),
    ),
  );
  const count = weightDecays.map((wd) =>
    trainFractions.map((tf) => runs.filter((r) => r.weightDecay === wd && r.trainFraction === tf).length),
  );
  return { weightDecays, trainFractions, steps, runs: count };
}

function medianStep(cell: readonly PhaseRun[]): number | null {
  if (cell.length === 0) return null;
  const sorted = cell.map((r) => r.generalizationStep ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
  return Number.isFinite(median) ? median : null;
}

/** The grid as a Markdown table, "never" where a cell never generalised. */
export function phaseTable(grid: PhaseGrid): string {
  const head = `| weight decay \\ train fraction | ${grid.trainFractions.join(" | ")} |`;
  const rule = `|---|${grid.trainFractions.map(() => "---:").join("|")}|`;
  const rows = grid.weightDecays.map(
    (wd, i) => `| ${wd} | ${grid.steps[i]!.map((s) => (s === null ? "never" : String(s))).join(" | ")} |`,
  );
  return [head, rule, ...rows].join("\n");
}
