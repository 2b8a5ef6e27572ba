/**
 * The fast CPU kernel table: WebAssembly SIMD (kernels.wat) split across the thread pool with
 * fixed partitions. Falls back to the JavaScript kernels where the backend runs without
 * WebAssembly (or for kernels that are not hot in these models).
 */
import {
  type Activation,
  assertShape,
  bagSize,
  isBagRows,
  type KernelArgs,
  type KernelFunc,
  type KernelName,
  matMulDims,
  matMulOnGatheredRows,
  rowsCols,
  type Tensor,
} from "../../backend.js";
import type { FastKernelHost } from "../kernel-host.js";
import { Scratch, Task } from "../tasks.js";
import { adamwConstants } from "./adamw.js";
import { attentionBackwardDims, attentionDims } from "./attention.js";
import { gatherTarget } from "./embedding.js";
import { jsKernels } from "./js.js";
import { cpu, sameSize } from "./util.js";

/** Work (multiply-adds or elements) below which splitting across threads costs more than it saves. */
const MIN_PARALLEL_MACS = 1 << 18;
const MIN_PARALLEL_ELEMENTS = 1 << 14;

/** Split [0, n) into `parts` ranges with boundaries on multiples of `quantum`. */
function bound(n: number, parts: number, part: number, quantum: number): number {
  if (part >= parts) return n;
  return Math.min(n, Math.round((n * part) / parts / quantum) * quantum);
}

function partsFor(b: FastKernelHost, work: number, min: number): number {
  return b.pool && work >= min ? b.pool.threads : 1;
}

/** Run every one of `parts` parts: on the pool's threads, or one after another on this one. */
function run(
  b: FastKernelHost,
  task: number,
  parts: number,
  args: (part: number) => number[],
  floats: number[] = [],
) {
  if (b.pool) return b.pool.run(task, parts, args, floats);
  return Array.from({ length: parts }, (_, p) => b.runLocal(task, args(p), floats));
}

/**
 * Reductions over the batch (weight gradients, the layer-1 scatter) are split in two halves at
 * the same row the row-split kernels use, each half summed on its own thread from the rows that
 * thread produced, then added: both threads stay on their own data instead of reading the other
 * one's half of every row. The split depends only on the sizes, never on the thread count, so
 * results are the same bits on 1, 2 or 4 threads.
 */
const SPLIT_MIN_ROWS = 512;

/** WebAssembly code of a bag's activation the GEMM forms while packing (1 quadratic, 2 relu, 3 none). */
const GATHER_CODES = { quadratic: 1, relu: 2, none: 3 } as const;

/**
 * A's source for the gemm task: [A, table, index pairs, activation code]. Rows of a bag of 2 with
 * a fusable activation are formed inside the GEMM (A = 0); other bags are gathered first.
 */
function operandA(args: KernelArgs["matMul"]): [number, number, number, number] {
  const a = args.a;
  if (!isBagRows(a)) return [cpu(a).offset, 0, 0, 0];
  const code = GATHER_CODES[(a.activation ?? "none") as keyof typeof GATHER_CODES];
  assertShape(a.bag === 2 && code !== undefined, "matMul", "internal: bag rows the GEMM cannot form");
  checkIndices("matMul", cpu(a.indices).i32, a.table.shape[0] ?? 0);
  return [0, cpu(a.table).offset, cpu(a.indices).offset, code];
}

function matMul(b: FastKernelHost, args: KernelArgs["matMul"]): void {
  const a = args.a;
  if (isBagRows(a) && (a.bag !== 2 || a.activation === "gelu")) {
    matMulOnGatheredRows(b, args, (plain) => matMul(b, plain));
    return;
  }
  const { m, n, k } = matMulDims(args);
  if (args.transposeA && !args.transposeB && k >= SPLIT_MIN_ROWS) {
    matMulSplitK(b, args, m, n, k);
    return;
  }
  const [A, gt, gi, ga] = operandA(args);
  const B = cpu(args.b).offset;
  const C = cpu(args.out).offset;
  const flags = [args.transposeA ? 1 : 0, args.transposeB ? 1 : 0, args.accumulate ? 1 : 0];
  const parts = Math.min(partsFor(b, m * n * k, MIN_PARALLEL_MACS), Math.max(1, Math.floor(m / 4)));
  run(b, Task.gemm, parts, (p) => [
    A,
    B,
    C,
    m,
    n,
    k,
    ...flags,
    bound(m, parts, p, 4),
    bound(m, parts, p + 1, 4),
    b.scratch[p] as number,
    gt,
    gi,
    ga,
  ]);
}

/** C (+)= Aᵀ·B as (rows [0, h) of A and B) + (rows [h, k)), the second half into the temporary block. */
function matMulSplitK(b: FastKernelHost, args: KernelArgs["matMul"], m: number, n: number, k: number): void {
  const h = bound(k, 2, 1, 4);
  const [A, gt, gi, ga] = operandA(args);
  const [B, C] = [cpu(args.b).offset, cpu(args.out).offset];
  const T = b.temp(m * n * 4);
  const scratch = (p: number) => (b.scratch[p] ?? b.scratch[0]) as number;
  run(b, Task.gemm, 2, (p) =>
    p === 0
      ? [A, B, C, m, n, h, 1, 0, args.accumulate ? 1 : 0, 0, m, scratch(0), gt, gi, ga]
      : // the second half's rows: of A, or index pairs h… of the bag
        [
          gt ? 0 : A + h * m * 4,
          B + h * n * 4,
          T,
          m,
          n,
          k - h,
          1,
          0,
          0,
          0,
          m,
          scratch(1),
          gt,
          gt ? gi + h * 8 : 0,
          ga,
        ],
  );
  elementwise(b, Task.add, m * n, [C, T, C]);
}

/** WebAssembly code of an activation the gather / scatter kernels fuse (0: none or not fusable). */
function fusedCode(kind: Activation | undefined): number {
  return kind === "quadratic" ? 1 : kind === "relu" ? 2 : 0;
}

function embeddingGatherFast(b: FastKernelHost, a: KernelArgs["embeddingGather"]): void {
  const target = gatherTarget(a);
  const { rows, cols } = rowsCols(target);
  const bag = bagSize(a.bag, "embeddingGather");
  assertShape(
    a.indices.size === rows * bag,
    "embeddingGather",
    `${a.indices.size} indices for ${rows * bag} bag slots`,
  );
  assertShape(rowsCols(a.table).cols === cols, "embeddingGather", "table and out widths differ");
  checkIndices("embeddingGather", cpu(a.indices).i32, a.table.shape[0] ?? 0);
  const act = a.activation;
  const code = fusedCode(act?.kind);
  if (act && !code) {
    // an activation without a fused WebAssembly form: gather, then the activation kernel
    const pre = a.out ?? b.tensor(target.shape);
    const { activation: _, ...plain } = a;
    embeddingGatherFast(b, { ...plain, out: pre });
    activationFast(b, { x: pre, out: act.out, kind: act.kind });
    if (!a.out) b.free(pre);
    return;
  }
  // rows, not columns, are split: each thread writes whole rows of out, the same rows the next
  // row-split kernels (activation, loss, the row blocks of matMul) read on that thread
  const parts = Math.min(partsFor(b, rows * cols * bag, MIN_PARALLEL_ELEMENTS), Math.max(1, rows));
  const [t, i] = [cpu(a.table).offset, cpu(a.indices).offset];
  const post = act ? cpu(act.out).offset : 0;
  // without out, each thread sums a row into its private scratch and keeps only act(row)
  const out = (p: number) => (a.out ? cpu(a.out).offset : (b.scratch[p] as number));
  run(b, Task.gather, parts, (p) => [
    t,
    i,
    out(p),
    cols,
    bag,
    a.accumulate ? 1 : 0,
    bound(rows, parts, p, 4),
    bound(rows, parts, p + 1, 4),
    code,
    post,
    a.out ? cols * 4 : 0,
  ]);
}

function embeddingScatterAddFast(b: FastKernelHost, a: KernelArgs["embeddingScatterAdd"]): void {
  const { rows, cols } = rowsCols(a.dOut);
  const bag = bagSize(a.bag, "embeddingScatterAdd");
  assertShape(
    a.indices.size === rows * bag,
    "embeddingScatterAdd",
    `${a.indices.size} indices for ${rows * bag} bag slots`,
  );
  assertShape(rowsCols(a.dTable).cols === cols, "embeddingScatterAdd", "table and dOut widths differ");
  checkIndices("embeddingScatterAdd", cpu(a.indices).i32, a.dTable.shape[0] ?? 0);
  const act = a.activation;
  if (act?.x) sameSize("embeddingScatterAdd", a.dOut, act.x);
  if (act?.table) {
    assertShape(
      rowsCols(act.table).cols === cols,
      "embeddingScatterAdd",
      "activation.table and dOut widths differ",
    );
    checkIndices("embeddingScatterAdd", cpu(a.indices).i32, act.table.shape[0] ?? 0);
  }
  let dOut = a.dOut;
  let unfused: Tensor | undefined;
  if (act && !fusedCode(act.kind)) {
    // an activation without a fused WebAssembly form: its gradient into a temporary, then scatter
    let x = act.x;
    if (!x) {
      x = b.tensor(a.dOut.shape);
      embeddingGatherFast(b, { table: act.table as Tensor, indices: a.indices, out: x, bag });
    }
    unfused = b.tensor(a.dOut.shape);
    activationBackwardFast(b, { x, dy: a.dOut, dx: unfused, kind: act.kind });
    if (!act.x) b.free(x);
    dOut = unfused;
  }
  const code = unfused ? 0 : fusedCode(act?.kind);
  const x = act?.x && code ? cpu(act.x).offset : 0;
  const xtable = act?.table && code ? cpu(act.table).offset : 0;
  const tmp = (p: number) => (b.scratch[p] ?? b.scratch[0]) as number; // a row of act'(x)·dOut
  const dTable = cpu(a.dTable);
  if (!a.accumulate) dTable.f32.fill(0);
  const [t, i, o] = [dTable.offset, cpu(a.indices).offset, cpu(dOut).offset];
  const tableRows = a.dTable.shape[0] ?? 0;
  // Two halves of the rows (see SPLIT_MIN_ROWS), the second into a zeroed temporary block the size
  // of dTable: where dTable has at least as many rows as dOut (a scatter back to positions, not a
  // reduction into a vocabulary) that block costs more than the scatter, and columns are split.
  if (rows >= SPLIT_MIN_ROWS && tableRows < rows) {
    // two halves of the rows, the second into the zeroed temporary block
    const h = bound(rows, 2, 1, 4);
    const T = b.temp(dTable.size * 4);
    new Float32Array(b.arena.memory.buffer, T, dTable.size).fill(0);
    run(b, Task.scatter, 2, (p) =>
      p === 0
        ? [t, i, o, h, cols, bag, 0, cols, code, x, tmp(0), xtable]
        : [
            T,
            i + h * bag * 4,
            o + h * cols * 4,
            rows - h,
            cols,
            bag,
            0,
            cols,
            code,
            x ? x + h * cols * 4 : 0,
            tmp(1),
            xtable,
          ],
    );
    elementwise(b, Task.add, dTable.size, [t, T, t]);
  } else {
    // columns, not rows, are split: no two threads ever add into the same element
    const parts = Math.min(
      partsFor(b, rows * cols * bag, MIN_PARALLEL_ELEMENTS),
      Math.max(1, Math.floor(cols / 16)),
    );
    run(b, Task.scatter, parts, (p) => [
      t,
      i,
      o,
      rows,
      cols,
      bag,
      bound(cols, parts, p, 4),
      bound(cols, parts, p + 1, 4),
      code,
      x,
      tmp(p),
      xtable,
    ]);
  }
  if (unfused) b.free(unfused);
}

function checkIndices(kernel: string, idx: Int32Array, vocab: number): void {
  for (let n = 0; n < idx.length; n++) {
    const id = idx[n] as number;
    if (!(id >= 0 && id < vocab)) assertShape(false, kernel, `index ${id} outside [0, ${vocab})`);
  }
}

function elementwise(b: FastKernelHost, task: number, size: number, ptrs: number[]): void {
  const parts = partsFor(b, size, MIN_PARALLEL_ELEMENTS);
  run(b, task, parts, (p) => [...ptrs, bound(size, parts, p, 4), bound(size, parts, p + 1, 4)]);
}

function activationFast(b: FastKernelHost, a: KernelArgs["activation"]): void {
  sameSize("activation", a.x, a.out);
  const [x, o] = [cpu(a.x).offset, cpu(a.out).offset];
  if (a.kind === "quadratic") elementwise(b, Task.quadFwd, a.x.size, [x, o]);
  else if (a.kind === "relu") elementwise(b, Task.reluFwd, a.x.size, [x, o]);
  else elementwise(b, Task.geluFwd, a.x.size, [x, o]);
}

function activationBackwardFast(b: FastKernelHost, a: KernelArgs["activationBackward"]): void {
  sameSize("activationBackward", a.x, a.dy, a.dx);
  const [x, g, o] = [cpu(a.x).offset, cpu(a.dy).offset, cpu(a.dx).offset];
  if (a.kind === "quadratic") elementwise(b, Task.quadBwd, a.x.size, [x, g, o]);
  else if (a.kind === "relu") elementwise(b, Task.reluBwd, a.x.size, [x, g, o]);
  else elementwise(b, Task.geluBwd, a.x.size, [x, g, o]);
}

function addFast(b: FastKernelHost, a: KernelArgs["add"]): void {
  sameSize("add", a.a, a.b, a.out);
  elementwise(b, Task.add, a.out.size, [cpu(a.a).offset, cpu(a.b).offset, cpu(a.out).offset]);
}

function adamwFast(b: FastKernelHost, a: KernelArgs["adamwUpdate"]): void {
  sameSize("adamwUpdate", a.param, a.grad, a.m, a.v);
  const { decay, stepSize, invSqrtBc2 } = adamwConstants(a);
  const size = a.param.size;
  const parts = partsFor(b, size, MIN_PARALLEL_ELEMENTS);
  const ptrs = [cpu(a.param).offset, cpu(a.grad).offset, cpu(a.m).offset, cpu(a.v).offset];
  run(b, Task.adamw, parts, (p) => [...ptrs, bound(size, parts, p, 4), bound(size, parts, p + 1, 4)], [
    decay,
    stepSize,
    invSqrtBc2,
    a.eps,
    a.beta1,
    a.beta2,
  ]);
}

function lossFast(
  b: FastKernelHost,
  task: number,
  a: KernelArgs["softmaxCrossEntropy"],
  kernel: string,
): void {
  const { rows, cols } = rowsCols(a.logits);
  assertShape(a.targets.size === rows, kernel, `${a.targets.size} targets for ${rows} rows`);
  assertShape(a.stats.size === 2, kernel, "stats must have size 2");
  if (a.dLogits) assertShape(a.dLogits.size === a.logits.size, kernel, "dLogits size differs from logits");
  const t = cpu(a.targets).i32;
  const low = task === Task.crossEntropy ? -1 : 0; // cross-entropy: −1 marks a row without loss
  for (let r = 0; r < rows; r++) {
    const c = t[r] as number;
    if (!(c >= low && c < cols)) assertShape(false, kernel, `target ${c} outside [${low}, ${cols})`);
  }
  const parts = partsFor(b, rows * cols, MIN_PARALLEL_ELEMENTS);
  const ptrs = [
    cpu(a.logits).offset,
    cpu(a.targets).offset,
    a.dLogits ? cpu(a.dLogits).offset : 0,
    rows,
    cols,
  ];
  const results = run(
    b,
    task,
    parts,
    (p) => [
      ...ptrs,
      bound(rows, parts, p, 1),
      bound(rows, parts, p + 1, 1),
      (b.scratch[p] as number) + Scratch.stats,
    ],
    [a.scale ?? 1],
  );
  let loss = 0;
  let correct = 0;
  for (const r of results) {
    loss += r[0] as number;
    correct += r[1] as number;
  }
  const s = cpu(a.stats).f32;
  s[0] = loss;
  s[1] = correct;
}

/**
 * Attention split by sequences: each thread computes whole sequences (all heads), writing only
 * their rows of out / dq / dk / dv and their block of probs, so any split gives the same bits.
 */
function attentionFast(b: FastKernelHost, a: KernelArgs["attention"]): void {
  const { batch, cols } = attentionDims(a);
  const work = batch * a.seq * a.seq * cols;
  const parts = Math.min(partsFor(b, work, MIN_PARALLEL_ELEMENTS), batch);
  const ptrs = [a.q, a.k, a.v, a.probs, a.out].map((t) => cpu(t).offset);
  const tail = [a.seq, a.heads, cols, a.causal ? 1 : 0];
  run(b, Task.attention, parts, (p) => [
    ...ptrs,
    ...tail,
    bound(batch, parts, p, 1),
    bound(batch, parts, p + 1, 1),
  ]);
}

function attentionBackwardFast(b: FastKernelHost, a: KernelArgs["attentionBackward"]): void {
  const { batch, cols } = attentionBackwardDims(a);
  const work = batch * a.seq * a.seq * cols;
  const parts = Math.min(partsFor(b, work, MIN_PARALLEL_ELEMENTS), batch);
  // a row of dP and dS per thread, in the thread's GEMM packing space (free between kernels)
  if (2 * a.seq > Scratch.packedA / 4) {
    jsKernels.attentionBackward(b, a);
    return;
  }
  const ptrs = [a.q, a.k, a.v, a.probs, a.dOut, a.dq, a.dk, a.dv].map((t) => cpu(t).offset);
  const tail = [a.seq, a.heads, cols];
  run(b, Task.attentionBwd, parts, (p) => [
    ...ptrs,
    ...tail,
    bound(batch, parts, p, 1),
    bound(batch, parts, p + 1, 1),
    b.scratch[p] ?? (b.scratch[0] as number),
  ]);
}

function biasAddFast(b: FastKernelHost, a: KernelArgs["biasAdd"]): void {
  sameSize("biasAdd", a.x, a.out);
  const { rows, cols } = rowsCols(a.x);
  assertShape(a.bias.size === cols, "biasAdd", `bias size ${a.bias.size} vs ${cols} columns`);
  const parts = Math.min(partsFor(b, rows * cols, MIN_PARALLEL_ELEMENTS), Math.max(1, rows));
  const ptrs = [cpu(a.x).offset, cpu(a.bias).offset, cpu(a.out).offset, cols];
  run(b, Task.biasAdd, parts, (p) => [...ptrs, bound(rows, parts, p, 1), bound(rows, parts, p + 1, 1)]);
}

/**
 * Column sums split by columns: each thread sums its columns over all rows in float64, in the
 * JavaScript kernel's order (the same bits on any number of threads), into its packing space.
 */
function sumRowsFast(b: FastKernelHost, a: KernelArgs["sumRows"]): void {
  const { rows, cols } = rowsCols(a.dy);
  assertShape(a.out.size === cols, "sumRows", `out size ${a.out.size} vs ${cols} columns`);
  const parts = Math.min(partsFor(b, rows * cols, MIN_PARALLEL_ELEMENTS), Math.max(1, Math.floor(cols / 4)));
  // float64 sums of a thread's columns must fit its packing space
  if (Math.ceil(cols / parts) + 4 > Scratch.packedA / 8) {
    jsKernels.sumRows(b, a);
    return;
  }
  const ptrs = [cpu(a.dy).offset, cpu(a.out).offset, rows, cols];
  run(b, Task.sumRows, parts, (p) => [
    ...ptrs,
    bound(cols, parts, p, 4),
    bound(cols, parts, p + 1, 4),
    a.accumulate ? 1 : 0,
    b.scratch[p] ?? (b.scratch[0] as number),
  ]);
}

function layerNormDims(kernel: string, x: Tensor, gain: Tensor, mean: Tensor, rstd: Tensor) {
  const { rows, cols } = rowsCols(x);
  assertShape(gain.size === cols, kernel, `gain size ${gain.size} vs ${cols} columns`);
  assertShape(mean.size === rows && rstd.size === rows, kernel, `mean and rstd must have ${rows} entries`);
  return { rows, cols };
}

function layerNormFast(b: FastKernelHost, a: KernelArgs["layerNorm"]): void {
  const { rows, cols } = layerNormDims("layerNorm", a.x, a.gain, a.mean, a.rstd);
  assertShape(a.bias.size === cols && a.out.size === a.x.size, "layerNorm", "bias or out size differs");
  const parts = Math.min(partsFor(b, rows * cols, MIN_PARALLEL_ELEMENTS), Math.max(1, rows));
  const ptrs = [a.x, a.gain, a.bias, a.out, a.mean, a.rstd].map((t) => cpu(t).offset);
  run(
    b,
    Task.layerNorm,
    parts,
    (p) => [...ptrs, cols, bound(rows, parts, p, 1), bound(rows, parts, p + 1, 1)],
    [a.eps],
  );
}

/**
 * LayerNorm backward: dx by rows; dGain and dBias as two fixed halves of the rows (at
 * SPLIT_MIN_ROWS and above), each summed in float64 by its thread, then added in order: the same
 * bits on any number of threads.
 */
function layerNormBackwardFast(b: FastKernelHost, a: KernelArgs["layerNormBackward"]): void {
  const { rows, cols } = layerNormDims("layerNormBackward", a.x, a.gain, a.mean, a.rstd);
  assertShape(
    a.dOut.size === a.x.size && a.dx.size === a.x.size && a.dGain.size === cols && a.dBias.size === cols,
    "layerNormBackward",
    "dOut, dx, dGain or dBias size differs",
  );
  const parts = rows >= SPLIT_MIN_ROWS ? 2 : 1;
  const T = b.temp(parts * 2 * cols * 8);
  const ptrs = [a.x, a.gain, a.mean, a.rstd, a.dOut, a.dx].map((t) => cpu(t).offset);
  run(b, Task.layerNormBwd, parts, (p) => [
    ...ptrs,
    T + p * 2 * cols * 8,
    cols,
    a.accumulate ? 1 : 0,
    bound(rows, parts, p, 1),
    bound(rows, parts, p + 1, 1),
  ]);
  const partial = new Float64Array(b.arena.memory.buffer, T, parts * 2 * cols);
  const og = cpu(a.dGain).f32;
  const ob = cpu(a.dBias).f32;
  for (let c = 0; c < cols; c++) {
    let g = 0;
    let s = 0;
    for (let p = 0; p < parts; p++) {
      g += partial[p * 2 * cols + c] as number;
      s += partial[p * 2 * cols + cols + c] as number;
    }
    og[c] = g;
    ob[c] = s;
  }
}

/** A kernel that takes the WebAssembly path when the backend has it, else the JavaScript one. */
function wasmOr<K extends KernelName>(
  name: K,
  fast: (b: FastKernelHost, a: KernelArgs[K]) => void,
): KernelFunc<K> {
  const js = jsKernels[name] as KernelFunc<K>;
  return (b, a) => ((b as FastKernelHost).wasm ? fast(b as FastKernelHost, a) : js(b, a));
}

/** The `cpu` backend's kernels: the JavaScript ones, with WebAssembly SIMD where it pays. */
export const cpuKernels: { readonly [K in KernelName]: KernelFunc<K> } = {
  ...jsKernels,
  embeddingGather: wasmOr("embeddingGather", embeddingGatherFast),
  embeddingScatterAdd: wasmOr("embeddingScatterAdd", embeddingScatterAddFast),
  matMul: wasmOr("matMul", matMul),
  add: wasmOr("add", addFast),
  activation: wasmOr("activation", activationFast),
  activationBackward: wasmOr("activationBackward", activationBackwardFast),
  softmaxCrossEntropy: wasmOr("softmaxCrossEntropy", (b, a) =>
    lossFast(b, Task.crossEntropy, a, "softmaxCrossEntropy"),
  ),
  mse: wasmOr("mse", (b, a) => lossFast(b, Task.mse, a, "mse")),
  attention: wasmOr("attention", attentionFast),
  attentionBackward: wasmOr("attentionBackward", attentionBackwardFast),
  biasAdd: wasmOr("biasAdd", biasAddFast),
  sumRows: wasmOr("sumRows", sumRowsFast),
  layerNorm: wasmOr("layerNorm", layerNormFast),
  layerNormBackward: wasmOr("layerNormBackward", layerNormBackwardFast),
  // a scaled (clipped) gradient takes the JavaScript path: clipping is active on few steps
  adamwUpdate: wasmOr("adamwUpdate", (b, a) =>
    (a.gradScale ?? 1) === 1 ? adamwFast(b, a) : jsKernels.adamwUpdate(b, a),
  ),
};
