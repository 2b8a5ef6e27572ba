import { assertShape, bagSize, type KernelArgs, rowsCols, type Tensor } from "../../backend.js";
import { activationBackwardRange, activationRange } from "./elementwise.js";
import { cpu } from "./util.js";

function check(kernel: string, table: { size: number; shape: readonly number[] }, n: number, slots: number) {
  assertShape(n === slots, kernel, `${n} indices for ${slots} bag slots`);
  return table.shape[0] ?? 0;
}

/** The rows the gather writes: `out`, or (activation only) the activation's output shape. */
export function gatherTarget(args: KernelArgs["embeddingGather"]): Tensor {
  const target = args.out ?? args.activation?.out;
  assertShape(target !== undefined, "embeddingGather", "needs out, or an activation with its out");
  if (args.out && args.activation) {
    assertShape(
      args.activation.out.size === args.out.size,
      "embeddingGather",
      "activation.out size differs from out",
    );
  }
  assertShape(!(args.accumulate && !args.out), "embeddingGather", "accumulate needs out");
  return target as Tensor;
}

/** Σ_j table[indices[n·bag + j], :] for every row n, into o (added to it with `accumulate`). */
function gatherRows(
  kernel: string,
  t: Float32Array,
  vocab: number,
  idx: Int32Array,
  o: Float32Array,
  rows: number,
  cols: number,
  bag: number,
  accumulate: boolean,
): void {
  for (let n = 0; n < rows; n++) {
    const dst = n * cols;
    for (let j = 0; j < bag; j++) {
      const id = idx[n * bag + j] as number;
      assertShape(id >= 0 && id < vocab, kernel, `index ${id} outside [0, ${vocab})`);
      const src = id * cols;
      if (accumulate || j > 0)
        for (let c = 0; c < cols; c++) o[dst + c] = (o[dst + c] as number) + (t[src + c] as number);
      else o.set(t.subarray(src, src + cols), dst);
    }
  }
}

export function embeddingGather(args: KernelArgs["embeddingGather"]): void {
  const { table, indices, out, accumulate = false, activation } = args;
  const target = gatherTarget(args);
  const { rows, cols } = rowsCols(target);
  const bag = bagSize(args.bag, "embeddingGather");
  const vocab = check("embeddingGather", table, indices.size, rows * bag);
  assertShape(rowsCols(table).cols === cols, "embeddingGather", "table and out widths differ");
  const o = out ? cpu(out).f32 : new Float32Array(rows * cols);
  gatherRows("embeddingGather", cpu(table).f32, vocab, cpu(indices).i32, o, rows, cols, bag, accumulate);
  if (activation) activationRange(o, cpu(activation.out).f32, activation.kind, 0, rows * cols);
}

export function embeddingScatterAdd({
  dOut,
  indices,
  dTable,
  accumulate = false,
  bag: bagArg,
  activation,
}: KernelArgs["embeddingScatterAdd"]): void {
  const { rows, cols } = rowsCols(dOut);
  const bag = bagSize(bagArg, "embeddingScatterAdd");
  const vocab = check("embeddingScatterAdd", dTable, indices.size, rows * bag);
  assertShape(rowsCols(dTable).cols === cols, "embeddingScatterAdd", "table and dOut widths differ");
  let g = cpu(dOut).f32;
  if (activation) {
    let x: Float32Array;
    if (activation.x) {
      assertShape(
        activation.x.size === dOut.size,
        "embeddingScatterAdd",
        "activation.x size differs from dOut",
      );
      x = cpu(activation.x).f32;
    } else {
      const table = activation.table as Tensor;
      assertShape(
        rowsCols(table).cols === cols,
        "embeddingScatterAdd",
        "activation.table and dOut widths differ",
      );
      x = new Float32Array(rows * cols);
      const tv = table.shape[0] ?? 0;
      gatherRows("embeddingScatterAdd", cpu(table).f32, tv, cpu(indices).i32, x, rows, cols, bag, false);
    }
    const dx = new Float32Array(dOut.size);
    activationBackwardRange(x, g, dx, activation.kind, 0, dOut.size);
    g = dx;
  }
  const idx = cpu(indices).i32;
  const o = cpu(dTable).f32;
  if (!accumulate) o.fill(0);
  for (let n = 0; n < rows; n++) {
    const src = n * cols;
    for (let j = 0; j < bag; j++) {
      const id = idx[n * bag + j] as number;
      assertShape(id >= 0 && id < vocab, "embeddingScatterAdd", `index ${id} outside [0, ${vocab})`);
      const dst = id * cols;
      for (let c = 0; c < cols; c++) o[dst + c] = (o[dst + c] as number) + (g[src + c] as number);
    }
  }
}
