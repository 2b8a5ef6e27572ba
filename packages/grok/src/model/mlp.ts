import type { Tensor } from "../backends/backend.js";
import { boolean, integer, oneOf } from "../validation.js";
import { type Batch, type Model, type ModelContext, makeParam, type Param, uniformFanIn } from "./model.js";
import type { ModelSpec } from "./spec.js";

/** Gromov's MLP: one-hot(a) ++ one-hot(b) → `depth` hidden layers of `width` units → logits. */
export interface MlpConfig {
  kind: "mlp";
  /** Hidden units per layer (≤ 16384). */
  width: number;
  /** Number of hidden layers (1 … 64). */
  depth: number;
  /** Hidden nonlinearity. */
  activation: "quadratic" | "relu" | "gelu";
  /** Whether linear layers have biases. */
  bias: boolean;
}

/** Defaults of the MLP model (Gromov 2023). */
export const defaultMlp: Readonly<MlpConfig> = Object.freeze({
  kind: "mlp",
  width: 512,
  depth: 1,
  activation: "quadratic",
  bias: false,
});

/** Largest hidden width and depth a config may ask for. */
export const mlpLimits = { width: 16_384, depth: 64 } as const;

/**
 * Gromov's MLP as a registry entry: reads (a, b) pairs; Fourier measures over the rows of W1.
 *
 * @example
 * ```ts
 * mlpSpec.resolve({ width: 256 }); // { kind: "mlp", width: 256, depth: 1, activation: "quadratic", bias: false }
 * ```
 */
export const mlpSpec: ModelSpec<MlpConfig, "pairs"> = {
  kind: "mlp",
  description: "Gromov's MLP: one-hot(a) ++ one-hot(b) → depth × width hidden units → p logits",
  input: "pairs",
  defaults: defaultMlp,
  resolve(input) {
    const m = { ...defaultMlp, ...input };
    return {
      kind: "mlp",
      width: integer("model.width", m.width, 1, mlpLimits.width),
      depth: integer("model.depth", m.depth, 1, mlpLimits.depth),
      activation: oneOf("model.activation", m.activation, ["quadratic", "relu", "gelu"] as const),
      bias: boolean("model.bias", m.bias),
    };
  },
  build: (ctx, config, data) => mlp(ctx, config, data.vocab),
  progress: { embeddingWidth: (config) => config.width },
};

interface MlpBatch extends Batch {
  /** Layer-1 rows as bags of 2: a and vocab + b of each example, interleaved. */
  readonly pairIdx: Tensor;
  /** Pre-activations (after bias) and activations of each hidden layer. */
  readonly pre: Tensor[];
  readonly post: Tensor[];
  /** Gradient scratch: dPost and dPre of a hidden layer. */
  readonly dPost: Tensor;
  readonly dPre: Tensor;
  /** Scratch for the layer-1 sum before the bias. */
  readonly gathered: Tensor | undefined;
  /** Host scratch for the interleaved pairs. */
  readonly pairHost: Int32Array;
}

/**
 * Gromov's MLP: layer 1 is an embedding bag of rows a and vocab + b of W1 ([2·vocab, width]),
 * exactly one-hot(a) ++ one-hot(b) times W1 without the one-hot matmul.
 */
export function mlp(ctx: ModelContext, config: MlpConfig, vocab: number): Model {
  const { backend, k } = ctx;
  const { width, depth, activation, bias } = config;
  const weights: Param[] = [];
  const biases: (Param | undefined)[] = [];
  const params: Param[] = [];
  for (let l = 0; l <= depth; l++) {
    const fanIn = l === 0 ? 2 * vocab : width;
    const out = l === depth ? vocab : width;
    const w = makeParam(ctx, `W${l}`, [fanIn, out], uniformFanIn(fanIn));
    weights.push(w);
    params.push(w);
    if (bias) {
      const b = makeParam(ctx, `b${l}`, [out], uniformFanIn(fanIn));
      biases.push(b);
      params.push(b);
    } else biases.push(undefined);
  }
  const W = (l: number) => weights[l] as Param;
  // One hidden layer without biases (Gromov's form, the default): the hidden layer is never stored.
  // Its rows act(W1[a] + W1[vocab + b]) are formed inside the two matMuls that read them, and the
  // scatter-add recomputes them for the activation's gradient.
  const fused = depth === 1 && !bias;
  const lastHidden = (mb: MlpBatch) =>
    fused ? { table: W(0).value, indices: mb.pairIdx, bag: 2, activation } : (mb.post[depth - 1] as Tensor);

  return {
    params,
    classes: vocab,
    batch(rows: number): MlpBatch {
      const t = (shape: number[], dtype: "float32" | "int32" = "float32") => backend.tensor(shape, dtype);
      return {
        rows,
        pairIdx: t([2 * rows], "int32"),
        targets: t([rows], "int32"),
        // layer 1 without a bias keeps no pre-activations (fused into the gather / scatter-add)
        pre: Array.from({ length: depth }, (_, l) => (l === 0 && !bias ? t([0]) : t([rows, width]))),
        post: Array.from({ length: depth }, () => (fused ? t([0]) : t([rows, width]))),
        dPost: t([rows, width]),
        dPre: depth === 1 && !bias ? t([0]) : t([rows, width]),
        gathered: bias ? t([rows, width]) : undefined,
        logits: t([rows, vocab]),
        dLogits: t([rows, vocab]),
        stats: t([2]),
        pairHost: new Int32Array(2 * rows),
      };
    },
    load(batch, { a, b, target }) {
      const mb = batch as MlpBatch;
      for (let i = 0; i < b.length; i++) {
        mb.pairHost[2 * i] = a[i] as number;
        mb.pairHost[2 * i + 1] = (b[i] as number) + vocab;
      }
      backend.upload(mb.pairIdx, mb.pairHost);
      backend.upload(mb.targets, target);
    },
    forward(batch) {
      const mb = batch as MlpBatch;
      for (let l = 0; l < depth && !fused; l++) {
        const pre = mb.pre[l] as Tensor;
        const b = biases[l];
        const dst = b ? (mb.gathered as Tensor) : pre;
        if (l === 0 && !b) {
          // layer 1 and its activation in one pass, post = act(W1[a] + W1[vocab + b]); the sum
          // itself is not kept: the backward recomputes it from W1
          k.embeddingGather({
            table: W(0).value,
            indices: mb.pairIdx,
            bag: 2,
            activation: { kind: activation, out: mb.post[0] as Tensor },
          });
          continue;
        }
        if (l === 0) k.embeddingGather({ table: W(0).value, indices: mb.pairIdx, out: dst, bag: 2 });
        else k.matMul({ a: mb.post[l - 1] as Tensor, b: W(l).value, out: dst });
        if (b) k.biasAdd({ x: dst, bias: b.value, out: pre });
        k.activation({ x: pre, out: mb.post[l] as Tensor, kind: activation });
      }
      const last = lastHidden(mb);
      const b = biases[depth];
      if (b) {
        k.matMul({ a: last, b: W(depth).value, out: mb.dLogits });
        k.biasAdd({ x: mb.dLogits, bias: b.value, out: mb.logits });
      } else k.matMul({ a: last, b: W(depth).value, out: mb.logits });
    },
    backward(batch) {
      const mb = batch as MlpBatch;
      const g = mb.dLogits;
      k.matMul({ a: lastHidden(mb), b: g, out: W(depth).grad, transposeA: true });
      const bOut = biases[depth];
      if (bOut) k.sumRows({ dy: g, out: bOut.grad });
      k.matMul({ a: g, b: W(depth).value, out: mb.dPost, transposeB: true });
      for (let l = depth - 1; l >= 0; l--) {
        const b = biases[l];
        if (l === 0 && !b) {
          // the activation's gradient formed inside the scatter-add from W1's rows: neither the
          // pre-activations nor dPre are ever stored
          k.embeddingScatterAdd({
            dOut: mb.dPost,
            indices: mb.pairIdx,
            dTable: W(0).grad,
            bag: 2,
            activation: { kind: activation, table: W(0).value },
          });
          continue;
        }
        k.activationBackward({ x: mb.pre[l] as Tensor, dy: mb.dPost, dx: mb.dPre, kind: activation });
        if (b) k.sumRows({ dy: mb.dPre, out: b.grad });
        if (l === 0) {
          k.embeddingScatterAdd({ dOut: mb.dPre, indices: mb.pairIdx, dTable: W(0).grad, bag: 2 });
        } else {
          k.matMul({ a: mb.post[l - 1] as Tensor, b: mb.dPre, out: W(l).grad, transposeA: true });
          k.matMul({ a: mb.dPre, b: W(l).value, out: mb.dPost, transposeB: true });
        }
      }
    },
    async embeddings() {
      const w = (await backend.read(W(0).value)) as Float32Array;
      return [w.slice(0, vocab * width), w.slice(vocab * width)];
    },
  };
}
