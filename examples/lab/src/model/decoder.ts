import type { RandomSource } from "@emerge/random";

/**
 * The lab's small decoder-only transformer (GPT-2 layout: learned token and position embeddings,
 * pre-LayerNorm blocks, causal multi-head attention, GELU MLP of width 4·d, final LayerNorm, untied
 * unembedding), in plain TypeScript with hand-written gradients, float64, one sequence at a time.
 *
 * WHY it is here and not in @emerge/grok: the lab needs a sequence model now, and @emerge/grok's
 * decoder (the "sequence models" issue) is being built in parallel. This one is deliberately minimal —
 * no kernels, no threads, no GPU — small enough to check by finite differences, and it is meant to be
 * replaced by @emerge/grok's decoder behind {@link DecoderSpec} once that lands.
 *
 * Two input modes: `tokens` (embedding lookup, next-token cross-entropy) and `vectors` (Garg et al.'s
 * linear read-in of real vectors, a linear read-out to one number, squared error).
 */
export interface DecoderSpec {
  readonly layers: number;
  readonly dModel: number;
  readonly heads: number;
  /** Longest sequence (positions). */
  readonly context: number;
  /** Token vocabulary (tokens mode) — or omit and give `inputDims` for vectors mode. */
  readonly vocab?: number;
  /** Width of the input vectors (vectors mode). */
  readonly inputDims?: number;
}

/** Documented bounds, checked before any allocation. */
export const DECODER_LIMITS = {
  layers: 8,
  dModel: 512,
  heads: 16,
  context: 512,
  vocab: 1024,
  inputDims: 256,
};

interface Slice {
  readonly offset: number;
  readonly size: number;
}

interface LayerSlices {
  ln1g: Slice;
  ln1b: Slice;
  wqkv: Slice;
  bqkv: Slice;
  wo: Slice;
  bo: Slice;
  ln2g: Slice;
  ln2b: Slice;
  w1: Slice;
  b1: Slice;
  w2: Slice;
  b2: Slice;
}

/** Parameter layout: every tensor is a slice of one flat vector (so the optimizer is one loop). */
export interface DecoderLayout {
  readonly spec: DecoderSpec;
  readonly mode: "tokens" | "vectors";
  readonly size: number;
  readonly embed: Slice; // vocab×d (tokens) or inputDims×d (vectors read-in)
  readonly embedBias: Slice; // d (vectors mode only; size 0 otherwise)
  readonly pos: Slice; // context×d
  readonly layers: readonly LayerSlices[];
  readonly lnfg: Slice;
  readonly lnfb: Slice;
  readonly out: Slice; // d×vocab (tokens) or d×1 (vectors read-out)
  readonly outBias: Slice; // vocab or 1
}

function check(name: keyof typeof DECODER_LIMITS, v: number | undefined, min = 1): void {
  const max = DECODER_LIMITS[name];
  if (v === undefined || !Number.isInteger(v) || v < min || v > max)
    throw new RangeError(`decoder ${name} must be an integer in [${min}, ${max}], got ${String(v)}`);
}

/**
 * Lay out a decoder's parameters (validating the spec).
 *
 * @example
 * ```ts
 * decoderLayout({ layers: 1, dModel: 16, heads: 2, context: 12, vocab: 18 }).size; // parameter count
 * ```
 */
export function decoderLayout(spec: DecoderSpec): DecoderLayout {
  check("layers", spec.layers);
  check("dModel", spec.dModel);
  check("heads", spec.heads);
  check("context", spec.context);
  if (spec.dModel % spec.heads !== 0)
    throw new RangeError(`decoder dModel (${spec.dModel}) must be a multiple of heads (${spec.heads})`);
  const mode = spec.vocab !== undefined ? "tokens" : "vectors";
  if (mode === "tokens") check("vocab", spec.vocab, 2);
  else check("inputDims", spec.inputDims);
  const d = spec.dModel;
  let offset = 0;
  const take = (size: number): Slice => {
    const s = { offset, size };
    offset += size;
    return s;
  };
  const inWidth = mode === "tokens" ? (spec.vocab as number) : (spec.inputDims as number);
  const embed = take(inWidth * d);
  const embedBias = take(mode === "vectors" ? d : 0);
  const pos = take(spec.context * d);
  const layers: LayerSlices[] = [];
  for (let l = 0; l < spec.layers; l++) {
    layers.push({
      ln1g: take(d),
      ln1b: take(d),
      wqkv: take(d * 3 * d),
      bqkv: take(3 * d),
      wo: take(d * d),
      bo: take(d),
      ln2g: take(d),
      ln2b: take(d),
      w1: take(d * 4 * d),
      b1: take(4 * d),
      w2: take(4 * d * d),
      b2: take(d),
    });
  }
  const lnfg = take(d);
  const lnfb = take(d);
  const outWidth = mode === "tokens" ? (spec.vocab as number) : 1;
  const out = take(d * outWidth);
  const outBias = take(outWidth);
  return { spec, mode, size: offset, embed, embedBias, pos, layers, lnfg, lnfb, out, outBias };
}

/** Parameters of the blocks and the final LayerNorm: all but embeddings, read-in and (un)embedding. */
export function nonEmbeddingParams(layout: DecoderLayout): number {
  return (
    layout.size -
    layout.embed.size -
    layout.embedBias.size -
    layout.pos.size -
    layout.out.size -
    layout.outBias.size
  );
}

/**
 * GPT-2 initialisation: weights N(0, 0.02²), the two residual projections scaled by 1/√(2·layers),
 * LayerNorm gains 1, biases 0.
 */
export function initDecoder(layout: DecoderLayout, rng: RandomSource): Float64Array {
  const theta = new Float64Array(layout.size);
  const normal = (s: Slice, sd: number) => {
    for (let i = 0; i < s.size; i++) theta[s.offset + i] = rng.normal(0, sd);
  };
  const ones = (s: Slice) => theta.fill(1, s.offset, s.offset + s.size);
  const residual = 0.02 / Math.sqrt(2 * layout.spec.layers);
  normal(layout.embed, 0.02);
  normal(layout.pos, 0.02);
  for (const l of layout.layers) {
    ones(l.ln1g);
    ones(l.ln2g);
    normal(l.wqkv, 0.02);
    normal(l.wo, residual);
    normal(l.w1, 0.02);
    normal(l.w2, residual);
  }
  ones(layout.lnfg);
  normal(layout.out, 0.02);
  return theta;
}

// ---- dense helpers on row-major matrices (views into the flat vectors) ----

/** out[n×m] = x[n×k] · W[k×m] + b */
function affine(
  x: Float64Array,
  n: number,
  k: number,
  theta: Float64Array,
  w: Slice,
  b: Slice,
  m: number,
): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let j = 0; j < m; j++) out[o + j] = b.size ? (theta[b.offset + j] as number) : 0;
    for (let p = 0; p < k; p++) {
      const xv = x[i * k + p] as number;
      if (xv === 0) continue;
      const wr = w.offset + p * m;
      for (let j = 0; j < m; j++) out[o + j] = (out[o + j] as number) + xv * (theta[wr + j] as number);
    }
  }
  return out;
}

/** Backward of {@link affine}: accumulates dW, db; returns dx. */
function affineBack(
  x: Float64Array,
  dout: Float64Array,
  n: number,
  k: number,
  theta: Float64Array,
  grad: Float64Array,
  w: Slice,
  b: Slice,
  m: number,
): Float64Array {
  const dx = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    if (b.size)
      for (let j = 0; j < m; j++)
        grad[b.offset + j] = (grad[b.offset + j] as number) + (dout[o + j] as number);
    for (let p = 0; p < k; p++) {
      const xv = x[i * k + p] as number;
      const wr = w.offset + p * m;
      let acc = 0;
      for (let j = 0; j < m; j++) {
        const g = dout[o + j] as number;
        acc += g * (theta[wr + j] as number);
        grad[wr + j] = (grad[wr + j] as number) + xv * g;
      }
      dx[i * k + p] = acc;
    }
  }
  return dx;
}

const LN_EPS = 1e-5;

function layerNorm(
  x: Float64Array,
  n: number,
  d: number,
  theta: Float64Array,
  g: Slice,
  b: Slice,
): { y: Float64Array; xhat: Float64Array; rstd: Float64Array } {
  const y = new Float64Array(n * d);
  const xhat = new Float64Array(n * d);
  const rstd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[i * d + j] as number;
    mean /= d;
    let v = 0;
    for (let j = 0; j < d; j++) v += ((x[i * d + j] as number) - mean) ** 2;
    const r = 1 / Math.sqrt(v / d + LN_EPS);
    rstd[i] = r;
    for (let j = 0; j < d; j++) {
      const h = ((x[i * d + j] as number) - mean) * r;
      xhat[i * d + j] = h;
      y[i * d + j] = h * (theta[g.offset + j] as number) + (theta[b.offset + j] as number);
    }
  }
  return { y, xhat, rstd };
}

function layerNormBack(
  dy: Float64Array,
  cache: { xhat: Float64Array; rstd: Float64Array },
  n: number,
  d: number,
  theta: Float64Array,
  grad: Float64Array,
  g: Slice,
  b: Slice,
): Float64Array {
  const dx = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let sumG = 0;
    let sumGx = 0;
    for (let j = 0; j < d; j++) {
      const dyv = dy[i * d + j] as number;
      const h = cache.xhat[i * d + j] as number;
      grad[g.offset + j] = (grad[g.offset + j] as number) + dyv * h;
      grad[b.offset + j] = (grad[b.offset + j] as number) + dyv;
      const dh = dyv * (theta[g.offset + j] as number);
      sumG += dh;
      sumGx += dh * h;
    }
    const r = cache.rstd[i] as number;
    for (let j = 0; j < d; j++) {
      const dh = (dy[i * d + j] as number) * (theta[g.offset + j] as number);
      const h = cache.xhat[i * d + j] as number;
      dx[i * d + j] = (r / d) * (d * dh - sumG - h * sumGx);
    }
  }
  return dx;
}

const GELU_C = Math.sqrt(2 / Math.PI);
function gelu(x: number): number {
  return 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x * x * x)));
}
function geluGrad(x: number): number {
  const u = GELU_C * (x + 0.044715 * x * x * x);
  const t = Math.tanh(u);
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x);
}

interface LayerCache {
  x: Float64Array;
  ln1: { y: Float64Array; xhat: Float64Array; rstd: Float64Array };
  qkv: Float64Array;
  probs: Float64Array; // heads × n × n
  att: Float64Array; // n × d (concatenated heads, before wo)
  x2: Float64Array;
  ln2: { y: Float64Array; xhat: Float64Array; rstd: Float64Array };
  h: Float64Array; // pre-GELU n × 4d
  a: Float64Array; // post-GELU
}

/** The forward pass of one sequence with what backward needs. */
export interface DecoderForward {
  readonly n: number;
  /** Final hidden states after the last LayerNorm (n × d). */
  readonly hidden: Float64Array;
  /** Logits n × vocab (tokens) or predictions n (vectors). */
  readonly output: Float64Array;
  /** @internal */
  readonly caches: LayerCache[];
  /** @internal */
  readonly lnf: { y: Float64Array; xhat: Float64Array; rstd: Float64Array };
  /** @internal */
  readonly preFinal: Float64Array;
  /** @internal */
  readonly input: Float64Array;
}

/**
 * Run one sequence: `tokens` (ids) in tokens mode, or `vectors` (n × inputDims, row-major) in vectors mode.
 */
export function decoderForward(
  layout: DecoderLayout,
  theta: Float64Array,
  input: { readonly tokens?: ArrayLike<number>; readonly vectors?: Float64Array; readonly n: number },
): DecoderForward {
  const { dModel: d, heads } = layout.spec;
  const n = input.n;
  if (n < 1 || n > layout.spec.context)
    throw new RangeError(`sequence length ${n} outside [1, ${layout.spec.context}]`);
  let x: Float64Array = new Float64Array(n * d);
  let inputVec: Float64Array;
  if (layout.mode === "tokens") {
    const tokens = input.tokens as ArrayLike<number>;
    inputVec = Float64Array.from({ length: n }, (_, i) => tokens[i] as number);
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as number;
      const e = layout.embed.offset + t * d;
      for (let j = 0; j < d; j++) x[i * d + j] = theta[e + j] as number;
    }
  } else {
    inputVec = input.vectors as Float64Array;
    x = affine(inputVec, n, layout.spec.inputDims as number, theta, layout.embed, layout.embedBias, d);
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++)
      x[i * d + j] = (x[i * d + j] as number) + (theta[layout.pos.offset + i * d + j] as number);
  const dh = d / heads;
  const scale = 1 / Math.sqrt(dh);
  const caches: LayerCache[] = [];
  for (const L of layout.layers) {
    const ln1 = layerNorm(x, n, d, theta, L.ln1g, L.ln1b);
    const qkv = affine(ln1.y, n, d, theta, L.wqkv, L.bqkv, 3 * d);
    const probs = new Float64Array(heads * n * n);
    const att = new Float64Array(n * d);
    for (let h = 0; h < heads; h++) {
      const qo = h * dh;
      const ko = d + h * dh;
      const vo = 2 * d + h * dh;
      for (let i = 0; i < n; i++) {
        const row = h * n * n + i * n;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let c = 0; c < dh; c++)
            s += (qkv[i * 3 * d + qo + c] as number) * (qkv[j * 3 * d + ko + c] as number);
          s *= scale;
          probs[row + j] = s;
          if (s > max) max = s;
        }
        let sum = 0;
        for (let j = 0; j <= i; j++) {
          const e = Math.exp((probs[row + j] as number) - max);
          probs[row + j] = e;
          sum += e;
        }
        for (let j = 0; j <= i; j++) probs[row + j] = (probs[row + j] as number) / sum;
        for (let j = 0; j <= i; j++) {
          const p = probs[row + j] as number;
          for (let c = 0; c < dh; c++)
            att[i * d + qo + c] = (att[i * d + qo + c] as number) + p * (qkv[j * 3 * d + vo + c] as number);
        }
      }
    }
    const proj = affine(att, n, d, theta, L.wo, L.bo, d);
    const x2 = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) x2[i] = (x[i] as number) + (proj[i] as number);
    const ln2 = layerNorm(x2, n, d, theta, L.ln2g, L.ln2b);
    const hpre = affine(ln2.y, n, d, theta, L.w1, L.b1, 4 * d);
    const a = hpre.map(gelu);
    const mlp = affine(a, n, 4 * d, theta, L.w2, L.b2, d);
    const x3 = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) x3[i] = (x2[i] as number) + (mlp[i] as number);
    caches.push({ x, ln1, qkv, probs, att, x2, ln2, h: hpre, a });
    x = x3;
  }
  const lnf = layerNorm(x, n, d, theta, layout.lnfg, layout.lnfb);
  const outWidth = layout.mode === "tokens" ? (layout.spec.vocab as number) : 1;
  const output = affine(lnf.y, n, d, theta, layout.out, layout.outBias, outWidth);
  return { n, hidden: lnf.y, output, caches, lnf, preFinal: x, input: inputVec };
}

/**
 * Backward pass: given d(loss)/d(output) for one sequence, accumulate the parameter gradient into `grad`.
 */
export function decoderBackward(
  layout: DecoderLayout,
  theta: Float64Array,
  fwd: DecoderForward,
  dOutput: Float64Array,
  grad: Float64Array,
): void {
  const { dModel: d, heads } = layout.spec;
  const n = fwd.n;
  const outWidth = layout.mode === "tokens" ? (layout.spec.vocab as number) : 1;
  const dlnf = affineBack(fwd.lnf.y, dOutput, n, d, theta, grad, layout.out, layout.outBias, outWidth);
  let dx = layerNormBack(dlnf, fwd.lnf, n, d, theta, grad, layout.lnfg, layout.lnfb);
  const dh = d / heads;
  const scale = 1 / Math.sqrt(dh);
  for (let l = layout.layers.length - 1; l >= 0; l--) {
    const L = layout.layers[l] as LayerSlices;
    const c = fwd.caches[l] as LayerCache;
    // x3 = x2 + mlp(ln2(x2))
    const da = affineBack(c.a, dx, n, 4 * d, theta, grad, L.w2, L.b2, d);
    const dhpre = new Float64Array(n * 4 * d);
    for (let i = 0; i < n * 4 * d; i++) dhpre[i] = (da[i] as number) * geluGrad(c.h[i] as number);
    const dln2 = affineBack(c.ln2.y, dhpre, n, d, theta, grad, L.w1, L.b1, 4 * d);
    const dx2 = layerNormBack(dln2, c.ln2, n, d, theta, grad, L.ln2g, L.ln2b);
    for (let i = 0; i < n * d; i++) dx2[i] = (dx2[i] as number) + (dx[i] as number);
    // x2 = x + wo(att(ln1(x)))
    const datt = affineBack(c.att, dx2, n, d, theta, grad, L.wo, L.bo, d);
    const dqkv = new Float64Array(n * 3 * d);
    const dp = new Float64Array(n);
    for (let h = 0; h < heads; h++) {
      const qo = h * dh;
      const ko = d + h * dh;
      const vo = 2 * d + h * dh;
      for (let i = 0; i < n; i++) {
        const row = h * n * n + i * n;
        // dP[j] = dO_i · v_j ; dV_j += P_ij dO_i
        let dot = 0;
        for (let j = 0; j <= i; j++) {
          let s = 0;
          const p = c.probs[row + j] as number;
          for (let cc = 0; cc < dh; cc++) {
            const g = datt[i * d + qo + cc] as number;
            s += g * (c.qkv[j * 3 * d + vo + cc] as number);
            dqkv[j * 3 * d + vo + cc] = (dqkv[j * 3 * d + vo + cc] as number) + p * g;
          }
          dp[j] = s;
          dot += s * p;
        }
        for (let j = 0; j <= i; j++) {
          const ds = (c.probs[row + j] as number) * ((dp[j] as number) - dot) * scale;
          if (ds === 0) continue;
          for (let cc = 0; cc < dh; cc++) {
            dqkv[i * 3 * d + qo + cc] =
              (dqkv[i * 3 * d + qo + cc] as number) + ds * (c.qkv[j * 3 * d + ko + cc] as number);
            dqkv[j * 3 * d + ko + cc] =
              (dqkv[j * 3 * d + ko + cc] as number) + ds * (c.qkv[i * 3 * d + qo + cc] as number);
          }
        }
      }
    }
    const dln1 = affineBack(c.ln1.y, dqkv, n, d, theta, grad, L.wqkv, L.bqkv, 3 * d);
    const dx1 = layerNormBack(dln1, c.ln1, n, d, theta, grad, L.ln1g, L.ln1b);
    for (let i = 0; i < n * d; i++) dx1[i] = (dx1[i] as number) + (dx2[i] as number);
    dx = dx1;
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++)
      grad[layout.pos.offset + i * d + j] =
        (grad[layout.pos.offset + i * d + j] as number) + (dx[i * d + j] as number);
  if (layout.mode === "tokens") {
    for (let i = 0; i < n; i++) {
      const e = layout.embed.offset + (fwd.input[i] as number) * d;
      for (let j = 0; j < d; j++) grad[e + j] = (grad[e + j] as number) + (dx[i * d + j] as number);
    }
  } else {
    affineBack(
      fwd.input,
      dx,
      n,
      layout.spec.inputDims as number,
      theta,
      grad,
      layout.embed,
      layout.embedBias,
      d,
    );
  }
}

/** Incremental decoding with cached keys and values: one new position per call, O(context) work. */
export interface DecoderStepper {
  /** Append a token (tokens mode) and return the logits at its position. */
  push(token: number): Float64Array;
  readonly length: number;
}

/**
 * Start incremental decoding (tokens mode): the same function as {@link decoderForward}, one position at
 * a time, for greedy generation without recomputing the prefix.
 *
 * @example
 * ```ts
 * const s = decoderStepper(layout, theta);
 * for (const t of prompt) logits = s.push(t);
 * ```
 */
export function decoderStepper(layout: DecoderLayout, theta: Float64Array): DecoderStepper {
  if (layout.mode !== "tokens") throw new RangeError("incremental decoding needs a tokens-mode decoder");
  const { dModel: d, heads, context } = layout.spec;
  const dh = d / heads;
  const scale = 1 / Math.sqrt(dh);
  const keys = layout.layers.map(() => new Float64Array(context * d));
  const values = layout.layers.map(() => new Float64Array(context * d));
  const scores = new Float64Array(context);
  let n = 0;
  return {
    get length() {
      return n;
    },
    push(token) {
      if (n >= context) throw new RangeError(`sequence longer than the context (${context})`);
      const i = n++;
      let x: Float64Array = new Float64Array(d);
      const e = layout.embed.offset + token * d;
      for (let j = 0; j < d; j++)
        x[j] = (theta[e + j] as number) + (theta[layout.pos.offset + i * d + j] as number);
      layout.layers.forEach((L, l) => {
        const K = keys[l] as Float64Array;
        const V = values[l] as Float64Array;
        const qkv = affine(layerNorm(x, 1, d, theta, L.ln1g, L.ln1b).y, 1, d, theta, L.wqkv, L.bqkv, 3 * d);
        for (let c = 0; c < d; c++) {
          K[i * d + c] = qkv[d + c] as number;
          V[i * d + c] = qkv[2 * d + c] as number;
        }
        const att = new Float64Array(d);
        for (let h = 0; h < heads; h++) {
          const o = h * dh;
          let max = Number.NEGATIVE_INFINITY;
          for (let j = 0; j <= i; j++) {
            let s = 0;
            for (let c = 0; c < dh; c++) s += (qkv[o + c] as number) * (K[j * d + o + c] as number);
            s *= scale;
            scores[j] = s;
            if (s > max) max = s;
          }
          let sum = 0;
          for (let j = 0; j <= i; j++) {
            const p = Math.exp((scores[j] as number) - max);
            scores[j] = p;
            sum += p;
          }
          for (let j = 0; j <= i; j++) {
            const p = (scores[j] as number) / sum;
            for (let c = 0; c < dh; c++)
              att[o + c] = (att[o + c] as number) + p * (V[j * d + o + c] as number);
          }
        }
        const proj = affine(att, 1, d, theta, L.wo, L.bo, d);
        const x2 = x.map((v, j) => v + (proj[j] as number));
        const a = affine(layerNorm(x2, 1, d, theta, L.ln2g, L.ln2b).y, 1, d, theta, L.w1, L.b1, 4 * d).map(
          gelu,
        );
        const mlp = affine(a, 1, 4 * d, theta, L.w2, L.b2, d);
        x = x2.map((v, j) => v + (mlp[j] as number));
      });
      const y = layerNorm(x, 1, d, theta, layout.lnfg, layout.lnfb).y;
      return affine(y, 1, d, theta, layout.out, layout.outBias, layout.spec.vocab as number);
    },
  };
}
