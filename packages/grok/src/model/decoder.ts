import type { Tensor } from "../backends/backend.js";
import { GrokError } from "../errors.js";
import { boolean, checkKeys, integer, invalidConfig, isRecord, oneOf, show } from "../validation.js";
import {
  type Batch,
  type Model,
  type ModelContext,
  makeParam,
  normal,
  type Param,
  type SequenceInput,
  uniformFanIn,
  type VectorSequenceInput,
} from "./model.js";
import {
  type AttentionBuffers,
  type AttentionParams,
  selfAttention,
  selfAttentionBackward,
} from "./self-attention.js";
import type { ModelSpec } from "./spec.js";
import { transformerLimits } from "./transformer.js";

/**
 * A decoder-only (GPT-style) transformer over token sequences: learned token and position
 * embeddings, pre-LayerNorm blocks of causal multi-head attention and a GELU MLP, a final
 * LayerNorm, and a tied or untied unembedding; logits at every position.
 */
export interface DecoderConfig {
  kind: "decoder";
  /** Blocks (1 … 64). */
  layers: number;
  /** Residual stream width (≤ 4096). */
  dModel: number;
  /** Attention heads (must divide dModel; ≤ 64). */
  heads: number;
  /** Hidden units of each block's GELU MLP (≤ 16384). */
  dMlp: number;
  /** Unembed with the token embedding's transpose (true) or a separate matrix (false, default). */
  tiedEmbeddings: boolean;
  /**
   * What the decoder reads and writes: `{ kind: "tokens" }` (default): token embedding in, logits
   * over the vocabulary out; `{ kind: "vectors", dims, outputs }`: Garg et al. (2022)'s linear
   * read-in of `dims`-wide vectors in place of the token embedding and a linear read-out to
   * `outputs` real values per position, trained by a masked squared error
   * ({@link vectorDecoder}; `train()` reads token tasks only). Absent: tokens.
   */
  input?: DecoderInput;
}

/** What a decoder reads: tokens, or continuous vectors through a linear read-in (see {@link DecoderConfig.input}). */
export type DecoderInput = { kind: "tokens" } | { kind: "vectors"; dims: number; outputs: number };

/** Upper bound on a vector decoder's input and output widths. */
export const vectorLimits = { dims: 4096, outputs: 4096 } as const;

/**
 * Defaults of the decoder: 2 layers, d_model 128, 4 heads, MLP 512, untied.
 *
 * @example
 * ```ts
 * resolveConfig({ model: { kind: "decoder" } }).model; // { kind: "decoder", layers: 2, dModel: 128, … }
 * ```
 */
export const defaultDecoder: Readonly<DecoderConfig> = Object.freeze({
  kind: "decoder",
  layers: 2,
  dModel: 128,
  heads: 4,
  dMlp: 512,
  tiedEmbeddings: false,
  input: Object.freeze({ kind: "tokens" }) as DecoderInput,
});

/** LayerNorm's ε (PyTorch's default). */
const LN_EPS = 1e-5;

interface Block extends AttentionParams {
  ln1g: Param;
  ln1b: Param;
  wo: Param;
  bo: Param;
  ln2g: Param;
  ln2b: Param;
  wIn: Param;
  bIn: Param;
  wOut: Param;
  bOut: Param;
}

interface BlockBuffers extends AttentionBuffers {
  /** Residual stream entering the block [n, d], after attention, and their LayerNorms. */
  x0: Tensor;
  ln1: Tensor;
  mean1: Tensor;
  rstd1: Tensor;
  x1: Tensor;
  ln2: Tensor;
  mean2: Tensor;
  rstd2: Tensor;
  pre: Tensor;
  post: Tensor;
}

/** Buffers of the blocks and the final LayerNorm, whatever reads in and out. */
interface TrunkBuffers {
  positions: Tensor;
  blocks: BlockBuffers[];
  /** Residual stream after the last block, its final LayerNorm. */
  xOut: Tensor;
  lnf: Tensor;
  meanf: Tensor;
  rstdf: Tensor;
  // gradient scratch
  dA: Tensor;
  dB: Tensor;
  dLn: Tensor;
  dz: Tensor;
  dq: Tensor;
  dk: Tensor;
  dv: Tensor;
  dPost: Tensor;
  dPre: Tensor;
  tmpMlp: Tensor;
}

interface DecoderBatch extends Batch, TrunkBuffers {
  tokens: Tensor;
}

/**
 * The part every decoder shares: position embedding, pre-LayerNorm blocks, final LayerNorm.
 * `forward` runs from the first block's input (`blocks[0].x0`, written by the read-in) to `lnf`;
 * `backward` from the gradient of `lnf` (in `dLn`) to that of the read-in's output (in `dA`).
 * The token decoder issues exactly the kernel calls of its former inline code, in the same order,
 * so its results are bit-identical (test/pinned-metrics.test.ts).
 */
function decoderTrunk(ctx: ModelContext, config: DecoderConfig, seq: number) {
  const { backend, k } = ctx;
  const { layers, dModel: d, heads, dMlp } = config;
  const sd = 0.02;
  const sdResidual = 0.02 / Math.sqrt(2 * layers);
  const one = () => 1;
  const zero = () => 0;
  const noDecay = { decay: false } as const;
  const wPos = makeParam(ctx, "W_pos", [seq, d], normal(sd));
  const blocks: Block[] = [];
  for (let l = 0; l < layers; l++) {
    const name = (x: string) => `L${l}.${x}`;
    blocks.push({
      ln1g: makeParam(ctx, name("ln1.g"), [d], one, noDecay),
      ln1b: makeParam(ctx, name("ln1.b"), [d], zero, noDecay),
      wq: makeParam(ctx, name("W_Q"), [d, d], normal(sd)),
      wk: makeParam(ctx, name("W_K"), [d, d], normal(sd)),
      wv: makeParam(ctx, name("W_V"), [d, d], normal(sd)),
      wo: makeParam(ctx, name("W_O"), [d, d], normal(sdResidual)),
      bo: makeParam(ctx, name("b_O"), [d], zero, noDecay),
      ln2g: makeParam(ctx, name("ln2.g"), [d], one, noDecay),
      ln2b: makeParam(ctx, name("ln2.b"), [d], zero, noDecay),
      wIn: makeParam(ctx, name("W_in"), [d, dMlp], normal(sd)),
      bIn: makeParam(ctx, name("b_in"), [dMlp], zero, noDecay),
      wOut: makeParam(ctx, name("W_out"), [dMlp, d], normal(sdResidual)),
      bOut: makeParam(ctx, name("b_out"), [d], zero, noDecay),
    });
  }
  const lnfg = makeParam(ctx, "lnf.g", [d], one, noDecay);
  const lnfb = makeParam(ctx, "lnf.b", [d], zero, noDecay);
  const blockParams = blocks.flatMap((b) => [
    b.ln1g,
    b.ln1b,
    b.wq,
    b.wk,
    b.wv,
    b.wo,
    b.bo,
    b.ln2g,
    b.ln2b,
    b.wIn,
    b.bIn,
    b.wOut,
    b.bOut,
  ]);

  return {
    wPos,
    /** Block and final-LayerNorm parameters, in the optimizer's order. */
    params: [...blockParams, lnfg, lnfb],
    buffers(rows: number): TrunkBuffers {
      const n = rows * seq;
      const t = (shape: number[]) => backend.tensor(shape);
      const positions = backend.tensor([n], "int32");
      backend.upload(
        positions,
        Int32Array.from({ length: n }, (_, i) => i % seq),
      );
      return {
        positions,
        blocks: Array.from({ length: layers }, () => ({
          x0: t([n, d]),
          ln1: t([n, d]),
          mean1: t([n]),
          rstd1: t([n]),
          q: t([n, d]),
          k: t([n, d]),
          v: t([n, d]),
          probs: t([rows, heads, seq, seq]),
          z: t([n, d]),
          x1: t([n, d]),
          ln2: t([n, d]),
          mean2: t([n]),
          rstd2: t([n]),
          pre: t([n, dMlp]),
          post: t([n, dMlp]),
        })),
        xOut: t([n, d]),
        lnf: t([n, d]),
        meanf: t([n]),
        rstdf: t([n]),
        dA: t([n, d]),
        dB: t([n, d]),
        dLn: t([n, d]),
        dz: t([n, d]),
        dq: t([n, d]),
        dk: t([n, d]),
        dv: t([n, d]),
        dPost: t([n, dMlp]),
        dPre: t([n, dMlp]),
        tmpMlp: t([n, dMlp]),
      };
    },
    forward(db: TrunkBuffers): void {
      blocks.forEach((p, l) => {
        const bb = db.blocks[l] as BlockBuffers;
        const out = l + 1 < layers ? (db.blocks[l + 1] as BlockBuffers).x0 : db.xOut;
        k.layerNorm({
          x: bb.x0,
          gain: p.ln1g.value,
          bias: p.ln1b.value,
          out: bb.ln1,
          mean: bb.mean1,
          rstd: bb.rstd1,
          eps: LN_EPS,
        });
        selfAttention(k, p, bb, bb.ln1, seq, heads);
        // x1 = x0 + b_O + z·W_O
        k.biasAdd({ x: bb.x0, bias: p.bo.value, out: bb.x1 });
        k.matMul({ a: bb.z, b: p.wo.value, out: bb.x1, accumulate: true });
        k.layerNorm({
          x: bb.x1,
          gain: p.ln2g.value,
          bias: p.ln2b.value,
          out: bb.ln2,
          mean: bb.mean2,
          rstd: bb.rstd2,
          eps: LN_EPS,
        });
        k.matMul({ a: bb.ln2, b: p.wIn.value, out: db.tmpMlp });
        k.biasAdd({ x: db.tmpMlp, bias: p.bIn.value, out: bb.pre });
        k.activation({ x: bb.pre, out: bb.post, kind: "gelu" });
        // out = x1 + b_out + gelu(pre)·W_out
        k.biasAdd({ x: bb.x1, bias: p.bOut.value, out });
        k.matMul({ a: bb.post, b: p.wOut.value, out, accumulate: true });
      });
      k.layerNorm({
        x: db.xOut,
        gain: lnfg.value,
        bias: lnfb.value,
        out: db.lnf,
        mean: db.meanf,
        rstd: db.rstdf,
        eps: LN_EPS,
      });
    },
    backward(db: TrunkBuffers): void {
      // dA: gradient of the residual stream leaving the current block
      k.layerNormBackward({
        x: db.xOut,
        gain: lnfg.value,
        mean: db.meanf,
        rstd: db.rstdf,
        dOut: db.dLn,
        dx: db.dA,
        dGain: lnfg.grad,
        dBias: lnfb.grad,
      });
      for (let l = layers - 1; l >= 0; l--) {
        const p = blocks[l] as Block;
        const bb = db.blocks[l] as BlockBuffers;
        // MLP: out = x1 + b_out + gelu(LN2(x1)·W_in + b_in)·W_out
        k.matMul({ a: bb.post, b: db.dA, out: p.wOut.grad, transposeA: true });
        k.sumRows({ dy: db.dA, out: p.bOut.grad });
        k.matMul({ a: db.dA, b: p.wOut.value, out: db.dPost, transposeB: true });
        k.activationBackward({ x: bb.pre, dy: db.dPost, dx: db.dPre, kind: "gelu" });
        k.matMul({ a: bb.ln2, b: db.dPre, out: p.wIn.grad, transposeA: true });
        k.sumRows({ dy: db.dPre, out: p.bIn.grad });
        k.matMul({ a: db.dPre, b: p.wIn.value, out: db.dLn, transposeB: true });
        k.copy({ x: db.dA, out: db.dB }); // dB = d x1
        k.layerNormBackward({
          x: bb.x1,
          gain: p.ln2g.value,
          mean: bb.mean2,
          rstd: bb.rstd2,
          dOut: db.dLn,
          dx: db.dB,
          dGain: p.ln2g.grad,
          dBias: p.ln2b.grad,
          accumulate: true,
        });
        // attention: x1 = x0 + b_O + attn(LN1(x0))·W_O
        k.matMul({ a: bb.z, b: db.dB, out: p.wo.grad, transposeA: true });
        k.sumRows({ dy: db.dB, out: p.bo.grad });
        k.matMul({ a: db.dB, b: p.wo.value, out: db.dz, transposeB: true });
        selfAttentionBackward(k, p, bb, db, {
          x: bb.ln1,
          dz: db.dz,
          dx: db.dLn,
          accumulate: false,
          seq,
          heads,
        });
        k.copy({ x: db.dB, out: db.dA }); // dA = d x0
        k.layerNormBackward({
          x: bb.x0,
          gain: p.ln1g.value,
          mean: bb.mean1,
          rstd: bb.rstd1,
          dOut: db.dLn,
          dx: db.dA,
          dGain: p.ln1g.grad,
          dBias: p.ln1b.grad,
          accumulate: true,
        });
      }
    },
  };
}

/**
 * Build the decoder for sequences of `seq` tokens over a vocabulary of `vocab`. Init: GPT-2's
 * N(0, 0.02) for embeddings and projections, N(0, 0.02/√(2·layers)) for the two projections
 * into the residual stream, LayerNorm gains 1, biases 0; LayerNorm parameters and biases are not
 * weight-decayed.
 *
 * @example
 * ```ts
 * const model = decoder(ctx, defaultDecoder, 15, 14);
 * const batch = model.batch(64);
 * ```
 */
export function decoder(
  ctx: ModelContext,
  config: DecoderConfig,
  vocab: number,
  seq: number,
): Model<SequenceInput> {
  if (config.input !== undefined && config.input.kind !== "tokens")
    invalidConfig(
      'decoder() reads tokens; a decoder with model.input.kind "vectors" is built by vectorDecoder()',
    );
  const { backend, k } = ctx;
  const { dModel: d, tiedEmbeddings } = config;
  const wE = makeParam(ctx, "W_E", [vocab, d], normal(0.02));
  const trunk = decoderTrunk(ctx, config, seq);
  const wU = tiedEmbeddings ? undefined : makeParam(ctx, "W_U", [d, vocab], normal(0.02));
  const params = [wE, trunk.wPos, ...trunk.params, ...(wU ? [wU] : [])];

  return {
    params,
    classes: vocab,
    batch(rows): DecoderBatch {
      const n = rows * seq;
      const t = (shape: number[]) => backend.tensor(shape);
      return {
        rows,
        targets: backend.tensor([n], "int32"),
        tokens: backend.tensor([n], "int32"),
        logits: t([n, vocab]),
        dLogits: t([n, vocab]),
        stats: t([2]),
        ...trunk.buffers(rows),
      };
    },
    load(batch, { tokens, targets }) {
      const db = batch as DecoderBatch;
      backend.upload(db.tokens, tokens);
      backend.upload(db.targets, targets);
    },
    forward(batch) {
      const db = batch as DecoderBatch;
      const first = db.blocks[0] as BlockBuffers;
      // read-in: token + position embeddings
      k.embeddingGather({ table: wE.value, indices: db.tokens, out: first.x0 });
      k.embeddingGather({ table: trunk.wPos.value, indices: db.positions, out: first.x0, accumulate: true });
      trunk.forward(db);
      if (wU) k.matMul({ a: db.lnf, b: wU.value, out: db.logits });
      else k.matMul({ a: db.lnf, b: wE.value, out: db.logits, transposeB: true });
    },
    backward(batch) {
      const db = batch as DecoderBatch;
      if (wU) {
        k.matMul({ a: db.lnf, b: db.dLogits, out: wU.grad, transposeA: true });
        k.matMul({ a: db.dLogits, b: wU.value, out: db.dLn, transposeB: true });
      } else {
        // tied: W_E's gradient starts with the unembedding's, the embedding scatter adds to it
        k.matMul({ a: db.dLogits, b: db.lnf, out: wE.grad, transposeA: true });
        k.matMul({ a: db.dLogits, b: wE.value, out: db.dLn });
      }
      trunk.backward(db);
      k.embeddingScatterAdd({ dOut: db.dA, indices: db.tokens, dTable: wE.grad, accumulate: !wU });
      k.embeddingScatterAdd({ dOut: db.dA, indices: db.positions, dTable: trunk.wPos.grad });
    },
    async embeddings() {
      return [(await backend.read(wE.value)) as Float32Array];
    },
  };
}

/**
 * A vector decoder's batch: `logits` holds the predictions [rows·seq, outputs], `targets` the
 * float32 targets and `mask` which of them carry loss (1) or not (0); `count` is the number of
 * loss-bearing elements of the loaded inputs (the denominator of the mean).
 */
export interface VectorBatch extends Batch {
  readonly vectors: Tensor;
  readonly mask: Tensor;
  /** Scratch for the read-out before its bias, [rows·seq, outputs]. */
  readonly readOut: Tensor;
  count: number;
}

/**
 * Build a decoder that reads continuous vectors (Garg et al. 2022, "What can transformers learn
 * in-context?", as their code dtsip/in-context-learning @ 3383371 `src/models.py` builds it; the
 * project's research brief wave2 §4 lists what was verified): each position's `dims`-wide vector goes
 * through a linear read-in (`_read_in`, weight and bias) in place of the token embedding, plus the
 * learned position embedding; the same pre-LayerNorm blocks and final LayerNorm as {@link decoder};
 * then a linear read-out (`_read_out`) to `outputs` real values per position. Loss: the masked
 * squared error of `applySquaredError` — a target of NaN is a position without loss (the token
 * path's −1), so a prompt x₁, [y₁, 0…], x₂, … is scored where a prediction is read (at the x
 * positions, as Garg et al.). Read-in and read-out are initialised as PyTorch's `nn.Linear`
 * (U(±1/√fanIn), biases too, which is what Garg et al.'s model gets), the trunk as the token decoder.
 *
 * @example
 * ```ts
 * const backend = await createBackend("cpu");
 * const ctx = { backend, k: kernels(backend), rng: randomSource(0) };
 * const config = decoderSpec.resolve({ layers: 1, dModel: 16, heads: 2, dMlp: 64, input: { kind: "vectors", dims: 5, outputs: 1 } });
 * const model = vectorDecoder(ctx, config, 22); // 11 (x, y) pairs
 * const batch = model.batch(8);
 * model.load(batch, { vectors: new Float32Array(8 * 22 * 5), targets: new Float32Array(8 * 22).fill(Number.NaN) });
 * model.forward(batch); // predictions in batch.logits
 * ```
 */
export function vectorDecoder(
  ctx: ModelContext,
  config: DecoderConfig,
  seq: number,
): Model<VectorSequenceInput> {
  const io = config.input;
  if (io?.kind !== "vectors")
    invalidConfig('vectorDecoder() needs model.input { kind: "vectors", dims, outputs }');
  const { backend, k } = ctx;
  const { dModel: d } = config;
  const { dims, outputs } = io;
  const noDecay = { decay: false } as const;
  const wRead = makeParam(ctx, "W_read_in", [dims, d], uniformFanIn(dims));
  const bRead = makeParam(ctx, "b_read_in", [d], uniformFanIn(dims), noDecay);
  const trunk = decoderTrunk(ctx, config, seq);
  const wOut = makeParam(ctx, "W_read_out", [d, outputs], uniformFanIn(d));
  const bOut = makeParam(ctx, "b_read_out", [outputs], uniformFanIn(d), noDecay);
  const params = [wRead, bRead, trunk.wPos, ...trunk.params, wOut, bOut];

  return {
    params,
    classes: outputs,
    batch(rows): VectorBatch & TrunkBuffers {
      const n = rows * seq;
      const t = (shape: number[]) => backend.tensor(shape);
      return {
        rows,
        vectors: t([n, dims]),
        targets: t([n, outputs]),
        mask: t([n, outputs]),
        logits: t([n, outputs]),
        dLogits: t([n, outputs]),
        readOut: t([n, outputs]),
        stats: t([2]),
        count: 0,
        ...trunk.buffers(rows),
      };
    },
    load(batch, { vectors, targets }) {
      const vb = batch as VectorBatch;
      const n = vb.rows * seq;
      if (vectors.length !== n * dims || targets.length !== n * outputs) {
        throw new GrokError(
          "SHAPE_MISMATCH",
          `vector decoder batch of ${vb.rows} × ${seq} positions needs ${n * dims} input values and ${n * outputs} targets, got ${vectors.length} and ${targets.length}`,
        );
      }
      const t = new Float32Array(targets.length);
      const m = new Float32Array(targets.length);
      let count = 0;
      for (let i = 0; i < targets.length; i++) {
        const v = targets[i] as number;
        if (Number.isNaN(v)) continue;
        t[i] = v;
        m[i] = 1;
        count++;
      }
      backend.upload(vb.vectors, vectors);
      backend.upload(vb.targets, t);
      backend.upload(vb.mask, m);
      vb.count = count;
    },
    forward(batch) {
      const db = batch as VectorBatch & TrunkBuffers;
      const first = db.blocks[0] as BlockBuffers;
      // read-in: x0 = vectors·W_read + b_read + W_pos[position] (dA is free scratch in forward)
      k.matMul({ a: db.vectors, b: wRead.value, out: db.dA });
      k.biasAdd({ x: db.dA, bias: bRead.value, out: first.x0 });
      k.embeddingGather({ table: trunk.wPos.value, indices: db.positions, out: first.x0, accumulate: true });
      trunk.forward(db);
      // read-out: predictions = LN_f(x)·W_out + b_out
      k.matMul({ a: db.lnf, b: wOut.value, out: db.readOut });
      k.biasAdd({ x: db.readOut, bias: bOut.value, out: db.logits });
    },
    backward(batch) {
      const db = batch as VectorBatch & TrunkBuffers;
      k.matMul({ a: db.lnf, b: db.dLogits, out: wOut.grad, transposeA: true });
      k.sumRows({ dy: db.dLogits, out: bOut.grad });
      k.matMul({ a: db.dLogits, b: wOut.value, out: db.dLn, transposeB: true });
      trunk.backward(db);
      k.matMul({ a: db.vectors, b: db.dA, out: wRead.grad, transposeA: true });
      k.sumRows({ dy: db.dA, out: bRead.grad });
      k.embeddingScatterAdd({ dOut: db.dA, indices: db.positions, dTable: trunk.wPos.grad });
    },
    async embeddings() {
      return [(await backend.read(wRead.value)) as Float32Array];
    },
  };
}

function resolveInput(value: unknown): DecoderInput {
  if (!isRecord(value)) invalidConfig(`model.input must be an object, got ${show(value)}`);
  const kind = oneOf("model.input.kind", value.kind, ["tokens", "vectors"] as const);
  if (kind === "tokens") {
    checkKeys("model.input", value, ["kind"]);
    return { kind };
  }
  checkKeys("model.input", value, ["kind", "dims", "outputs"]);
  return {
    kind,
    dims: integer("model.input.dims", value.dims, 1, vectorLimits.dims),
    outputs: integer("model.input.outputs", value.outputs ?? 1, 1, vectorLimits.outputs),
  };
}

/**
 * The decoder as a registry entry: reads token sequences of any `@emerge/tasks` family.
 *
 * @example
 * ```ts
 * decoderSpec.resolve({ layers: 4 }); // { kind: "decoder", layers: 4, dModel: 128, heads: 4, dMlp: 512, tiedEmbeddings: false }
 * decoderSpec.resolve({ input: { kind: "vectors", dims: 5 } }).input; // { kind: "vectors", dims: 5, outputs: 1 }
 * ```
 */
export const decoderSpec: ModelSpec<DecoderConfig, "sequence"> = {
  kind: "decoder",
  description:
    "decoder-only transformer: token + position embeddings, pre-LayerNorm causal attention + GELU MLP blocks",
  input: "sequence",
  defaults: defaultDecoder,
  resolve(input) {
    const t = { ...defaultDecoder, ...input };
    const L = transformerLimits;
    const config: DecoderConfig = {
      kind: "decoder",
      layers: integer("model.layers", t.layers, 1, L.layers),
      dModel: integer("model.dModel", t.dModel, 1, L.dModel),
      heads: integer("model.heads", t.heads, 1, L.heads),
      dMlp: integer("model.dMlp", t.dMlp, 1, L.dMlp),
      tiedEmbeddings: boolean("model.tiedEmbeddings", t.tiedEmbeddings),
    };
    // token input stays implicit, so a token decoder's resolved config (and every run directory
    // and checkpoint written before vectors existed) is unchanged
    const io = resolveInput(t.input);
    if (io.kind === "vectors") config.input = io;
    if (config.dModel % config.heads !== 0)
      invalidConfig(`model.heads (${config.heads}) must divide model.dModel (${config.dModel})`);
    if (config.input?.kind === "vectors" && config.tiedEmbeddings)
      invalidConfig(
        "model.tiedEmbeddings needs token input (a vector decoder has no token embedding to tie)",
      );
    return config;
  },
  build: (ctx, config, data) => decoder(ctx, config, data.vocab, data.seq),
  trainingDefaults: {
    batchSize: 64,
    steps: 5000,
    evalEvery: 250,
    optimizer: {
      lr: 1e-3,
      weightDecay: 0.1,
      beta2: 0.99,
      warmupSteps: 100,
      schedule: "cosine",
      minLr: 1e-4,
      clipGradNorm: 1,
    },
  },
};
