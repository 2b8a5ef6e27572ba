import type { mseRows } from "./kernels/losses.js";
/**
 * Work items the CPU backend splits across threads. `execTask` runs one part; it is
 * self-contained (everything it needs arrives in `ctx`) because worker threads receive its
 * source text rather than an import, keeping the package free of worker files and bundler setup.
 */

/**
 * Layout of each thread's private scratch space (bytes): the GEMM's packed block of B
 * (KC 256 × NC 512 floats), its 64 packed pairs of A rows (KC·8 + 64 bytes each, see
 * kernels.wat), room for a kernel's small results, and rows of A formed from a table.
 */
export const Scratch = {
  packedA: 256 * 512 * 4,
  stats: 256 * 512 * 4 + 64 * (256 * 8 + 64),
  /** Rows of A the GEMM forms from an embedding table (2 × KC floats). */
  gather: 256 * 512 * 4 + 64 * (256 * 8 + 64) + 64,
  bytes: 256 * 512 * 4 + 64 * (256 * 8 + 64) + 64 + 2048,
} as const;

/** Task codes (the first word of a worker slot). */
export const Task = {
  exit: -1,
  gemm: 1,
  gather: 2,
  scatter: 3,
  quadFwd: 4,
  quadBwd: 5,
  reluFwd: 6,
  reluBwd: 7,
  add: 8,
  adamw: 9,
  crossEntropy: 10,
  mse: 11,
  geluFwd: 12,
  geluBwd: 13,
  attention: 14,
  attentionBwd: 15,
  layerNorm: 16,
  layerNormBwd: 17,
  biasAdd: 18,
  sumRows: 19,
} as const;

/** The WebAssembly exports of kernels.wat. */
export interface WasmExports {
  gemm(...args: number[]): void;
  gather_rows(...args: number[]): void;
  scatter_rows(...args: number[]): void;
  quad_fwd(x: number, o: number, from: number, to: number): void;
  quad_bwd(x: number, g: number, o: number, from: number, to: number): void;
  relu_fwd(x: number, o: number, from: number, to: number): void;
  relu_bwd(x: number, g: number, o: number, from: number, to: number): void;
  add(x: number, y: number, o: number, from: number, to: number): void;
  adamw(...args: number[]): void;
  cross_entropy(...args: number[]): number;
  gelu_fwd(x: number, o: number, from: number, to: number): void;
  gelu_bwd(x: number, g: number, o: number, from: number, to: number): void;
  attention(...args: number[]): void;
  attention_bwd(...args: number[]): void;
  layer_norm(...args: number[]): void;
  layer_norm_bwd(...args: number[]): void;
  bias_add(...args: number[]): void;
  sum_rows(...args: number[]): void;
}

// mseRows is stringified into the worker source: only its type is imported here
type Rows = typeof mseRows;

/** What a thread needs to run a task part. */
export interface TaskContext {
  wasm: WasmExports;
  memory: WebAssembly.Memory;
  mseRows: Rows;
}

/**
 * Run one part of a task. `ints` are integer arguments (byte offsets, sizes, ranges), `floats`
 * real ones; reductions write their partial results into `out`.
 */
export function execTask(
  ctx: TaskContext,
  task: number,
  ints: Int32Array,
  floats: Float64Array,
  out: Float64Array,
): void {
  const w = ctx.wasm;
  const i = (k: number) => ints[k] as number;
  switch (task) {
    case 1:
      w.gemm(i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9), i(10), i(11), i(12), i(13), i(14));
      return;
    case 2:
      w.gather_rows(i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9), i(10));
      return;
    case 3:
      w.scatter_rows(i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9), i(10), i(11));
      return;
    case 4:
      w.quad_fwd(i(0), i(1), i(2), i(3));
      return;
    case 5:
      w.quad_bwd(i(0), i(1), i(2), i(3), i(4));
      return;
    case 6:
      w.relu_fwd(i(0), i(1), i(2), i(3));
      return;
    case 7:
      w.relu_bwd(i(0), i(1), i(2), i(3), i(4));
      return;
    case 8:
      w.add(i(0), i(1), i(2), i(3), i(4));
      return;
    case 9:
      w.adamw(
        i(0),
        i(1),
        i(2),
        i(3),
        floats[0] as number,
        floats[1] as number,
        floats[2] as number,
        floats[3] as number,
        floats[4] as number,
        floats[5] as number,
        i(4),
        i(5),
      );
      return;
    case 10: {
      // ints: logits, targets, dLogits (0 = none), rows, cols, from, to, 4 bytes of scratch
      out[0] = w.cross_entropy(i(0), i(1), i(2), i(4), floats[0] as number, i(5), i(6), i(7));
      out[1] = new Int32Array(ctx.memory.buffer, i(7), 1)[0] as number;
      return;
    }
    case 11: {
      // ints: logits, targets, dLogits (0 = none), rows, cols, from, to
      const buffer = ctx.memory.buffer;
      const rows = i(3);
      const cols = i(4);
      const x = new Float32Array(buffer, i(0), rows * cols);
      const t = new Int32Array(buffer, i(1), rows);
      const d = i(2) === 0 ? undefined : new Float32Array(buffer, i(2), rows * cols);
      const r = ctx.mseRows(x, t, d, cols, floats[0] as number, i(5), i(6));
      out[0] = r[0];
      out[1] = r[1];
      return;
    }
    case 12:
      // ints: x, o, from, to
      w.gelu_fwd(i(0), i(1), i(2), i(3));
      return;
    case 13:
      // ints: x, g, o, from, to
      w.gelu_bwd(i(0), i(1), i(2), i(3), i(4));
      return;
    case 14:
      // ints: q, k, v, probs, out, seq, heads, cols, causal, from, to
      w.attention(i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9), i(10));
      return;
    case 15:
      // ints: q, k, v, probs, dOut, dq, dk, dv, seq, heads, cols, from, to, scratch
      w.attention_bwd(i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9), i(10), i(11), i(12), i(13));
      return;
    case 16:
      // ints: x, gain, bias, out, mean, rstd, cols, from, to; floats: eps
      w.layer_norm(i(0), i(1), i(2), i(3), i(4), i(5), i(6), floats[0] as number, i(7), i(8));
      return;
    case 17:
      // ints: x, gain, mean, rstd, dOut, dx, partials (float64 [2, cols]), cols, accumulate, from, to
      w.layer_norm_bwd(i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9), i(10));
      return;
    case 18:
      // ints: x, bias, out, cols, from, to
      w.bias_add(i(0), i(1), i(2), i(3), i(4), i(5));
      return;
    case 19:
      // ints: dy, out, rows, cols, column from, column to, accumulate, float64 scratch
      w.sum_rows(i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7));
      return;
    default:
      throw new Error(`unknown task ${task}`);
  }
}
