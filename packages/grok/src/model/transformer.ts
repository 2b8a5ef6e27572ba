import type { Tensor } from "../backends/backend.js";
import { integer, invalidConfig } from "../validation.js";
import { type Batch, type Model, type ModelContext, makeParam, normal, type Param } from "./model.js";
import {
  type AttentionBuffers,
  type AttentionParams,
  selfAttention,
  selfAttentionBackward,
} from "./self-attention.js";
import type { ModelSpec } from "./spec.js";

/** The transformer of Nanda et al. (2023): tokens `a b =`, no LayerNorm, logits at the last position. */
export interface TransformerConfig {
  kind: "transformer";
  /** Number of attention + MLP blocks (1 … 64). */
  layers: number;
  /** Residual stream width (≤ 4096). */
  dModel: number;
  /** Attention heads (must divide dModel; ≤ 64). */
  heads: number;
  /** Hidden units of each block's ReLU MLP (≤ 16384). */
  dMlp: number;
}

/** Defaults of the transformer (Nanda et al. 2023). */
export const defaultTransformer: Readonly<TransformerConfig> = Object.freeze({
  kind: "transformer",
  layers: 1,
  dModel: 128,
  heads: 4,
  dMlp: 512,
});

/** Largest sizes a transformer (or decoder) config may ask for. */
export const transformerLimits = { layers: 64, dModel: 4096, heads: 64, dMlp: 16_384 } as const;

/**
 * Nanda et al.'s transformer as a registry entry: reads (a, b) pairs as the tokens `a b =`;
 * Fourier measures over W_E, restricted loss on `add`.
 *
 * @example
 * ```ts
 * transformerSpec.resolve({ dModel: 64, heads: 2 }); // { kind: "transformer", layers: 1, dModel: 64, heads: 2, dMlp: 512 }
 * ```
 */
export const transformerSpec: ModelSpec<TransformerConfig, "pairs"> = {
  kind: "transformer",
  description: "Nanda et al.'s transformer: tokens `a b =`, attention + ReLU MLP blocks, no LayerNorm",
  input: "pairs",
  defaults: defaultTransformer,
  resolve(input) {
    const t = { ...defaultTransformer, ...input };
    const L = transformerLimits;
    const config: TransformerConfig = {
      kind: "transformer",
      layers: integer("model.layers", t.layers, 1, L.layers),
      dModel: integer("model.dModel", t.dModel, 1, L.dModel),
      heads: integer("model.heads", t.heads, 1, L.heads),
      dMlp: integer("model.dMlp", t.dMlp, 1, L.dMlp),
    };
    if (config.dModel % config.heads !== 0)
      invalidConfig(`model.heads (${config.heads}) must divide model.dModel (${config.dModel})`);
    return config;
  },
  build: (ctx, config, data) => transformer(ctx, config, data.vocab),
  progress: { embeddingWidth: (config) => config.dModel, restrictedLoss: true },
};

const SEQ = 3; // tokens: a, b, "="

interface Block extends AttentionParams {
  wo: Param;
  wIn: Param;
  bIn: Param;
  wOut: Param;
  bOut: Param;
}

/**
 * The last block at the last position, [rows, d]: its input x0, query q, attention output z and
 * their gradients.
 */
interface LastPosition {
  x0: Tensor;
  q: Tensor;
  z: Tensor;
  dq: Tensor;
  dz: Tensor;
}

/**
 * A block's activations. The logits read only the last position's residual stream, so the last
 * block's queries, W_O, MLP and their gradients run on that position's rows alone (`m` = rows,
 * where the other blocks have m = rows·3): the other positions' outputs of that block reach no
 * loss, and their gradients are exactly zero. Its attention still reads keys and values of every
 * position (the other positions' queries are zero rows, whose outputs are not read).
 */
interface BlockBuffers extends AttentionBuffers {
  /** Residual stream entering the block, [rows·3, d]. */
  x0: Tensor;
  /** The last block only. */
  last?: LastPosition;
  /** After attention, [m, d]; the MLP's input and output, [m, dMlp]. */
  x1: Tensor;
  pre: Tensor;
  post: Tensor;
  /** Scratch of m rows: forward, then gradients. */
  tmp: Tensor;
  tmpMlp: Tensor;
  dB: Tensor;
  dPost: Tensor;
  dPre: Tensor;
}

interface TransformerBatch extends Batch {
  tokens: Tensor;
  positions: Tensor;
  lastRows: Tensor;
  blocks: BlockBuffers[];
  /** Residual stream after the last block at the last position, [rows, d]. */
  xLast: Tensor;
  // gradient scratch
  dxLast: Tensor;
  /** d(residual stream) entering the block below, [rows·3, d]. */
  dA: Tensor;
  dz: Tensor;
  dq: Tensor;
  dk: Tensor;
  dv: Tensor;
}

/**
 * The one-layer (or deeper) transformer of Nanda et al. (2023): token + position embeddings,
 * causal multi-head attention and a ReLU MLP per block, residual connections, no LayerNorm,
 * unembedding at the last position. Init follows their code (N(0, 1/d) scales).
 */
export function transformer(ctx: ModelContext, config: TransformerConfig, vocab: number): Model {
  const { backend, k } = ctx;
  const { layers, dModel: d, heads, dMlp } = config;
  const sd = 1 / Math.sqrt(d);
  const wE = makeParam(ctx, "W_E", [vocab + 1, d], normal(sd));
  const wPos = makeParam(ctx, "W_pos", [SEQ, d], normal(sd));
  const blocks: Block[] = [];
  for (let l = 0; l < layers; l++) {
    blocks.push({
      wq: makeParam(ctx, `L${l}.W_Q`, [d, d], normal(sd)),
      wk: makeParam(ctx, `L${l}.W_K`, [d, d], normal(sd)),
      wv: makeParam(ctx, `L${l}.W_V`, [d, d], normal(sd)),
      wo: makeParam(ctx, `L${l}.W_O`, [d, d], normal(sd)),
      wIn: makeParam(ctx, `L${l}.W_in`, [d, dMlp], normal(sd)),
      bIn: makeParam(ctx, `L${l}.b_in`, [dMlp], () => 0),
      wOut: makeParam(ctx, `L${l}.W_out`, [dMlp, d], normal(1 / Math.sqrt(dMlp))),
      bOut: makeParam(ctx, `L${l}.b_out`, [d], () => 0),
    });
  }
  const wU = makeParam(ctx, "W_U", [d, vocab], normal(1 / Math.sqrt(vocab)));
  const params = [
    wE,
    wPos,
    ...blocks.flatMap((b) => [b.wq, b.wk, b.wv, b.wo, b.wIn, b.bIn, b.wOut, b.bOut]),
    wU,
  ];

  return {
    params,
    classes: vocab,
    batch(rows): TransformerBatch {
      const n = rows * SEQ;
      const t = (shape: number[]) => backend.tensor(shape);
      return {
        rows,
        targets: backend.tensor([rows], "int32"),
        tokens: backend.tensor([n], "int32"),
        positions: backend.tensor([n], "int32"),
        lastRows: backend.tensor([rows], "int32"),
        blocks: Array.from({ length: layers }, (_, l) => {
          const last = l === layers - 1;
          const m = last ? rows : n;
          return {
            x0: t([n, d]),
            ...(last
              ? {
                  last: {
                    x0: t([rows, d]),
                    q: t([rows, d]),
                    z: t([rows, d]),
                    dq: t([rows, d]),
                    dz: t([rows, d]),
                  },
                }
              : {}),
            q: t([n, d]),
            k: t([n, d]),
            v: t([n, d]),
            probs: t([rows, heads, SEQ, SEQ]),
            z: t([n, d]),
            x1: t([m, d]),
            pre: t([m, dMlp]),
            post: t([m, dMlp]),
            tmp: t([m, d]),
            tmpMlp: t([m, dMlp]),
            dB: t([m, d]),
            dPost: t([m, dMlp]),
            dPre: t([m, dMlp]),
          };
        }),
        xLast: t([rows, d]),
        logits: t([rows, vocab]),
        dLogits: t([rows, vocab]),
        stats: t([2]),
        dxLast: t([rows, d]),
        dA: t([n, d]),
        dz: t([n, d]),
        dq: t([n, d]),
        dk: t([n, d]),
        dv: t([n, d]),
      };
    },
    load(batch, { a, b, target }) {
      const tb = batch as TransformerBatch;
      const rows = tb.rows;
      const tokens = new Int32Array(rows * SEQ);
      const positions = new Int32Array(rows * SEQ);
      const last = new Int32Array(rows);
      for (let i = 0; i < rows; i++) {
        tokens[i * SEQ] = a[i] as number;
        tokens[i * SEQ + 1] = b[i] as number;
        tokens[i * SEQ + 2] = vocab; // "="
        positions[i * SEQ + 1] = 1;
        positions[i * SEQ + 2] = 2;
        last[i] = i * SEQ + 2;
      }
      backend.upload(tb.tokens, tokens);
      backend.upload(tb.positions, positions);
      backend.upload(tb.lastRows, last);
      backend.upload(tb.targets, target);
    },
    forward(batch) {
      const tb = batch as TransformerBatch;
      const first = tb.blocks[0] as BlockBuffers;
      k.embeddingGather({ table: wE.value, indices: tb.tokens, out: first.x0 });
      k.embeddingGather({ table: wPos.value, indices: tb.positions, out: first.x0, accumulate: true });
      blocks.forEach((p, l) => {
        const bb = tb.blocks[l] as BlockBuffers;
        const out = l + 1 < layers ? (tb.blocks[l + 1] as BlockBuffers).x0 : tb.xLast;
        let [x0, z] = [bb.x0, bb.z];
        const at = bb.last;
        if (at) {
          // the last block: queries and everything after attention at the last position only
          k.matMul({ a: bb.x0, b: p.wk.value, out: bb.k });
          k.matMul({ a: bb.x0, b: p.wv.value, out: bb.v });
          k.embeddingGather({ table: bb.x0, indices: tb.lastRows, out: at.x0 });
          k.matMul({ a: at.x0, b: p.wq.value, out: at.q });
          k.embeddingScatterAdd({ dOut: at.q, indices: tb.lastRows, dTable: bb.q }); // zero elsewhere
          k.attention({
            q: bb.q,
            k: bb.k,
            v: bb.v,
            probs: bb.probs,
            out: bb.z,
            seq: SEQ,
            heads,
            causal: true,
          });
          k.embeddingGather({ table: bb.z, indices: tb.lastRows, out: at.z });
          [x0, z] = [at.x0, at.z];
        } else selfAttention(k, p, bb, bb.x0, SEQ, heads);
        k.copy({ x: x0, out: bb.x1 });
        k.matMul({ a: z, b: p.wo.value, out: bb.x1, accumulate: true });
        k.matMul({ a: bb.x1, b: p.wIn.value, out: bb.tmpMlp });
        k.biasAdd({ x: bb.tmpMlp, bias: p.bIn.value, out: bb.pre });
        k.activation({ x: bb.pre, out: bb.post, kind: "relu" });
        k.matMul({ a: bb.post, b: p.wOut.value, out: bb.tmp });
        k.biasAdd({ x: bb.tmp, bias: p.bOut.value, out });
        k.add({ a: out, b: bb.x1, out: bb.tmp });
        k.copy({ x: bb.tmp, out });
      });
      k.matMul({ a: tb.xLast, b: wU.value, out: tb.logits });
    },
    backward(batch) {
      const tb = batch as TransformerBatch;
      k.matMul({ a: tb.xLast, b: tb.dLogits, out: wU.grad, transposeA: true });
      k.matMul({ a: tb.dLogits, b: wU.value, out: tb.dxLast, transposeB: true });
      for (let l = layers - 1; l >= 0; l--) {
        const p = blocks[l] as Block;
        const bb = tb.blocks[l] as BlockBuffers;
        // d(residual) leaving the block: at the last position for the last block, else everywhere
        const at = bb.last;
        const dOut = at ? tb.dxLast : tb.dA;
        // MLP: out = x1 + relu(x1·W_in + b_in)·W_out + b_out
        k.matMul({ a: bb.post, b: dOut, out: p.wOut.grad, transposeA: true });
        k.sumRows({ dy: dOut, out: p.bOut.grad });
        k.matMul({ a: dOut, b: p.wOut.value, out: bb.dPost, transposeB: true });
        k.activationBackward({ x: bb.pre, dy: bb.dPost, dx: bb.dPre, kind: "relu" });
        k.matMul({ a: bb.x1, b: bb.dPre, out: p.wIn.grad, transposeA: true });
        k.sumRows({ dy: bb.dPre, out: p.bIn.grad });
        k.copy({ x: dOut, out: bb.dB }); // dB = d x1
        k.matMul({ a: bb.dPre, b: p.wIn.value, out: bb.dB, transposeB: true, accumulate: true });
        // attention: x1 = x0 + attn(x0)·W_O
        if (at) {
          k.matMul({ a: at.z, b: bb.dB, out: p.wo.grad, transposeA: true });
          k.matMul({ a: bb.dB, b: p.wo.value, out: at.dz, transposeB: true });
          k.embeddingScatterAdd({ dOut: at.dz, indices: tb.lastRows, dTable: tb.dz }); // zero elsewhere
          const { q, k: kk, v, probs } = bb;
          k.attentionBackward({
            q,
            k: kk,
            v,
            probs,
            dOut: tb.dz,
            dq: tb.dq,
            dk: tb.dk,
            dv: tb.dv,
            seq: SEQ,
            heads,
          });
          k.embeddingGather({ table: tb.dq, indices: tb.lastRows, out: at.dq }); // dq is 0 elsewhere
          k.matMul({ a: at.x0, b: at.dq, out: p.wq.grad, transposeA: true });
          k.matMul({ a: bb.x0, b: tb.dk, out: p.wk.grad, transposeA: true });
          k.matMul({ a: bb.x0, b: tb.dv, out: p.wv.grad, transposeA: true });
          // d x0 = residual + query path at the last position, + key and value paths everywhere
          k.matMul({ a: at.dq, b: p.wq.value, out: bb.dB, transposeB: true, accumulate: true });
          k.embeddingScatterAdd({ dOut: bb.dB, indices: tb.lastRows, dTable: tb.dA });
          k.matMul({ a: tb.dk, b: p.wk.value, out: tb.dA, transposeB: true, accumulate: true });
          k.matMul({ a: tb.dv, b: p.wv.value, out: tb.dA, transposeB: true, accumulate: true });
          continue;
        }
        k.matMul({ a: bb.z, b: bb.dB, out: p.wo.grad, transposeA: true });
        k.matMul({ a: bb.dB, b: p.wo.value, out: tb.dz, transposeB: true });
        k.copy({ x: bb.dB, out: tb.dA }); // dA = d x0: the residual path, plus attention's below
        selfAttentionBackward(k, p, bb, tb, {
          x: bb.x0,
          dz: tb.dz,
          dx: tb.dA,
          accumulate: true,
          seq: SEQ,
          heads,
        });
      }
      k.embeddingScatterAdd({ dOut: tb.dA, indices: tb.tokens, dTable: wE.grad });
      k.embeddingScatterAdd({ dOut: tb.dA, indices: tb.positions, dTable: wPos.grad });
    },
    async embeddings() {
      const w = (await backend.read(wE.value)) as Float32Array;
      return [w.slice(0, vocab * d)];
    },
  };
}
