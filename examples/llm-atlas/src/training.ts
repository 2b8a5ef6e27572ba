import type { StudyTable } from "@emerge/example-study-kit";
import { checkpoints, PYTHIA_SIZES } from "@emerge/llm-results";
import { lineChart } from "@emerge/plot";
import { type AtlasSection, fmtSize, PYTHIA } from "./section.js";
import { sig } from "./stats.js";

/** When one Pythia size first gets halfway (from its step-0 score to its best) on a task. */
export interface Crossing {
  readonly size: string;
  readonly params: number;
  readonly step: number | null;
  readonly tokens: number | null;
  readonly flops: number | null;
}

/** Headline of the training-time section, per task. */
export interface TrainingHeadline {
  readonly tasks: readonly {
    readonly task: string;
    readonly crossings: readonly Crossing[];
    /** Standard deviation over sizes of log₁₀ of the crossing in tokens and in FLOPs. */
    readonly spreadTokensDecades: number;
    readonly spreadFlopsDecades: number;
  }[];
}

const TASKS = ["lambada_openai", "arc_easy", "sciq", "piqa"] as const;

function sdLog(values: readonly (number | null)[]): number {
  const v = values.filter((x): x is number => x !== null && x > 0).map(Math.log10);
  if (v.length < 2) return Number.NaN;
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

/** First step where the curve reaches halfway from its start to its maximum, interpolated in log step. */
function halfway(steps: readonly number[], values: readonly number[]): number | null {
  const start = values[0] as number;
  const top = Math.max(...values);
  if (top - start < 0.05) return null; // no ability appears: nothing to time
  const goal = start + (top - start) / 2;
  for (let i = 1; i < steps.length; i++) {
    if ((values[i] as number) >= goal) {
      const s0 = Math.max(1, steps[i - 1] as number);
      const s1 = steps[i] as number;
      const v0 = values[i - 1] as number;
      const v1 = values[i] as number;
      const f = v1 === v0 ? 1 : (goal - v0) / (v1 - v0);
      return 10 ** (Math.log10(s0) + f * (Math.log10(s1) - Math.log10(s0)));
    }
  }
  return null;
}

/**
 * Emergence in training time: Pythia (deduplicated, zero-shot) accuracy against step for every size, and
 * against training compute 6·N·tokens: does each size pick up the ability at the same compute?
 *
 * @example
 * ```ts
 * trainingTime().headline.tasks[0]?.spreadFlopsDecades;
 * ```
 */
export function trainingTime(): AtlasSection<TrainingHeadline> {
  const tasks = TASKS.map((task) => {
    const crossings: Crossing[] = PYTHIA_SIZES.map((s) => {
      const c = checkpoints({ size: s.size, task, deduped: true, shots: 0, metric: "acc" });
      const step = halfway(c.steps, c.values);
      const tokens = step === null ? null : step * 2_097_152;
      return {
        size: s.size,
        params: s.params,
        step,
        tokens,
        flops: tokens === null ? null : 6 * s.params * tokens,
      };
    });
    return {
      task,
      crossings,
      spreadTokensDecades: sdLog(crossings.map((c) => c.tokens)),
      spreadFlopsDecades: sdLog(crossings.map((c) => c.flops)),
    };
  });
  const curves = PYTHIA_SIZES.map((s) =>
    checkpoints({ size: s.size, task: "lambada_openai", deduped: true }),
  );
  const byStep = lineChart({
    series: curves.map((c) => ({
      name: c.size,
      points: c.steps.map((x, i) => ({ x, y: c.values[i] as number })).filter((p) => p.x > 0),
    })),
    x: { title: "training step", scale: "log" },
    y: { title: "LAMBADA accuracy (0-shot) ↑", domain: [0, 1] },
    title: "Pythia LAMBADA accuracy over training, per size",
    size: "page",
  });
  const byFlops = lineChart({
    series: curves.map((c) => ({
      name: c.size,
      points: c.flops.map((x, i) => ({ x, y: c.values[i] as number })).filter((p) => p.x > 0),
    })),
    x: { title: "training FLOPs (6 · N · tokens)", scale: "log", format: "pow10" },
    y: { title: "LAMBADA accuracy (0-shot) ↑", domain: [0, 1] },
    title: "The same curves against training compute",
    size: "page",
  });
  const table: StudyTable = {
    id: "atlas-training",
    title: "When each Pythia size gets halfway on a task",
    columns: [
      "task",
      ...PYTHIA_SIZES.map((s) => s.size),
      "spread in tokens (decades)",
      "spread in FLOPs (decades)",
    ],
    rows: tasks.map((t) => [
      t.task,
      ...t.crossings.map((c) =>
        c.flops === null ? "never" : `${fmtSize(c.tokens)} tok / ${fmtSize(c.flops)}`,
      ),
      sig(t.spreadTokensDecades, 2),
      sig(t.spreadFlopsDecades, 2),
    ]),
    caption:
      "Halfway = first checkpoint (log-interpolated) where accuracy reaches the midpoint between its step-0 value and its best; " +
      "tokens = step × 2,097,152; FLOPs = 6 · all parameters · tokens. A shared compute threshold would give a small FLOPs spread.",
  };
  const lam = tasks[0] as TrainingHeadline["tasks"][number];
  const shared = tasks.filter((t) => t.spreadFlopsDecades < t.spreadTokensDecades);
  const text =
    `Pythia 70M–12B (deduplicated), zero-shot accuracy at 27 checkpoints. On LAMBADA the halfway point spreads over ` +
    `${sig(lam.spreadTokensDecades, 2)} decades (s.d. of log₁₀) in tokens and ${sig(lam.spreadFlopsDecades, 2)} in FLOPs. ` +
    `In ${shared.length} of ${tasks.length} tasks the crossings agree better in FLOPs than in tokens (${shared.map((t) => t.task).join(", ") || "none"}): ` +
    (shared.length > tasks.length / 2
      ? "larger models pick the ability up after fewer tokens, roughly at a shared compute. "
      : "the ability appears after a similar number of tokens whatever the size, so no compute threshold is shared. ") +
    `The step axis is log-spaced early (1, 2, 4, … 512, then every 1000 to 143000; the file has 27 of the 154 checkpoints), which limits the timing resolution to the gaps between them. Data: ${PYTHIA}.`;
  return {
    headline: { tasks },
    figures: [
      {
        id: "atlas-training-steps",
        title: "Emergence in training time: accuracy vs step",
        caption: `Pythia LAMBADA zero-shot accuracy at each checkpoint, per size. Data: ${PYTHIA}.`,
        chart: byStep,
      },
      {
        id: "atlas-training-flops",
        title: "Emergence in training time: accuracy vs compute",
        caption: `The same curves against 6 · N · tokens. Data: ${PYTHIA}.`,
        chart: byFlops,
      },
    ],
    tables: [table],
    text,
  };
}
