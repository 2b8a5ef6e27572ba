import { type ModularOperation, modularOperations } from "@emerge/tasks";
import { GrokError } from "./errors.js";

/** Gromov's MLP: one-hot(a) ++ one-hot(b) → `depth` hidden layers of `width` units → logits. */
export interface MlpConfig {
  kind: "mlp";
  /** Hidden units per layer. */
  width: number;
  /** Number of hidden layers (≥ 1). */
  depth: number;
  /** Hidden nonlinearity. */
  activation: "quadratic" | "relu" | "gelu";
  /** Whether linear layers have biases. */
  bias: boolean;
}

/** The transformer of Nanda et al. (2023): tokens `a b =`, no LayerNorm, logits at the last position. */
export interface TransformerConfig {
  kind: "transformer";
  /** Number of attention + MLP blocks. */
  layers: number;
  /** Residual stream width. */
  dModel: number;
  /** Attention heads (must divide dModel). */
  heads: number;
  /** Hidden units of each block's ReLU MLP. */
  dMlp: number;
}

/** AdamW with PyTorch semantics (decoupled weight decay) and linear warm-up. */
export interface OptimizerConfig {
  lr: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Steps of linear learning-rate warm-up from lr/warmupSteps to lr (0 = none). */
  warmupSteps: number;
}

/** A complete, validated training configuration. Every field has a default: the default demo. */
export interface GrokConfig {
  op: ModularOperation;
  p: number;
  trainFraction: number;
  seed: number;
  model: MlpConfig | TransformerConfig;
  optimizer: OptimizerConfig;
  loss: "cross-entropy" | "mse";
  batchSize: number | "full";
  steps: number;
  evalEvery: number;
  checkpointEvery: number;
  /** Stop this many steps after test accuracy first reaches 99% (absent: run all `steps`). */
  stopAfterGeneralization?: number;
}

/** What callers pass: any subset, with `model` and `optimizer` themselves partial. */
export type GrokConfigInput = Partial<Omit<GrokConfig, "model" | "optimizer" | "stopAfterGeneralization">> & {
  /** Steps to continue after test accuracy ≥ 99%; `null` = always run all `steps` (default 100). */
  stopAfterGeneralization?: number | null;
  model?: Partial<MlpConfig> | Partial<TransformerConfig>;
  optimizer?: Partial<OptimizerConfig>;
};

/** Defaults of the MLP model (Gromov 2023). */
export const defaultMlp: MlpConfig = {
  kind: "mlp",
  width: 512,
  depth: 1,
  activation: "quadratic",
  bias: false,
};
/** Defaults of the transformer (Nanda et al. 2023). */
export const defaultTransformer: TransformerConfig = {
  kind: "transformer",
  layers: 1,
  dModel: 128,
  heads: 4,
  dMlp: 512,
};

/**
 * The default demo: a+b mod 97, 30% train, MLP 512 quadratic, full-batch AdamW lr 3e-3 wd 1.
 *
 * @example
 * ```ts
 * resolveConfig({ ...defaultConfig, p: 31 });
 * ```
 */
export const defaultConfig: GrokConfig = {
  op: "add",
  p: 97,
  trainFraction: 0.3,
  seed: 0,
  model: defaultMlp,
  optimizer: { lr: 3e-3, weightDecay: 1, beta1: 0.9, beta2: 0.98, eps: 1e-8, warmupSteps: 0 },
  loss: "cross-entropy",
  batchSize: "full",
  steps: 5000,
  evalEvery: 10,
  checkpointEvery: 500,
  stopAfterGeneralization: 100,
};

function fail(message: string): never {
  throw new GrokError("INVALID_CONFIG", message);
}
function int(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min)
    fail(`${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
}
function real(name: string, v: unknown, ok: (x: number) => boolean, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || !ok(v)) fail(`${name} must be ${what}, got ${v}`);
  return v;
}

/**
 * Re-validate an already resolved config (from a checkpoint or config.json): as
 * {@link resolveConfig}, except that a missing `stopAfterGeneralization` stays missing (run all
 * steps) instead of taking the default.
 *
 * @example
 * ```ts
 * const config = revalidateConfig(JSON.parse(text).config);
 * ```
 */
export function revalidateConfig(config: GrokConfig): GrokConfig {
  return resolveConfig({ ...config, stopAfterGeneralization: config.stopAfterGeneralization ?? null });
}

/**
 * Fill defaults into a partial config and validate it; throws `GrokError("INVALID_CONFIG")`.
 *
 * @example
 * ```ts
 * const config = resolveConfig({ p: 31, trainFraction: 0.5, steps: 2000 });
 * ```
 */
export function resolveConfig(input: GrokConfigInput = {}): GrokConfig {
  const known = new Set([...Object.keys(defaultConfig), "stopAfterGeneralization"]);
  for (const key of Object.keys(input)) if (!known.has(key)) fail(`unknown config field "${key}"`);
  const kind = input.model?.kind ?? "mlp";
  let model: MlpConfig | TransformerConfig;
  if (kind === "mlp") {
    const m = { ...defaultMlp, ...(input.model as Partial<MlpConfig> | undefined) };
    if (!["quadratic", "relu", "gelu"].includes(m.activation)) fail(`unknown activation "${m.activation}"`);
    model = {
      kind: "mlp",
      width: int("model.width", m.width, 1),
      depth: int("model.depth", m.depth, 1),
      activation: m.activation,
      bias: Boolean(m.bias),
    };
  } else if (kind === "transformer") {
    const t = { ...defaultTransformer, ...(input.model as Partial<TransformerConfig>) };
    model = {
      kind: "transformer",
      layers: int("model.layers", t.layers, 1),
      dModel: int("model.dModel", t.dModel, 1),
      heads: int("model.heads", t.heads, 1),
      dMlp: int("model.dMlp", t.dMlp, 1),
    };
    if (model.dModel % model.heads !== 0)
      fail(`model.heads (${model.heads}) must divide dModel (${model.dModel})`);
  } else {
    fail(`unknown model kind "${String(kind)}"`);
  }
  const o = { ...defaultConfig.optimizer, ...input.optimizer };
  const optimizer: OptimizerConfig = {
    lr: real("optimizer.lr", o.lr, (x) => x > 0, "> 0"),
    weightDecay: real("optimizer.weightDecay", o.weightDecay, (x) => x >= 0, "≥ 0"),
    beta1: real("optimizer.beta1", o.beta1, (x) => x >= 0 && x < 1, "in [0, 1)"),
    beta2: real("optimizer.beta2", o.beta2, (x) => x >= 0 && x < 1, "in [0, 1)"),
    eps: real("optimizer.eps", o.eps, (x) => x > 0, "> 0"),
    warmupSteps: int("optimizer.warmupSteps", o.warmupSteps, 0),
  };
  const c = { ...defaultConfig, ...input };
  if (!modularOperations.includes(c.op)) fail(`unknown op "${c.op}" (have: ${modularOperations.join(", ")})`);
  const batchSize = c.batchSize === "full" ? "full" : int("batchSize", c.batchSize, 1);
  if (c.loss !== "cross-entropy" && c.loss !== "mse")
    fail(`loss must be "cross-entropy" or "mse", got ${c.loss}`);
  const config: GrokConfig = {
    op: c.op,
    p: int("p", c.p, 2),
    trainFraction: real("trainFraction", c.trainFraction, (x) => x > 0 && x < 1, "in (0, 1)"),
    seed: int("seed", c.seed, 0),
    model,
    optimizer,
    loss: c.loss,
    batchSize,
    steps: int("steps", c.steps, 0),
    evalEvery: int("evalEvery", c.evalEvery, 1),
    checkpointEvery: int("checkpointEvery", c.checkpointEvery, 1),
  };
  const stop =
    "stopAfterGeneralization" in input
      ? input.stopAfterGeneralization
      : defaultConfig.stopAfterGeneralization;
  if (stop !== undefined && stop !== null)
    config.stopAfterGeneralization = int("stopAfterGeneralization", stop, 0);
  return config;
}
