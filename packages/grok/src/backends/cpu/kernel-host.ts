// The fast kernels get this narrow view of the backend instead of the CpuBackend class: the
// backend imports the kernel table, so the kernels importing the backend would close a cycle.
import type { Backend } from "../backend.js";
import type { Arena } from "./arena.js";
import type { WasmExports } from "./tasks.js";
import type { ThreadPool } from "./thread-pool.js";

/** What the WebAssembly / threaded CPU kernels use of the backend they run on (`CpuBackend` is one). */
export interface FastKernelHost extends Backend {
  /** The memory arena holding every tensor. */
  readonly arena: Pick<Arena, "memory">;
  /** The SIMD kernels instantiated on the arena's memory (absent: JavaScript kernels only). */
  readonly wasm: WasmExports | undefined;
  /** Worker threads sharing the memory (absent: single-threaded). */
  readonly pool: Pick<ThreadPool, "threads" | "run"> | undefined;
  /** Byte offset of each thread's private GEMM packing space. */
  readonly scratch: readonly number[];
  /** Byte offset of the backend's temporary block, at least `bytes` long. */
  temp(bytes: number): number;
  /** Run a task on the calling thread only. */
  runLocal(task: number, ints: readonly number[], floats: readonly number[]): Float64Array;
}
