import type { OptimizerConfig } from "../config.js";
import type { Model, ModelContext, PairInput, SequenceInput } from "./model.js";

/** What a model reads: the inputs of its {@link Model.load}. */
export interface ModelInputs {
  /** (a, b) → class problems of a modular task (`@emerge/tasks`' modularDataset). */
  pairs: PairInput;
  /** Fixed-length token sequences of any `@emerge/tasks` family (`src/sequence/`). */
  sequence: SequenceInput;
}

/** Sizes of the data a model is built for. */
export interface DataShape {
  /** Pair models: the modulus p (classes); sequence models: the vocabulary size. */
  vocab: number;
  /** Tokens per sequence (sequence models; pair models ignore it). */
  seq: number;
}

/**
 * Everything the trainer, the config validation and the CLI need to know about one model kind.
 * A model file exports one of these; `src/model/registry.ts` lists it under its kind. That is the
 * whole of adding a model: one file and one registry line.
 *
 * @example
 * ```ts
 * export const myModelSpec: ModelSpec<MyConfig, "pairs"> = {
 *   kind: "mine", description: "…", input: "pairs", defaults: { kind: "mine", width: 64 },
 *   resolve: (input) => ({ kind: "mine", width: integer("model.width", input.width ?? 64, 1, 4096) }),
 *   build: (ctx, config, data) => myModel(ctx, config, data.vocab),
 * };
 * ```
 */
export interface ModelSpec<
  C extends { kind: string } = { kind: string },
  I extends keyof ModelInputs = keyof ModelInputs,
> {
  readonly kind: C["kind"];
  /** One line for `--help` and the README. */
  readonly description: string;
  /** The data the model trains on. */
  readonly input: I;
  /** Every field's default. */
  readonly defaults: C;
  /**
   * Fill defaults into a partial `model` config and validate it (GrokError "INVALID_CONFIG";
   * unknown keys were rejected before, against the keys of `defaults`).
   */
  resolve(input: Readonly<Record<string, unknown>>): C;
  /** Allocate parameters (seeded init from `ctx.rng`) and return the network. */
  build(ctx: ModelContext, config: C, data: DataShape): Model<ModelInputs[I]>;
  /**
   * Training defaults of this model that differ from the grokking demo's (e.g. minibatches and a
   * cosine schedule for the decoder); fields the user sets win.
   */
  readonly trainingDefaults?: {
    readonly batchSize?: number | "full";
    readonly steps?: number;
    readonly evalEvery?: number;
    readonly optimizer?: Partial<OptimizerConfig>;
  };
  /**
   * What the progress measures need. `embeddingWidth`: the width of the token embedding rows of
   * {@link Model.embeddings} for the Fourier measures over Z_p (pair models); `restrictedLoss`:
   * whether Nanda et al.'s restricted / excluded loss applies (the transformer on `add`).
   */
  readonly progress?: {
    embeddingWidth(config: C): number;
    restrictedLoss?: boolean;
  };
}
