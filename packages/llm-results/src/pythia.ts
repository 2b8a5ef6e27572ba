import { PYTHIA_RECORDS } from "./data/pythia.js";
import { LlmResultsError } from "./errors.js";

/** A Pythia size with its parameter counts (Biderman et al. 2023, Table 1 / the model card). */
export interface PythiaSize {
  /** Nominal name: "70m" … "12b". */
  readonly size: string;
  /** All parameters. */
  readonly params: number;
  /** Parameters outside the embedding and unembedding (the paper's recommended "size"). */
  readonly nonEmbeddingParams: number;
}

/**
 * The eight Pythia sizes, smallest first. Counts from the Hugging Face model card of EleutherAI/pythia-12b
 * (the paper's Table 1 gives the same non-embedding counts).
 */
export const PYTHIA_SIZES: readonly PythiaSize[] = [
  { size: "70m", params: 70_426_624, nonEmbeddingParams: 18_915_328 },
  { size: "160m", params: 162_322_944, nonEmbeddingParams: 85_056_000 },
  { size: "410m", params: 405_334_016, nonEmbeddingParams: 302_311_424 },
  { size: "1b", params: 1_011_781_632, nonEmbeddingParams: 805_736_448 },
  { size: "1.4b", params: 1_414_647_808, nonEmbeddingParams: 1_208_602_624 },
  { size: "2.8b", params: 2_775_208_960, nonEmbeddingParams: 2_517_652_480 },
  { size: "6.9b", params: 6_857_302_016, nonEmbeddingParams: 6_444_163_072 },
  { size: "12b", params: 11_846_072_320, nonEmbeddingParams: 11_327_027_200 },
];

/** Tokens per training step of every Pythia model: 1024 sequences × 2048 tokens. */
export const PYTHIA_TOKENS_PER_STEP = 2_097_152;

/** Options of {@link checkpoints}. */
export interface CheckpointQuery {
  /** "70m" … "12b". */
  readonly size: string;
  /** Trained on the deduplicated Pile (default true: the only variant with all eight sizes). */
  readonly deduped?: boolean;
  /** 0 (27 checkpoints) or 5 (15 checkpoints); default 0. */
  readonly shots?: number;
  /** arc_challenge, arc_easy, lambada_openai, logiqa, piqa, sciq, winogrande, wsc. */
  readonly task: string;
  /** "acc" (default), "acc_norm" or "ppl" (LAMBADA). */
  readonly metric?: string;
}

/** One Pythia model's score over training. */
export interface CheckpointSeries extends PythiaSize {
  readonly deduped: boolean;
  readonly shots: number;
  readonly task: string;
  readonly metric: string;
  readonly steps: readonly number[];
  /** Tokens seen at each step (step × 2,097,152). */
  readonly tokens: readonly number[];
  /** Training compute at each step, 6 · params · tokens (all parameters). */
  readonly flops: readonly number[];
  readonly values: readonly number[];
  /** lm-evaluation-harness standard errors (null where the harness gives none). */
  readonly stderr: readonly (number | null)[];
}

/**
 * One Pythia model's score at each saved training checkpoint.
 *
 * @example
 * ```ts
 * const c = checkpoints({ size: "12b", task: "lambada_openai" });
 * c.steps.at(-1); // 143000
 * ```
 */
export function checkpoints(query: CheckpointQuery): CheckpointSeries {
  const deduped = query.deduped ?? true;
  const shots = query.shots ?? 0;
  const metric = query.metric ?? "acc";
  const size = PYTHIA_SIZES.find((s) => s.size === query.size);
  if (!size) {
    throw new LlmResultsError(
      "UNKNOWN_CHECKPOINTS",
      `checkpoints: size "${query.size}" is not one of ${PYTHIA_SIZES.map((s) => s.size).join(", ")}`,
    );
  }
  const r = PYTHIA_RECORDS.find(
    (x) =>
      x.size === query.size &&
      x.deduped === deduped &&
      x.shots === shots &&
      x.task === query.task &&
      x.metric === metric,
  );
  if (!r) {
    throw new LlmResultsError(
      "UNKNOWN_CHECKPOINTS",
      `checkpoints: no series for size ${query.size}, deduped ${deduped}, shots ${shots}, task "${query.task}", metric "${metric}" (tasks: ${pythiaTasks().join(", ")})`,
    );
  }
  const tokens = r.steps.map((s) => s * PYTHIA_TOKENS_PER_STEP);
  return {
    ...size,
    deduped,
    shots,
    task: r.task,
    metric,
    steps: r.steps,
    tokens,
    flops: tokens.map((t) => 6 * size.params * t),
    values: r.values,
    stderr: r.stderr,
  };
}

/**
 * The tasks evaluated at Pythia checkpoints.
 *
 * @example
 * ```ts
 * pythiaTasks(); // ["arc_challenge", "arc_easy", "lambada_openai", …]
 * ```
 */
export function pythiaTasks(): string[] {
  return [...new Set(PYTHIA_RECORDS.map((r) => r.task))].sort();
}
