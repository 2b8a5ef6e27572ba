import { type KernelFunc, type KernelName, registerKernels } from "../../backend.js";
import { activation, activationBackward } from "./activation.js";
import { adamwUpdate } from "./adamw-update.js";
import { attention, attentionBackward } from "./attention.js";
import { copy } from "./copy.js";
import { add, biasAdd } from "./elementwise.js";
import { embeddingGather, embeddingScatterAdd } from "./embedding.js";
import { fill } from "./fill.js";
import { layerNorm, layerNormBackward } from "./layer-norm.js";
import { mse, softmaxCrossEntropy } from "./losses.js";
import { matMul } from "./mat-mul.js";
import { sumRows, sumSquares } from "./reductions.js";
import { squaredError } from "./squared-error.js";

/** Every named kernel of the seam, written as gpu.js programs. */
export const gpuKernels: { readonly [K in KernelName]: KernelFunc<K> } = {
  fill,
  copy,
  embeddingGather,
  embeddingScatterAdd,
  matMul,
  add,
  biasAdd,
  sumRows,
  activation,
  activationBackward,
  softmaxCrossEntropy,
  mse,
  squaredError,
  adamwUpdate,
  sumSquares,
  attention,
  attentionBackward,
  layerNorm,
  layerNormBackward,
};

let registered = false;

/** Register {@link gpuKernels} under the backend name "gpu" (idempotent). */
export function registerGpuKernels(): void {
  if (registered) return;
  registerKernels("gpu", gpuKernels);
  registered = true;
}
