/**
 * The contract every backend implements. The backend seam (TensorFlow.js style): model and optimiser code never touch numbers directly;
 * they allocate {@link Tensor} handles on a {@link Backend} and call NAMED KERNELS on them.
 *
 * CONTRACT FOR BACKEND AUTHORS (cpu = packages/grok/src/backends/cpu, gpu = .../backends/gpu)
 *
 * 1. Tensors are opaque handles made by `backend.tensor(shape, dtype)`, zero-filled, row-major.
 *    A backend may subclass/augment the handle with its own storage (Float32Array, texture, …) and
 *    may swap that storage behind the handle (e.g. ping-pong textures for in-place updates): callers
 *    only ever hold the handle. `dtype` is "float32" (all values) or "int32" (token ids, targets).
 * 2. `upload(t, data)` copies host data in (length must equal `t.size`); `read(t)` resolves to a
 *    fresh host copy (async, so GPU backends can download lazily). `flush()` resolves once all
 *    queued kernels have finished. `free(t)` releases one tensor, `dispose()` the whole backend.
 * 3. Kernels are registered per backend in the kernel registry (`registerKernel`) under the names
 *    of {@link KernelArgs}; `kernels(backend)` binds them into a typed object the model calls, e.g.
 *    `k.matMul({ a, b, out, transposeB: true })`. Every kernel is SYNCHRONOUS from the caller's view
 *    (it may enqueue device work), returns nothing and writes ONLY its output tensor(s).
 * 4. Aliasing: an output tensor never aliases an input of the same call, except where a kernel's
 *    doc says "in place" (adamwUpdate's param/m/v). `accumulate: true` means out += result
 *    (out is also read); otherwise out = result (out's old contents are ignored).
 * 5. Shapes come from the handles; kernels check them and throw `GrokError("SHAPE_MISMATCH")`.
 * 6. Numerics: float32 storage. Reductions that produce scalars (loss sums, sumSquares, correct
 *    counts) may accumulate in higher precision. The shared conformance suite
 *    (test/conformance/) checks every kernel against float64 references and finite differences;
 *    a backend passes it with the tolerances it declares there.
 * 7. Determinism: the same inputs must give bit-identical outputs on the same backend (fixed
 *    work partitioning, no racy reductions) so that CPU checkpoints resume bit-identically.
 * 8. Adding kernels is allowed (add the name to KernelArgs and implement it on every backend);
 *    existing signatures are stable.
 *
 * Activations: "quadratic" f(x) = x², "relu", "gelu" with the tanh approximation
 * (0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), PyTorch `approximate="tanh"`).
 */
/** Element type of a tensor. */
export type DType = "float32" | "int32";

/** An opaque, backend-owned, row-major array handle. */
export interface Tensor {
  /** Dimensions, outermost first. */
  readonly shape: readonly number[];
  /** Number of elements (product of `shape`). */
  readonly size: number;
  /** Element type. */
  readonly dtype: DType;
  /** Name of the backend that owns it. */
  readonly backend: string;
}

/** Host-side array types tensors upload from and read into. */
export type HostArray = Float32Array | Int32Array;

/**
 * A compute backend: allocation, transfer, and the kernels registered under its `name`.
 *
 * @example
 * ```ts
 * const backend = await createBackend("cpu");
 * const x = backend.tensor([2, 2]);
 * backend.upload(x, new Float32Array([1, 2, 3, 4]));
 * kernels(backend).sumSquares({ x, out: backend.tensor([1]) });
 * ```
 */
export interface Backend {
  /** Registry key, e.g. "cpu" or "gpu". */
  readonly name: string;
  /** Human-readable detail (thread count, SIMD, gpu.js mode …) for run summaries and benches. */
  readonly description: string;
  /** A new zero-filled tensor. */
  tensor(shape: readonly number[], dtype?: DType): Tensor;
  /** Copy host data into `t` (length must equal `t.size`, type must match `t.dtype`). */
  upload(t: Tensor, data: HostArray): void;
  /** A fresh host copy of `t` once all queued work that writes it is done. */
  read(t: Tensor): Promise<HostArray>;
  /** Synchronous read where the backend can offer it (CPU); absent otherwise. */
  readSync?(t: Tensor): HostArray;
  /** Resolves when all queued kernels have finished. */
  flush(): Promise<void>;
  /** Release one tensor. */
  free(t: Tensor): void;
  /** Release everything (workers, GPU contexts). The backend is unusable afterwards. */
  dispose(): void;
}
