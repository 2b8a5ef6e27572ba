import { GrokError } from "../../errors.js";
import { type Backend, type DType, type HostArray, registerKernels, type Tensor } from "../backend.js";
import { Arena } from "./arena.js";
import { CpuTensor } from "./cpu-tensor.js";
import type { FastKernelHost } from "./kernel-host.js";
import { cpuKernels } from "./kernels/fast.js";
import { mseRows } from "./kernels/losses.js";
import { cpu } from "./kernels/util.js";
import { execTask, Scratch, type TaskContext, type WasmExports } from "./tasks.js";
import { SLOT_BYTES, startThreadPool, type ThreadPool } from "./thread-pool.js";
import { kernelsWasm, kernelsWasmShared } from "./wasm/kernels-wasm.js";

/** Options of {@link cpuBackend}. */
export interface CpuBackendOptions {
  /** Registry name (default "cpu"); variants such as "cpu-js" register under their own name. */
  name?: string;
  /**
   * Threads to use (default: 2 where SharedArrayBuffer and workers exist, else 1). In Node the
   * extra threads are worker_threads; the calling thread always does its share.
   */
  threads?: number;
  /** "wasm" (default): WebAssembly SIMD kernels; "js": the plain JavaScript reference kernels. */
  kernels?: "wasm" | "js";
}

/** The CPU backend: tensors in one WebAssembly.Memory arena, kernels in JavaScript / WebAssembly. */
export class CpuBackend implements Backend {
  readonly name: string;
  readonly description: string;
  /** @hidden The memory arena holding every tensor. */
  readonly arena: Arena;
  /** @hidden The SIMD kernels instantiated on the arena's memory (absent: JavaScript kernels only). */
  wasm: WasmExports | undefined;
  /** @hidden Worker threads sharing the memory (absent: single-threaded). */
  pool: ThreadPool | undefined;
  /** @hidden Byte offset of each thread's private GEMM packing space. */
  scratch: number[] = [];
  private ctx: TaskContext | undefined;
  private readonly localInts = new Int32Array(24);
  private readonly localFloats = new Float64Array(8);
  private disposed = false;
  private tempOffset = 0;
  private tempBytes = 0;

  /** @hidden Use {@link cpuBackend}. */
  constructor(name: string, description: string, arena: Arena) {
    this.name = name;
    this.description = description;
    this.arena = arena;
  }

  /** @hidden Attach the SIMD kernels' task context (and optionally a pool) after construction. */
  attach(ctx: TaskContext, pool: ThreadPool | undefined, scratch: number[], description: string): void {
    this.wasm = ctx.wasm;
    this.pool = pool;
    this.scratch = scratch;
    (this as { description: string }).description = description;
    this.ctx = ctx;
  }

  /**
   * @hidden Byte offset of this backend's temporary block, at least `bytes` long: room for the
   * second half of a split reduction. One block, grown on demand, reused by every kernel (they run
   * one at a time).
   */
  temp(bytes: number): number {
    if (bytes > this.tempBytes) {
      if (this.tempBytes > 0) this.arena.free(this.tempOffset, this.tempBytes);
      this.tempOffset = this.arena.alloc(bytes);
      this.tempBytes = bytes;
    }
    return this.tempOffset;
  }

  /** @hidden Run a task on the calling thread only. */
  runLocal(task: number, ints: readonly number[], floats: readonly number[]): Float64Array {
    const out = new Float64Array(4);
    for (let k = 0; k < ints.length; k++) this.localInts[k] = ints[k] as number;
    for (let k = 0; k < floats.length; k++) this.localFloats[k] = floats[k] as number;
    execTask(this.ctx as TaskContext, task, this.localInts, this.localFloats, out);
    return out;
  }

  tensor(shape: readonly number[], dtype: DType = "float32"): Tensor {
    this.live();
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) throw new GrokError("SHAPE_MISMATCH", `bad tensor shape [${shape}]`);
    }
    const size = shape.reduce((x, y) => x * y, 1);
    return new CpuTensor([...shape], dtype, this.arena.alloc(size * 4), this.arena);
  }

  upload(t: Tensor, data: HostArray): void {
    this.live();
    const c = cpu(t);
    if (data.length !== c.size) {
      throw new GrokError(
        "SHAPE_MISMATCH",
        `upload of ${data.length} values into a tensor of size ${c.size}`,
      );
    }
    if (data instanceof Int32Array !== (c.dtype === "int32")) {
      throw new GrokError("SHAPE_MISMATCH", `upload of ${data.constructor.name} into a ${c.dtype} tensor`);
    }
    if (data instanceof Int32Array) c.i32.set(data);
    else c.f32.set(data);
  }

  readSync(t: Tensor): HostArray {
    this.live();
    const c = cpu(t);
    return c.dtype === "int32" ? c.i32.slice() : c.f32.slice();
  }

  read(t: Tensor): Promise<HostArray> {
    return Promise.resolve(this.readSync(t));
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  free(t: Tensor): void {
    const c = cpu(t);
    this.arena.free(c.offset, c.size * 4);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pool?.dispose();
    this.pool = undefined;
  }

  private live(): void {
    if (this.disposed) throw new GrokError("BACKEND_DISPOSED", `backend "${this.name}" was disposed`);
  }
}

/** Backend names this module registered {@link cpuKernels} under (each once). */
const kernelsRegisteredFor = new Set<string>();

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function defaultThreads(): number {
  const hw = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, Math.min(4, hw ?? 2));
}

/**
 * Upper bound of {@link CpuBackendOptions.threads}: each thread is a worker with its own scratch memory.
 *
 * @example
 * ```ts
 * const backend = await cpuBackend({ threads: Math.min(8, maxThreads) });
 * ```
 */
export const maxThreads = 256;

/**
 * Create the CPU backend: tensors in one WebAssembly memory, WebAssembly SIMD kernels
 * (cache-blocked GEMM with 2 × 16 register tiles and all transpose variants, embedding bags for
 * layer 1, softmax cross-entropy, fused AdamW), split across worker threads with fixed partitions
 * that do not depend on the thread count, so results are the same bits on any number of threads.
 * Falls back to single-threaded (browsers without worker_threads) and to JavaScript kernels
 * (`kernels: "js"`, or where WebAssembly SIMD is missing).
 *
 * @example
 * ```ts
 * const backend = await cpuBackend({ threads: 2 });
 * const result = await train({ p: 31 }, { backend });
 * backend.dispose();
 * ```
 */
export async function cpuBackend(options: CpuBackendOptions = {}): Promise<CpuBackend> {
  const name = options.name ?? "cpu";
  if (!kernelsRegisteredFor.has(name)) {
    registerKernels(name, cpuKernels); // throws if another module registered kernels under `name`
    kernelsRegisteredFor.add(name);
  }
  const wantWasm = options.kernels !== "js";
  const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
  const threads =
    wantWasm && isNode && typeof SharedArrayBuffer !== "undefined"
      ? (options.threads ?? defaultThreads())
      : 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > maxThreads)
    throw new GrokError("INVALID_CONFIG", `threads must be an integer in [1, ${maxThreads}], got ${threads}`);
  const shared = threads > 1;
  const control = Math.ceil((threads * SLOT_BYTES) / 4096) * 4096;
  const scratchBytes = Math.ceil(Scratch.bytes / 64) * 64;
  const reserved = wantWasm ? control + threads * scratchBytes : 0;
  const arena = new Arena({ shared, reserved });
  // `satisfies`, not an `implements` clause: the kernels' view of the backend stays out of the
  // public class's declaration (and its docs) but is still checked here
  const backend = new CpuBackend(name, "cpu (JavaScript, 1 thread)", arena) satisfies FastKernelHost;
  if (!wantWasm) return backend;
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(
      decodeBase64(shared ? kernelsWasmShared : kernelsWasm) as BufferSource,
    );
  } catch {
    return backend; // no WebAssembly SIMD here: JavaScript kernels
  }
  const instance = await WebAssembly.instantiate(module, { env: { memory: arena.memory } });
  const wasm = instance.exports as unknown as WasmExports;
  const scratch = Array.from({ length: threads }, (_, t) => control + t * scratchBytes);
  const ctx: TaskContext = {
    wasm,
    memory: arena.memory,
    mseRows,
  };
  const pool = shared ? await startThreadPool(arena.memory, module, ctx, threads) : undefined;
  const n = pool?.threads ?? 1;
  backend.attach(ctx, pool, scratch, `cpu (wasm-simd, ${n} thread${n > 1 ? "s" : ""})`);
  return backend;
}
