/**
 * The backend seam (TensorFlow.js style): model and optimiser code never touch numbers directly;
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
import { GrokError } from "../errors.js";

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

/** The pointwise nonlinearities the MLP and transformer use. */
export type Activation = "quadratic" | "relu" | "gelu";

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
   * Softmax cross-entropy against integer targets. logits [N, C], targets int32 [N].
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
   * AdamW step, IN PLACE on param, m, v (PyTorch semantics, `step` is 1-based):
   *   param ← param · (1 − lr·weightDecay)
   *   m ← β1·m + (1−β1)·g ;  v ← β2·v + (1−β2)·g²
   *   param ← param − lr · (m / (1−β1^step)) / (√(v / (1−β2^step)) + eps)
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
  "adamwUpdate",
  "sumSquares",
  "attention",
  "attentionBackward",
];

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

/** A kernel implementation: runs `args` on `backend`. */
export type KernelFunc<K extends KernelName> = (backend: Backend, args: KernelArgs[K]) => void;

/** One registry entry. */
export interface KernelConfig<K extends KernelName = KernelName> {
  kernelName: K;
  backendName: string;
  kernelFunc: KernelFunc<K>;
}

/** Kernels bound to one backend: `k.matMul({...})`. */
export type BoundKernels = { readonly [K in KernelName]: (args: KernelArgs[K]) => void };

const registry = new Map<string, KernelFunc<KernelName>>();
const key = (kernelName: string, backendName: string) => `${backendName}/${kernelName}`;

/**
 * Register (or replace) a kernel implementation for one backend.
 *
 * @example
 * ```ts
 * registerKernel({ kernelName: "fill", backendName: "mine", kernelFunc: (b, { out, value }) => {} });
 * ```
 */
export function registerKernel<K extends KernelName>(config: KernelConfig<K>): void {
  registry.set(key(config.kernelName, config.backendName), config.kernelFunc as KernelFunc<KernelName>);
}

/** Register a whole table of kernels for `backendName`. */
export function registerKernels(
  backendName: string,
  table: { readonly [K in KernelName]?: KernelFunc<K> },
): void {
  for (const name of kernelNames) {
    const kernelFunc = table[name];
    if (kernelFunc) registerKernel({ kernelName: name, backendName, kernelFunc } as KernelConfig);
  }
}

/** The implementation of `kernelName` on `backendName`, or undefined. */
export function getKernel<K extends KernelName>(
  kernelName: K,
  backendName: string,
): KernelFunc<K> | undefined {
  return registry.get(key(kernelName, backendName)) as KernelFunc<K> | undefined;
}

/**
 * Bind every registered kernel of `backend` into a typed object. Throws
 * `GrokError("KERNEL_NOT_FOUND")` naming the kernels the backend lacks.
 */
export function kernels(backend: Backend): BoundKernels {
  const missing = kernelNames.filter((n) => !getKernel(n, backend.name));
  if (missing.length > 0) {
    throw new GrokError("KERNEL_NOT_FOUND", `backend "${backend.name}" lacks kernels: ${missing.join(", ")}`);
  }
  const bound: Record<string, (args: never) => void> = {};
  for (const name of kernelNames) {
    const f = getKernel(name, backend.name) as KernelFunc<KernelName>;
    bound[name] = (args: never) => f(backend, args);
  }
  return bound as unknown as BoundKernels;
}

/** Makes a backend (possibly async: workers, GPU contexts). */
export type BackendFactory = () => Backend | Promise<Backend>;

interface BackendEntry {
  factory: BackendFactory;
  priority: number;
}
const backends = new Map<string, BackendEntry>();

/**
 * Make a backend available by name; higher `priority` wins in {@link createBackend}() without a name.
 *
 * @example
 * ```ts
 * registerBackend("cpu", () => cpuBackend(), 1);
 * ```
 */
export function registerBackend(name: string, factory: BackendFactory, priority = 0): void {
  backends.set(name, { factory, priority });
}

/** Names of registered backends, highest priority first. */
export function backendNames(): string[] {
  return [...backends.entries()].sort((x, y) => y[1].priority - x[1].priority).map(([n]) => n);
}

/**
 * Instantiate a registered backend by name, or the highest-priority one that starts.
 * Throws `GrokError("UNKNOWN_BACKEND")` for an unknown name.
 */
export async function createBackend(name?: string): Promise<Backend> {
  if (name !== undefined) {
    const entry = backends.get(name);
    if (!entry) {
      throw new GrokError(
        "UNKNOWN_BACKEND",
        `unknown backend "${name}" (have: ${backendNames().join(", ")})`,
      );
    }
    return entry.factory();
  }
  let lastError: unknown;
  for (const n of backendNames()) {
    try {
      return await (backends.get(n) as BackendEntry).factory();
    } catch (e) {
      lastError = e;
    }
  }
  throw new GrokError("UNKNOWN_BACKEND", `no backend could start: ${String(lastError)}`);
}

/** Throw a SHAPE_MISMATCH error unless `ok`. Shared by backends for argument checks. */
export function assertShape(ok: boolean, kernel: string, detail: string): void {
  if (!ok) throw new GrokError("SHAPE_MISMATCH", `${kernel}: ${detail}`);
}

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

function operandShape(a: Tensor | BagRows): readonly number[] {
  if (!isBagRows(a)) return a.shape;
  const bag = bagSize(a.bag, "matMul");
  assertShape(a.table.shape.length === 2, "matMul", "the bag's table must be [V, D]");
  assertShape(a.indices.size % bag === 0, "matMul", `${a.indices.size} indices are not bags of ${bag}`);
  return [a.indices.size / bag, a.table.shape[1] as number];
}

/**
 * Run a matMul whose `a` is {@link BagRows} by gathering the rows (and their activation) into
 * temporaries first: the portable path every backend can take.
 */
export function matMulOnGatheredRows(
  backend: Backend,
  args: KernelArgs["matMul"],
  run: (plain: KernelArgs["matMul"] & { a: Tensor }) => void,
): void {
  const a = args.a as BagRows;
  const shape = operandShape(a);
  const k = kernels(backend);
  const pre = backend.tensor(shape);
  const post = a.activation ? backend.tensor(shape) : undefined;
  try {
    const gather = { table: a.table, indices: a.indices, out: pre, bag: a.bag };
    if (post && a.activation) k.embeddingGather({ ...gather, activation: { kind: a.activation, out: post } });
    else k.embeddingGather(gather);
    run({ ...args, a: post ?? pre });
  } finally {
    backend.free(pre);
    if (post) backend.free(post);
  }
}

/** The bag size of an embedding kernel call (default 1), checked: a positive integer. */
export function bagSize(bag: number | undefined, kernel: string): number {
  const b = bag ?? 1;
  assertShape(Number.isInteger(b) && b >= 1, kernel, `bag must be a positive integer, got ${bag}`);
  return b;
}

/** Resolve the [M, K] × [K, N] → [M, N] dimensions of a matMul call, checking shapes. */
export function matMulDims(args: KernelArgs["matMul"]): { m: number; n: number; k: number } {
  const { a, b, out, transposeA = false, transposeB = false } = args;
  const aShape = operandShape(a);
  assertShape(
    aShape.length === 2 && b.shape.length === 2 && out.shape.length === 2,
    "matMul",
    "rank-2 tensors",
  );
  const [a0, a1] = aShape as [number, number];
  const [b0, b1] = b.shape as [number, number];
  const m = transposeA ? a1 : a0;
  const k = transposeA ? a0 : a1;
  const kb = transposeB ? b1 : b0;
  const n = transposeB ? b0 : b1;
  assertShape(k === kb, "matMul", `inner dims ${k} vs ${kb}`);
  assertShape(out.shape[0] === m && out.shape[1] === n, "matMul", `out [${out.shape}] vs [${m}, ${n}]`);
  return { m, n, k };
}

/** Rows and columns of a 2-D view of `t` (all leading dims flattened). */
export function rowsCols(t: Tensor): { rows: number; cols: number } {
  const cols = t.shape[t.shape.length - 1] ?? 1;
  return { rows: cols === 0 ? 0 : t.size / cols, cols };
}
