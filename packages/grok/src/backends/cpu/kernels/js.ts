import type { KernelFunc, KernelName } from "../../backend.js";
import { adamwUpdate } from "./adamw.js";
import { attention, attentionBackward } from "./attention.js";
import {
  activation,
  activationBackward,
  add,
  biasAdd,
  copy,
  fill,
  sumRows,
  sumSquares,
} from "./elementwise.js";
import { embeddingGather, embeddingScatterAdd } from "./embedding.js";
import { matMulJs } from "./gemm.js";
import { layerNorm, layerNormBackward } from "./layer-norm.js";
import { mse, softmaxCrossEntropy } from "./losses.js";
import { squaredError } from "./squared-error.js";

/** The plain-JavaScript kernel table (the reference every faster kernel is tested against). */
export const jsKernels: { readonly [K in KernelName]: KernelFunc<K> } = {
  fill: (_, a) => fill(a),
  copy: (_, a) => copy(a),
  embeddingGather: (_, a) => embeddingGather(a),
  embeddingScatterAdd: (_, a) => embeddingScatterAdd(a),
  matMul: (b, a) => matMulJs(b, a),
  add: (_, a) => add(a),
  biasAdd: (_, a) => biasAdd(a),
  sumRows: (_, a) => sumRows(a),
  activation: (_, a) => activation(a),
  activationBackward: (_, a) => activationBackward(a),
  softmaxCrossEntropy: (_, a) => softmaxCrossEntropy(a),
  mse: (_, a) => mse(a),
  squaredError: (_, a) => squaredError(a),
  adamwUpdate: (_, a) => adamwUpdate(a),
  sumSquares: (_, a) => sumSquares(a),
  attention: (_, a) => attention(a),
  attentionBackward: (_, a) => attentionBackward(a),
  layerNorm: (_, a) => layerNorm(a),
  layerNormBackward: (_, a) => layerNormBackward(a),
};
