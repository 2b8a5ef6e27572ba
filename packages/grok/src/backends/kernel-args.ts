/** Argument records of the named kernels: the signatures every backend implements. */
import type { Tensor } from "./contract.js";

/** The pointwise nonlinearities the MLP and transformer use. */
export type Activation = "quadratic" | "relu" | "gelu";

/**
 * The matrix activation(Σ_j table[indices[n·bag + j], :]) ([N, D], N = indices.size / bag) as a
 * matMul operand: backends that can form its rows while packing never store it; the others
 * gather it into a temporary ({@link matMulOnGatheredRows}).
 */
export interface BagRows {
  readonly table: Tensor;
  readonly indices: Tensor;
  readonly bag: number;
  readonly activation?: Activation;
}

/** Whether a matMul operand is {@link BagRows} rather than a tensor. */
export function isBagRows(a: Tensor | BagRows): a is BagRows {
  return "table" in a && "indices" in a;
}

/**
 * Argument records of every named kernel. Keys are the kernel names backends register.
 * Shapes use N rows (samples or tokens), D/K columns.
 */
export interface KernelArgs {
  /** out[i] = value for every element. */
  fill: { out: Tensor; value: number };
  /** out = x (same size). */
  copy: { x: Tensor; out: Tensor };
  /**
   * Row gather (layer 1 of the MLP, token/position embeddings, last-position readout), as an
   * embedding bag: out[n, :] (+)= Σ_j table[indices[n·bag + j], :] for j in [0, bag), summed in j
   * order. table [V, D], indices int32 [N·bag], out [N, D]; bag defaults to 1 (a plain gather).
   * The MLP's layer 1 is one bag of 2 (rows a and vocab + b): one pass over out instead of two.
   * With `activation`, also writes activation(out) into `activation.out` ([N, D]), exactly as the
   * `activation` kernel would, in the same pass; `out` may then be left out (the summed rows are
   * not kept: {@link KernelArgs.embeddingScatterAdd} can recompute them from the table).
   * Indices outside [0, V) are a caller bug (backends may throw or clamp).
   */
  embeddingGather: {
    table: Tensor;
    indices: Tensor;
    /** Required unless `activation` is given. */
    out?: Tensor;
    accumulate?: boolean;
    bag?: number;
    activation?: { kind: Activation; out: Tensor };
  };
  /**
   * Backward of the gather: dTable[indices[n·bag + j], :] += dOut[n, :] for n, then j, in order
   * (deterministic); without `accumulate`, dTable is zeroed first. dOut [N, D],
   * indices int32 [N·bag], dTable [V, D]; bag defaults to 1.
   * With `activation`, dOut is the gradient with respect to activation(x), x [N, D] the gathered
   * rows: either given (`x`) or recomputed from `table` as the bags of the same indices (the
   * forward's table; nothing of size [N, D] is read but dOut). The rows scattered are those
   * `activationBackward` would give, without storing them.
   */
  embeddingScatterAdd: {
    dOut: Tensor;
    indices: Tensor;
    dTable: Tensor;
    accumulate?: boolean;
    bag?: number;
    activation?:
      | { kind: Activation; x: Tensor; table?: never }
      | { kind: Activation; table: Tensor; x?: never };
  };
  /**
   * out (+)= op(a) · op(b), op = transpose when the flag is set. a [M, K] (or [K, M] with
   * transposeA), b [K, N] (or [N, K] with transposeB), out [M, N]. `a` may be the rows of an
   * embedding bag ({@link BagRows}): the MLP's hidden layer enters its matMuls without being stored.
   */
  matMul: {
    a: Tensor | BagRows;
    b: Tensor;
    out: Tensor;
    transposeA?: boolean;
    transposeB?: boolean;
    accumulate?: boolean;
  };
  /** out = a + b elementwise (same size). */
  add: { a: Tensor; b: Tensor; out: Tensor };
  /** out[n, :] = x[n, :] + bias (x [N, D], bias [D]). */
  biasAdd: { x: Tensor; bias: Tensor; out: Tensor };
  /** Bias gradient: out[d] (+)= Σ_n dy[n, d]. dy [N, D], out [D]. */
  sumRows: { dy: Tensor; out: Tensor; accumulate?: boolean };
  /** out = f(x) elementwise. */
  activation: { x: Tensor; out: Tensor; kind: Activation };
  /** dx = dy · f'(x) elementwise, x the PRE-activation input. */
  activationBackward: { x: Tensor; dy: Tensor; dx: Tensor; kind: Activation };
  /**
   * Softmax cross-entropy against integer targets. logits [N, C], targets int32 [N]; a target of
   * −1 marks a row without loss (a sequence's prompt or padding): it adds nothing to either stat
   * and its dLogits row is zero.
   * stats [2] ← [Σ_n −log softmax(logits_n)[t_n], #{n : argmax(logits_n) = t_n}] (argmax ties → lowest
   * index). If dLogits [N, C] is given: dLogits = scale · (softmax(logits) − onehot(targets)).
   */
  softmaxCrossEntropy: { logits: Tensor; targets: Tensor; stats: Tensor; dLogits?: Tensor; scale?: number };
  /**
   * Squared error against one-hot targets. stats [2] ← [Σ_n Σ_c (logits − onehot)², correct count];
   * if dLogits is given: dLogits = scale · 2 · (logits − onehot). Use scale = 1/(N·C) for PyTorch's
   * `MSELoss(reduction="mean")`.
   */
  mse: { logits: Tensor; targets: Tensor; stats: Tensor; dLogits?: Tensor; scale?: number };
  /**
   * Masked squared error against real-valued targets (the regression head of a vector decoder,
   * Garg et al. 2022). predictions, targets and mask are float32 [N, C]; an element whose mask is 0
   * adds nothing (a position without loss: the token path's −1); mask values are 0 or 1.
   * stats [2] ← [Σ mask · (predictions − targets)², Σ mask]. If dPredictions [N, C] is given:
   * dPredictions = scale · 2 · mask · (predictions − targets) (scale = 1/Σ mask for the mean).
   */
  squaredError: {
    predictions: Tensor;
    targets: Tensor;
    mask: Tensor;
    stats: Tensor;
    dPredictions?: Tensor;
    scale?: number;
  };
  /**
   * AdamW step, IN PLACE on param, m, v (PyTorch semantics, `step` is 1-based):
   *   param ← param · (1 − lr·weightDecay)
   *   m ← β1·m + (1−β1)·g ;  v ← β2·v + (1−β2)·g²
   *   param ← param − lr · (m / (1−β1^step)) / (√(v / (1−β2^step)) + eps)
   * with g = gradScale · grad (gradScale defaults to 1: gradient-norm clipping passes
   * min(1, maxNorm / ‖grad‖) here instead of rewriting the gradients).
   */
  adamwUpdate: {
    param: Tensor;
    grad: Tensor;
    m: Tensor;
    v: Tensor;
    lr: number;
    beta1: number;
    beta2: number;
    eps: number;
    weightDecay: number;
    step: number;
    gradScale?: number;
  };
  /** out[0] (+)= Σ x² (out has size 1): the squared weight norm. */
  sumSquares: { x: Tensor; out: Tensor; accumulate?: boolean };
  /**
   * Multi-head self-attention core for sequences of length `seq` (rows n·seq … n·seq+seq−1 form
   * sequence n). q, k, v, out [N·seq, heads·dh]; probs [N, heads, seq, seq] receives the attention
   * pattern softmax(q·kᵀ/√dh) (causal mask when `causal`); out = probs · v per head.
   */
  attention: {
    q: Tensor;
    k: Tensor;
    v: Tensor;
    probs: Tensor;
    out: Tensor;
    seq: number;
    heads: number;
    causal: boolean;
  };
  /**
   * LayerNorm over the last dimension: for each row n of x [N, D],
   * out[n, :] = (x[n, :] − μ_n) · ρ_n · gain + bias with μ_n the row mean, ρ_n = 1/√(σ²_n + eps)
   * (σ² the biased variance, as PyTorch's `nn.LayerNorm`). Saves μ into `mean` [N] and ρ into
   * `rstd` [N] for the backward.
   */
  layerNorm: {
    x: Tensor;
    gain: Tensor;
    bias: Tensor;
    out: Tensor;
    mean: Tensor;
    rstd: Tensor;
    eps: number;
  };
  /**
   * Backward of {@link KernelArgs.layerNorm} from the saved mean and rstd: with x̂ = (x − μ)·ρ and
   * g = dOut · gain, dx = ρ · (g − mean(g) − x̂ · mean(g · x̂)) per row; dGain (+)= Σ_n dOut · x̂,
   * dBias = Σ_n dOut (summed in row order, deterministic). `accumulate` applies to dx only
   * (dx += is how a residual branch adds its gradient; gain and bias are used once, so their
   * gradients are always written).
   */
  layerNormBackward: {
    x: Tensor;
    gain: Tensor;
    mean: Tensor;
    rstd: Tensor;
    dOut: Tensor;
    dx: Tensor;
    dGain: Tensor;
    dBias: Tensor;
    accumulate?: boolean;
  };
  /** Backward of {@link KernelArgs.attention}: writes dq, dk, dv from dOut and the saved probs. */
  attentionBackward: {
    q: Tensor;
    k: Tensor;
    v: Tensor;
    probs: Tensor;
    dOut: Tensor;
    dq: Tensor;
    dk: Tensor;
    dv: Tensor;
    seq: number;
    heads: number;
  };
}

/** Every kernel name. */
export type KernelName = keyof KernelArgs;

/** All kernel names, in a stable order (for registries and the conformance suite). */
export const kernelNames: readonly KernelName[] = [
  "fill",
  "copy",
  "embeddingGather",
  "embeddingScatterAdd",
  "matMul",
  "add",
  "biasAdd",
  "sumRows",
  "activation",
  "activationBackward",
  "softmaxCrossEntropy",
  "mse",
  "squaredError",
  "adamwUpdate",
  "sumSquares",
  "attention",
  "attentionBackward",
  "layerNorm",
  "layerNormBackward",
];
