/** [id, family, parameters (billions), pretraining tokens (trillions) | null, training FLOPs (units of 1e21) | null]. */
export type ModelRow = readonly [string, string, number, number | null, number | null];

/** Which table of Ruan et al.'s results a metric comes from. */
export type MetricGroup = "benchmark" | "emergent" | "gsm8k" | "bbh";

/** One metric as stored: its description and one value per model of the model list (null: not evaluated). */
export interface MetricColumn {
  readonly id: string;
  readonly title: string;
  readonly group: MetricGroup;
  /** Few-shot examples in the prompt. */
  readonly shots: number;
  readonly chainOfThought: boolean;
  /** 1 for fractions, 100 for BLEU. */
  readonly scaleMax: number;
  /** Score of random guessing on the metric's scale, or null where it has no single value. */
  readonly chance: number | null;
  /** Where the chance level comes from. */
  readonly chanceNote: string;
  /** Questions per score, inferred as the smallest n with every score a multiple of 1/n; null if unknown. */
  readonly questions: number | null;
  /** The column of the source CSV. */
  readonly sourceColumn: string;
  readonly values: readonly (number | null)[];
}

/** One Pythia evaluation series over training checkpoints, as stored. */
export interface CheckpointRecord {
  /** Nominal size: "70m", "160m", "410m", "1b", "1.4b", "2.8b", "6.9b", "12b". */
  readonly size: string;
  /** Trained on the deduplicated Pile. */
  readonly deduped: boolean;
  /** 0 or 5. */
  readonly shots: number;
  readonly task: string;
  /** "acc", "acc_norm" or "ppl". */
  readonly metric: string;
  readonly steps: readonly number[];
  readonly values: readonly number[];
  readonly stderr: readonly (number | null)[];
}
