import { InvalidArgumentError } from "commander";
import type { GrokConfigInput } from "../config.js";
import { maxKeepCheckpoints } from "../node/run-directory.js";

/** Flags as commander parses them (camelCased names). */
export type TrainFlags = Record<string, string | number | boolean | null | undefined>;

/** Config path of each config flag (for building the config and for naming the flag in errors). */
export const flagPaths = {
  op: "op",
  p: "p",
  frac: "trainFraction",
  seed: "seed",
  steps: "steps",
  model: "model.kind",
  width: "model.width",
  depth: "model.depth",
  activation: "model.activation",
  bias: "model.bias",
  layers: "model.layers",
  "d-model": "model.dModel",
  heads: "model.heads",
  "d-mlp": "model.dMlp",
  tied: "model.tiedEmbeddings",
  task: "task.family",
  format: "task.format",
  reverse: "task.reverse",
  "train-size": "task.trainSize",
  "test-size": "task.testSize",
  "eval-train-size": "task.evalTrainSize",
  "seq-len": "task.seqLen",
  lr: "optimizer.lr",
  wd: "optimizer.weightDecay",
  beta1: "optimizer.beta1",
  beta2: "optimizer.beta2",
  eps: "optimizer.eps",
  warmup: "optimizer.warmupSteps",
  schedule: "optimizer.schedule",
  "min-lr": "optimizer.minLr",
  clip: "optimizer.clipGradNorm",
  loss: "loss",
  batch: "batchSize",
  "eval-every": "evalEvery",
  "checkpoint-every": "checkpointEvery",
  "stop-after": "stopAfterGeneralization",
} as const;

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Parse a number flag (range checks are the config's; this only refuses what is not a number). */
export function number(value: string): number {
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x)) throw new InvalidArgumentError("needs a number.");
  return x;
}

/** An integer flag with bounds checked here (flags that are not config keys: threads, keep). */
export const boundedInteger =
  (min: number, max: number) =>
  (value: string): number => {
    const x = number(value);
    if (!Number.isInteger(x) || x < min || x > max)
      throw new InvalidArgumentError(`needs an integer in [${min}, ${max}].`);
    return x;
  };

/** `--stop-after N`: N ≥ 0 steps after generalising, or -1 = run all steps (null in the config). */
export function stopAfter(value: string): number {
  const x = number(value);
  // -1 stays -1 here (commander turns a parser's null into ""); configFromFlags maps it to null
  if (x === -1) return x;
  if (!Number.isInteger(x) || x < 0)
    throw new InvalidArgumentError("needs an integer ≥ 0, or -1 to run all steps.");
  return x;
}

/** `--seq-len N|auto` (auto: the longest problem; -1 here, null in the config). */
export function seqLen(value: string): number {
  return value === "auto" ? -1 : number(value);
}

/** `--clip X|none` (none: -1 here, null in the config). */
export function clip(value: string): number {
  return value === "none" ? -1 : number(value);
}

/** `--batch N|full`. */
export function batch(value: string): number | "full" {
  return value === "full" ? "full" : number(value);
}

/** `--keep-checkpoints N`. */
export const keepCheckpoints = boundedInteger(1, maxKeepCheckpoints);

/**
 * The config the flags describe: `--config-json` (if any) with the config flags laid over it. Only
 * flags actually given appear, so with `--resume` this is exactly the set of settings to change.
 */
export function configFromFlags(flags: TrainFlags): GrokConfigInput {
  const config: Record<string, unknown> = {};
  const json = flags.configJson;
  if (typeof json === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new InvalidArgumentError(`--config-json is not valid JSON (${(e as Error).message})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new InvalidArgumentError("--config-json must be a JSON object");
    Object.assign(config, parsed);
  }
  for (const [flag, path] of Object.entries(flagPaths)) {
    const given = flags[camel(flag)];
    if (given === undefined) continue;
    // -1 stands for null (commander turns a parser's null into "")
    const nullable = flag === "stop-after" || flag === "clip" || flag === "seq-len";
    const value = nullable && given === -1 ? null : given;
    const [head, key] = path.split(".") as [string, string | undefined];
    if (key === undefined) config[head] = value;
    else {
      const old = config[head];
      config[head] = { ...(typeof old === "object" && old !== null ? old : {}), [key]: value };
    }
  }
  routeTaskOptions(config, flags);
  return config as GrokConfigInput;
}

/**
 * A sequence model (`--model decoder` or `--task`) reads `--op`, `--digits` and `--task-options`
 * as options of its task family (`--task arithmetic --op add --digits 3`), not as the modular op.
 */
function routeTaskOptions(config: Record<string, unknown>, flags: TrainFlags): void {
  const model = config.model as { kind?: unknown } | undefined;
  const sequence = model?.kind === "decoder" || config.task !== undefined;
  const options: Record<string, unknown> = {};
  if (typeof flags.taskOptions === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(flags.taskOptions);
    } catch (e) {
      throw new InvalidArgumentError(`--task-options is not valid JSON (${(e as Error).message})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new InvalidArgumentError("--task-options must be a JSON object");
    Object.assign(options, parsed);
  }
  if (flags.digits !== undefined) options.digits = flags.digits;
  if (!sequence) {
    if (Object.keys(options).length > 0)
      throw new InvalidArgumentError(
        "--digits and --task-options apply to sequence models (--model decoder)",
      );
    return;
  }
  if (config.op !== undefined) {
    options.op = config.op;
    delete config.op;
  }
  if (Object.keys(options).length === 0) return;
  const task = (typeof config.task === "object" && config.task !== null ? config.task : {}) as Record<
    string,
    unknown
  >;
  const old = typeof task.options === "object" && task.options !== null ? task.options : {};
  config.task = { ...task, options: { ...old, ...options } };
}

/** The flag that sets the config path an error message starts with, e.g. "model.width …" → "--width". */
export function flagForMessage(message: string): string | undefined {
  const path = /^([A-Za-z][\w.]*) /.exec(message)?.[1];
  const flag = Object.entries(flagPaths).find(([, p]) => p === path)?.[0];
  return flag === undefined ? undefined : `--${flag}`;
}
