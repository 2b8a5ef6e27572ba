import type { RandomSource } from "@emerge/random";
import type { Backend, BoundKernels, Tensor } from "../backends/backend.js";

/** One trainable tensor with its gradient and AdamW moments, all on the backend. */
export interface Param {
  readonly name: string;
  readonly shape: readonly number[];
  readonly value: Tensor;
  readonly grad: Tensor;
  readonly m: Tensor;
  readonly v: Tensor;
}

/** Preallocated device buffers for one batch size: inputs, activations, logits, loss stats. */
export interface Batch {
  readonly rows: number;
  readonly targets: Tensor;
  readonly logits: Tensor;
  readonly dLogits: Tensor;
  /** [loss sum, correct count] of the last loss call. */
  readonly stats: Tensor;
}

/** A network the trainer can drive: forward, loss, backward into each Param's grad. */
export interface Model {
  readonly params: readonly Param[];
  /** Number of output classes. */
  readonly classes: number;
  /** Allocate buffers for batches of `rows` equations. */
  batch(rows: number): Batch;
  /** Upload equations (a, b, target) into a batch (lengths = batch.rows). */
  load(batch: Batch, a: Int32Array, b: Int32Array, target: Int32Array): void;
  /** Logits of the loaded equations into `batch.logits`. */
  forward(batch: Batch): void;
  /** Gradients of the loss whose dLogits the trainer wrote, into every param's grad. */
  backward(batch: Batch): void;
  /** The token embedding matrices ([tokens, width] each, host copies) for Fourier progress measures. */
  embeddings(): Promise<Float32Array[]>;
}

/** Shared context of model constructors. */
export interface ModelContext {
  backend: Backend;
  k: BoundKernels;
  rng: RandomSource;
}

/** Allocate a parameter and upload its seeded initial values (generated on the host as float32). */
export function makeParam(
  ctx: ModelContext,
  name: string,
  shape: readonly number[],
  init: (rng: RandomSource) => number,
): Param {
  const { backend } = ctx;
  const rng = ctx.rng.fork(name);
  const size = shape.reduce((x, y) => x * y, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = init(rng);
  const value = backend.tensor(shape);
  backend.upload(value, data);
  return {
    name,
    shape,
    value,
    grad: backend.tensor(shape),
    m: backend.tensor(shape),
    v: backend.tensor(shape),
  };
}

/** PyTorch nn.Linear's default init: U(−1/√fanIn, 1/√fanIn). */
export const uniformFanIn = (fanIn: number) => (rng: RandomSource) =>
  (rng.float() * 2 - 1) / Math.sqrt(fanIn);
/** N(0, sd²). */
export const normal = (sd: number) => (rng: RandomSource) => rng.normal(0, sd);
