import { GrokError } from "../errors.js";
import { decoderSpec } from "./decoder.js";
import { mlpSpec } from "./mlp.js";
import type { ModelSpec } from "./spec.js";
import { transformerSpec } from "./transformer.js";

/**
 * Every model the trainer can build, by kind. Adding a model: write its file (exporting a
 * {@link ModelSpec}), then add one line here.
 *
 * @example
 * ```ts
 * Object.keys(modelSpecs); // ["mlp", "transformer", "decoder"]
 * ```
 */
export const modelSpecs = {
  mlp: mlpSpec,
  transformer: transformerSpec,
  decoder: decoderSpec,
} as const;

/** A model kind: a key of {@link modelSpecs}. */
export type ModelKind = keyof typeof modelSpecs;

/** The validated config of any registered model (the union of the specs' configs). */
export type ModelConfig = { [K in ModelKind]: (typeof modelSpecs)[K]["defaults"] }[ModelKind];

/**
 * The spec of a model kind; `GrokError("INVALID_CONFIG")` naming the known kinds otherwise.
 *
 * @example
 * ```ts
 * modelSpec("mlp").input; // "pairs"
 * ```
 */
export function modelSpec(kind: unknown): ModelSpec<ModelConfig> {
  if (typeof kind !== "string" || !Object.hasOwn(modelSpecs, kind)) {
    throw new GrokError(
      "INVALID_CONFIG",
      `unknown model kind ${JSON.stringify(kind)} (have: ${Object.keys(modelSpecs).join(", ")})`,
    );
  }
  return modelSpecs[kind as ModelKind] as unknown as ModelSpec<ModelConfig>;
}
