import type { BoundKernels, Tensor } from "../backends/backend.js";
import type { Param } from "./model.js";

// The causal multi-head self-attention core that Nanda's transformer and the decoder share: the
// Q/K/V projections of a block's input, softmax attention, and their backward. What surrounds it
// differs per model (LayerNorm or none, b_O or none, how the input gradient joins the residual
// gradient), so W_O and the residual wiring stay in each model. Both models issue exactly these
// kernel calls in exactly this order, so the floating-point results are those of the inline code.

/** A block's query, key and value projections, each [d, d]. */
export interface AttentionParams {
  wq: Param;
  wk: Param;
  wv: Param;
}

/** A block's attention activations, kept from forward for backward. */
export interface AttentionBuffers {
  /** Projections of the block's input, [n, d]. */
  q: Tensor;
  k: Tensor;
  v: Tensor;
  /** Softmax weights, [rows, heads, seq, seq]. */
  probs: Tensor;
  /** Heads' outputs concatenated, [n, d] (before W_O). */
  z: Tensor;
}

/** Gradient scratch of {@link selfAttentionBackward}, each [n, d]. */
export interface AttentionGradScratch {
  dq: Tensor;
  dk: Tensor;
  dv: Tensor;
}

/** z = causal multi-head attention of (x·W_Q, x·W_K, x·W_V), over sequences of `seq` tokens. */
export function selfAttention(
  k: BoundKernels,
  p: AttentionParams,
  bb: AttentionBuffers,
  x: Tensor,
  seq: number,
  heads: number,
): void {
  k.matMul({ a: x, b: p.wq.value, out: bb.q });
  k.matMul({ a: x, b: p.wk.value, out: bb.k });
  k.matMul({ a: x, b: p.wv.value, out: bb.v });
  k.attention({ q: bb.q, k: bb.k, v: bb.v, probs: bb.probs, out: bb.z, seq, heads, causal: true });
}

/**
 * Backward of {@link selfAttention} from `dz` (the gradient of z): sets W_Q, W_K and W_V's
 * gradients and writes d x into `dx`, adding to what `dx` holds when `accumulate` (the residual
 * gradient already there), else overwriting it.
 */
export function selfAttentionBackward(
  k: BoundKernels,
  p: AttentionParams,
  bb: AttentionBuffers,
  scratch: AttentionGradScratch,
  args: { x: Tensor; dz: Tensor; dx: Tensor; accumulate: boolean; seq: number; heads: number },
): void {
  const { x, dz, dx, accumulate, seq, heads } = args;
  const { dq, dk, dv } = scratch;
  k.attentionBackward({ q: bb.q, k: bb.k, v: bb.v, probs: bb.probs, dOut: dz, dq, dk, dv, seq, heads });
  k.matMul({ a: x, b: dq, out: p.wq.grad, transposeA: true });
  k.matMul({ a: x, b: dk, out: p.wk.grad, transposeA: true });
  k.matMul({ a: x, b: dv, out: p.wv.grad, transposeA: true });
  k.matMul({ a: dq, b: p.wq.value, out: dx, transposeB: true, accumulate });
  k.matMul({ a: dk, b: p.wk.value, out: dx, transposeB: true, accumulate: true });
  k.matMul({ a: dv, b: p.wv.value, out: dx, transposeB: true, accumulate: true });
}
