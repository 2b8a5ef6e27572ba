import type { RandomSource } from "@emerge/random";
import type { Backend, BoundKernels, Tensor } from "../backends/backend.js";

/** One trainable tensor and its gradient, both on the backend (the optimizer owns its moments). */
export interface Param {
  readonly name: string;
  readonly shape: readonly number[];
  readonly value: Tensor;
  readonly grad: Tensor;
  /** `false`: no weight decay (LayerNorm gains and biases of the decoder); default decayed. */
  readonly decay?: false;
}

/** A batch of (a, b) → target problems of a modular task (one row each). */
export interface PairInput {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly target: Int32Array;
}

/**
 * A batch of fixed-length token sequences: `tokens` [rows·seq] and `targets` [rows·seq], the
 * token each position should predict next, or −1 where no loss is taken (the prompt, padding).
 */
export interface SequenceInput {
  readonly tokens: Int32Array;
  readonly targets: Int32Array;
}

/**
 * A batch of fixed-length sequences of continuous vectors (a vector decoder's input): `vectors`
 * [rows·seq·dims] row-major, and `targets` [rows·seq·outputs], the value each position's read-out
 * should predict, or NaN where no loss is taken (the token path's −1).
 */
export interface VectorSequenceInput {
  readonly vectors: Float32Array;
  readonly targets: Float32Array;
}

/**
 * Preallocated device buffers for one batch size: inputs, activations, logits, loss stats.
 * Pair models have one logits row per example; sequence models one per token (rows·seq).
 */
export interface Batch {
  /** Examples (problems or sequences). */
  readonly rows: number;
  readonly targets: Tensor;
  readonly logits: Tensor;
  readonly dLogits: Tensor;
  /** [loss sum, correct count] of the last loss call. */
  readonly stats: Tensor;
}

/** A network the trainer can drive: forward, loss, backward into each Param's grad. */
export interface Model<I = PairInput> {
  readonly params: readonly Param[];
  /** Number of output classes. */
  readonly classes: number;
  /** Allocate buffers for batches of `rows` equations. */
  batch(rows: number): Batch;
  /** Upload a batch's inputs and targets (rows = batch.rows). */
  load(batch: Batch, input: I): void;
  /** Logits of the loaded inputs into `batch.logits`. */
  forward(batch: Batch): void;
  /** Gradients of the loss whose dLogits the trainer wrote, into every param's grad. */
  backward(batch: Batch): void;
  /** The token embedding matrices ([tokens, width] each, host copies) for Fourier progress measures. */
  embeddings(): Promise<Float32Array[]>;
  /** Release the batch's device buffers. */
  freeBatch?(batch: Batch): void;
}

/** Shared context of model constructors. */
export interface ModelContext {
  backend: Backend;
  k: BoundKernels;
  rng: RandomSource;
}

/**
 * Allocate a parameter and upload its seeded initial values (generated on the host as float32).
 *
 * @example
 * ```ts
 * const w = makeParam(ctx, "W_in", [d, dMlp], normal(0.02));
 * const gain = makeParam(ctx, "ln.g", [d], () => 1, { decay: false });
 * ```
 */
export function makeParam(
  ctx: ModelContext,
  name: string,
  shape: readonly number[],
  init: (rng: RandomSource) => number,
  options: { decay?: false } = {},
): Param {
  const { backend } = ctx;
  const rng = ctx.rng.fork(name);
  const size = shape.reduce((x, y) => x * y, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = init(rng);
  const value = backend.tensor(shape);
  backend.upload(value, data);
  return { name, shape, value, grad: backend.tensor(shape), ...options };
}

/** PyTorch nn.Linear's default init: U(−1/√fanIn, 1/√fanIn). */
export const uniformFanIn = (fanIn: number) => (rng: RandomSource) =>
  (rng.float() * 2 - 1) / Math.sqrt(fanIn);
/** N(0, sd²). */
export const normal = (sd: number) => (rng: RandomSource) => rng.normal(0, sd);
