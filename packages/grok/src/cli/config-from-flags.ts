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
  lr: "optimizer.lr",
  wd: "optimizer.weightDecay",
  beta1: "optimizer.beta1",
  beta2: "optimizer.beta2",
  eps: "optimizer.eps",
  warmup: "optimizer.warmupSteps",
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
    const value = flag === "stop-after" && given === -1 ? null : given;
    const [head, key] = path.split(".") as [string, string | undefined];
    if (key === undefined) config[head] = value;
    else {
      const old = config[head];
      config[head] = { ...(typeof old === "object" && old !== null ? old : {}), [key]: value };
    }
  }
  return config as GrokConfigInput;
}

/** The flag that sets the config path an error message starts with, e.g. "model.width …" → "--width". */
export function flagForMessage(message: string): string | undefined {
  const path = /^([A-Za-z][\w.]*) /.exec(message)?.[1];
  const flag = Object.entries(flagPaths).find(([, p]) => p === path)?.[0];
  return flag === undefined ? undefined : `--${flag}`;
}
