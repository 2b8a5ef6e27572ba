import { type ModularOperation, modularOperations } from "@emerge/tasks";
import { defaultMlp, type MlpConfig, mlpLimits } from "./model/mlp.js";
import { type ModelConfig, type ModelKind, modelSpec, modelSpecs } from "./model/registry.js";
import { type TransformerConfig, transformerLimits } from "./model/transformer.js";
import { resolveSequenceTask, type SequenceTaskConfig } from "./sequence/task-config.js";
import { checkKeys, integer, invalidConfig, isRecord, oneOf, real, show } from "./validation.js";

export { defaultMlp, type MlpConfig } from "./model/mlp.js";
export type { ModelConfig } from "./model/registry.js";
export { defaultTransformer, type TransformerConfig } from "./model/transformer.js";

/** AdamW with PyTorch semantics (decoupled weight decay) and linear warm-up. */
export interface OptimizerConfig {
  lr: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Steps of linear learning-rate warm-up from lr/warmupSteps to lr (0 = none). */
  warmupSteps: number;
  /** Learning rate after warm-up: "constant" (default), or "cosine" decay to `minLr` at `steps`. */
  schedule: "constant" | "cosine";
  /** Floor of the cosine schedule (default 0). */
  minLr: number;
  /** Clip the global gradient norm to this value (PyTorch clip_grad_norm_); `null` (default): no clipping. */
  clipGradNorm: number | null;
}

/** A complete, validated training configuration. Every field has a default: the default demo. */
export interface GrokConfig {
  op: ModularOperation;
  p: number;
  trainFraction: number;
  seed: number;
  /** The model: any kind in the model registry (`src/model/registry.ts`). */
  model: ModelConfig;
  /**
   * The sequence task of a sequence model (the decoder): an `@emerge/tasks` family and how its
   * data is built; `null` for the pair models, which train on `op`, `p` and `trainFraction`.
   */
  task: SequenceTaskConfig | null;
  optimizer: OptimizerConfig;
  loss: "cross-entropy" | "mse";
  batchSize: number | "full";
  steps: number;
  evalEvery: number;
  checkpointEvery: number;
  /**
   * Stop this many steps after test accuracy first reaches 99%; `null`: run all `steps`. Always
   * present once resolved, so `null` survives JSON, checkpoints and a second resolution.
   */
  stopAfterGeneralization: number | null;
}

declare const resolvedBrand: unique symbol;

/**
 * A config that went through {@link resolveConfig}: complete, validated, deeply frozen, and
 * recognised by every API that takes a config, which uses it as is instead of filling defaults again
 * (re-defaulting is how `stopAfterGeneralization: null` used to become 100 between the run
 * directory and the trainer).
 */
export type ResolvedConfig = GrokConfig & { readonly [resolvedBrand]: true };

/** What callers pass: any subset, with `model` and `optimizer` themselves partial. */
export type GrokConfigInput = Partial<Omit<GrokConfig, "model" | "optimizer" | "task">> & {
  task?: Partial<SequenceTaskConfig> | null;
  model?: Partial<MlpConfig> | Partial<TransformerConfig> | Partial<ModelConfig>;
  optimizer?: Partial<OptimizerConfig>;
};

/**
 * Upper bounds of every count and size in a config, checked before any work (a bigger value is an
 * `INVALID_CONFIG` error, not an out-of-memory abort minutes later).
 *
 * @example
 * ```ts
 * resolveConfig({ p: configLimits.p + 1 }); // throws INVALID_CONFIG: p must be an integer in [2, 1000], got 1001
 * ```
 */
export const configLimits = {
  /** Modulus: p² pairs, evaluated every `evalEvery` steps. */
  p: 1000,
  steps: 100_000_000,
  evalEvery: 100_000_000,
  checkpointEvery: 100_000_000,
  stopAfterGeneralization: 100_000_000,
  batchSize: 1_000_000,
  warmupSteps: 100_000_000,
  seed: Number.MAX_SAFE_INTEGER,
  ...mlpLimits,
  ...transformerLimits,
} as const;

/**
 * The default demo: a+b mod 97, 30% train, MLP 512 quadratic, full-batch AdamW lr 3e-3 wd 1.
 *
 * @example
 * ```ts
 * resolveConfig({ ...defaultConfig, p: 31 });
 * ```
 */
export const defaultConfig: Readonly<GrokConfig> = Object.freeze({
  op: "add",
  p: 97,
  trainFraction: 0.3,
  seed: 0,
  model: defaultMlp,
  task: null,
  optimizer: Object.freeze({
    lr: 3e-3,
    weightDecay: 1,
    beta1: 0.9,
    beta2: 0.98,
    eps: 1e-8,
    warmupSteps: 0,
    schedule: "constant",
    minLr: 0,
    clipGradNorm: null,
  }),
  loss: "cross-entropy",
  batchSize: "full",
  steps: 5000,
  evalEvery: 10,
  checkpointEvery: 500,
  stopAfterGeneralization: 100,
});

const L = configLimits;

const topKeys = Object.keys(defaultConfig);
const optimizerKeys = Object.keys(defaultConfig.optimizer);

function resolveModel(value: unknown): ModelConfig {
  if (value === undefined) return { ...defaultMlp };
  if (!isRecord(value)) invalidConfig(`model must be an object, got ${show(value)}`);
  const kind = oneOf("model.kind", value.kind ?? "mlp", Object.keys(modelSpecs) as ModelKind[]);
  const keysOf = (k: ModelKind) => Object.keys(modelSpecs[k].defaults);
  for (const key of Object.keys(value)) {
    if (keysOf(kind).includes(key)) continue;
    // a key of another model kind is a clearer mistake than a typo: say which kind it belongs to
    const owner = (Object.keys(modelSpecs) as ModelKind[]).find((k) => keysOf(k).includes(key));
    if (owner !== undefined)
      invalidConfig(`model.${key} applies to model.kind "${owner}", not "${kind}" (set model.kind)`);
  }
  checkKeys("model", value, keysOf(kind));
  return modelSpec(kind).resolve(value);
}

const resolvedConfigs = new WeakSet<object>();

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === "object" && v !== null) deepFreeze(v);
  return Object.freeze(value);
}

/**
 * Whether `config` came out of {@link resolveConfig} (and so is used as is, never re-defaulted).
 *
 * @example
 * ```ts
 * isResolvedConfig(resolveConfig({ p: 31 })); // true
 * isResolvedConfig({ p: 31 }); // false
 * ```
 */
export function isResolvedConfig(config: unknown): config is ResolvedConfig {
  return typeof config === "object" && config !== null && resolvedConfigs.has(config);
}

/**
 * Fill defaults into a partial config and validate it strictly, once: an unknown key at any depth is
 * an error naming it and the nearest valid key (`unknown key optimizer.lrr; did you mean
 * optimizer.lr?`), every number is range-checked against {@link configLimits}, and
 * `stopAfterGeneralization: null` (run all steps) is kept apart from an absent one (default 100).
 * The result is a deeply frozen {@link ResolvedConfig}; passing it back (to this function,
 * `createTrainer`, `train` or `trainToDirectory`) returns it unchanged. Throws
 * `GrokError("INVALID_CONFIG")`.
 *
 * @example
 * ```ts
 * const config = resolveConfig({ p: 31, trainFraction: 0.5, steps: 2000, stopAfterGeneralization: null });
 * config.stopAfterGeneralization; // null: train all 2000 steps
 * resolveConfig(config) === config; // true
 * ```
 */
export function resolveConfig(input: GrokConfigInput | ResolvedConfig = {}): ResolvedConfig {
  if (isResolvedConfig(input)) return input;
  const c = checkKeys("", input, topKeys);
  const model = resolveModel(c.model);
  const spec = modelSpec(model.kind);
  // the model's own training defaults (e.g. the decoder's minibatches) sit between the user's
  // values and the grokking demo's
  const modelDefaults = (spec.trainingDefaults ?? {}) as Partial<Record<keyof GrokConfig, unknown>>;
  const get = <K extends keyof GrokConfig>(key: K): unknown =>
    c[key] === undefined ? (modelDefaults[key] ?? defaultConfig[key]) : c[key];
  if (c.optimizer !== undefined) checkKeys("optimizer", c.optimizer, optimizerKeys);
  const o = {
    ...defaultConfig.optimizer,
    ...spec.trainingDefaults?.optimizer,
    ...(c.optimizer as Partial<OptimizerConfig> | undefined),
  };
  let task: SequenceTaskConfig | null = null;
  if (spec.input === "sequence") task = resolveSequenceTask(c.task);
  else if (c.task !== undefined && c.task !== null)
    invalidConfig(
      `task applies to sequence models (model.kind "decoder"); model.kind "${model.kind}" trains on op, p and trainFraction`,
    );
  const batch = get("batchSize");
  const stop = c.stopAfterGeneralization === null ? null : get("stopAfterGeneralization");
  const config: GrokConfig = {
    op: oneOf("op", get("op"), modularOperations),
    p: integer("p", get("p"), 2, L.p),
    trainFraction: real("trainFraction", get("trainFraction"), (x) => x > 0 && x < 1, "in (0, 1)"),
    seed: integer("seed", get("seed"), 0, L.seed),
    model,
    task,
    optimizer: {
      lr: real("optimizer.lr", o.lr, (x) => x > 0, "> 0"),
      weightDecay: real("optimizer.weightDecay", o.weightDecay, (x) => x >= 0, "≥ 0"),
      beta1: real("optimizer.beta1", o.beta1, (x) => x >= 0 && x < 1, "in [0, 1)"),
      beta2: real("optimizer.beta2", o.beta2, (x) => x >= 0 && x < 1, "in [0, 1)"),
      eps: real("optimizer.eps", o.eps, (x) => x > 0, "> 0"),
      warmupSteps: integer("optimizer.warmupSteps", o.warmupSteps, 0, L.warmupSteps),
      schedule: oneOf("optimizer.schedule", o.schedule, ["constant", "cosine"] as const),
      minLr: real("optimizer.minLr", o.minLr, (x) => x >= 0, "≥ 0"),
      clipGradNorm:
        o.clipGradNorm === null ? null : real("optimizer.clipGradNorm", o.clipGradNorm, (x) => x > 0, "> 0"),
    },
    // sequence models take the loss on answer tokens only, which the MSE kernel does not mask
    loss: oneOf(
      "loss",
      get("loss"),
      task ? (["cross-entropy"] as const) : (["cross-entropy", "mse"] as const),
    ),
    batchSize: batch === "full" ? "full" : integer("batchSize", batch, 1, L.batchSize),
    steps: integer("steps", get("steps"), 0, L.steps),
    evalEvery: integer("evalEvery", get("evalEvery"), 1, L.evalEvery),
    checkpointEvery: integer("checkpointEvery", get("checkpointEvery"), 1, L.checkpointEvery),
    stopAfterGeneralization:
      stop === null ? null : integer("stopAfterGeneralization", stop, 0, L.stopAfterGeneralization),
  };
  const resolved = deepFreeze(config) as ResolvedConfig;
  resolvedConfigs.add(resolved);
  return resolved;
}

/**
 * Resolve a config read back from disk (a checkpoint header or `config.json`): as strict as
 * {@link resolveConfig}, except that a missing `stopAfterGeneralization` means `null` (files written
 * before the key was always stored left it out to mean "run all steps").
 *
 * @example
 * ```ts
 * const config = revalidateConfig(JSON.parse(text).config);
 * ```
 */
export function revalidateConfig(stored: unknown): ResolvedConfig {
  if (isResolvedConfig(stored)) return stored;
  if (isRecord(stored) && !("stopAfterGeneralization" in stored))
    return resolveConfig({ ...(stored as GrokConfigInput), stopAfterGeneralization: null });
  return resolveConfig(stored as GrokConfigInput);
}
