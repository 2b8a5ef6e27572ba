import { MODEL_ROWS } from "./data/obsscaling.js";
import { LlmResultsError } from "./errors.js";

/** A public base language model of Ruan et al.'s collection. */
export interface LanguageModel {
  /** Hugging Face id, e.g. "meta-llama/Llama-2-7b-hf". */
  readonly id: string;
  /** Family as Ruan et al. group them, e.g. "Llama-2", "Qwen1.5", "Pythia". */
  readonly family: string;
  /** Parameters (count, not billions). */
  readonly params: number;
  /** Pretraining tokens (count), or null where the source does not give it. */
  readonly tokens: number | null;
  /** Training compute in FLOPs (≈ 6 · params · tokens in the source), or null. */
  readonly flops: number | null;
}

/** One family: its name and its models, smallest first. */
export interface ModelFamily {
  readonly name: string;
  readonly models: readonly LanguageModel[];
}

const ALL: readonly LanguageModel[] = MODEL_ROWS.map(([id, family, b, t, f]) => ({
  id,
  family,
  params: b * 1e9,
  tokens: t === null ? null : t * 1e12,
  flops: f === null ? null : f * 1e21,
}));
const bySize = (a: LanguageModel, b: LanguageModel) => a.params - b.params || a.id.localeCompare(b.id);

/**
 * Every model, or one family's, smallest first.
 *
 * @example
 * ```ts
 * models({ family: "Llama-2" }).map((m) => m.params); // [7e9, 13e9, 70e9]
 * ```
 */
export function models(options: { readonly family?: string } = {}): LanguageModel[] {
  if (options.family === undefined) return [...ALL].sort(bySize);
  requireFamily(options.family);
  return ALL.filter((m) => m.family === options.family).sort(bySize);
}

/**
 * One model by its id.
 *
 * @example
 * ```ts
 * model("EleutherAI/gpt-j-6b").flops; // 1.45926e22
 * ```
 */
export function model(id: string): LanguageModel {
  const m = ALL.find((x) => x.id === id);
  if (!m) throw new LlmResultsError("UNKNOWN_MODEL", `model: no model "${id}"`);
  return m;
}

/**
 * Every family with its models, largest family first (then by name).
 *
 * @example
 * ```ts
 * families().filter((f) => f.models.length >= 3).length; // families with ≥ 3 sizes
 * ```
 */
export function families(): ModelFamily[] {
  const names = [...new Set(ALL.map((m) => m.family))];
  return names
    .map((name) => ({ name, models: ALL.filter((m) => m.family === name).sort(bySize) }))
    .sort((a, b) => b.models.length - a.models.length || a.name.localeCompare(b.name));
}

/** @internal Throw unless the family exists. */
export function requireFamily(family: string): void {
  if (!ALL.some((m) => m.family === family)) {
    throw new LlmResultsError("UNKNOWN_FAMILY", `family: no family "${family}"`);
  }
}

/** @internal The models in source order (aligned with the metric columns). */
export const MODELS_IN_SOURCE_ORDER = ALL;
