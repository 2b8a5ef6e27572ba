import { assertShape, bagSize, type KernelArgs, rowsCols } from "../../backend.js";
import { cpu } from "./util.js";

function check(kernel: string, table: { size: number; shape: readonly number[] }, n: number, slots: number) {
  assertShape(n === slots, kernel, `${n} indices for ${slots} bag slots`);
  return table.shape[0] ?? 0;
}

export function embeddingGather({
  table,
  indices,
  out,
  accumulate = false,
  bag: bagArg,
}: KernelArgs["embeddingGather"]): void {
  const { rows, cols } = rowsCols(out);
  const bag = bagSize(bagArg, "embeddingGather");
  const vocab = check("embeddingGather", table, indices.size, rows * bag);
  assertShape(rowsCols(table).cols === cols, "embeddingGather", "table and out widths differ");
  const t = cpu(table).f32;
  const idx = cpu(indices).i32;
  const o = cpu(out).f32;
  for (let n = 0; n < rows; n++) {
    const dst = n * cols;
    for (let j = 0; j < bag; j++) {
      const id = idx[n * bag + j] as number;
      assertShape(id >= 0 && id < vocab, "embeddingGather", `index ${id} outside [0, ${vocab})`);
      const src = id * cols;
      if (accumulate || j > 0)
        for (let c = 0; c < cols; c++) o[dst + c] = (o[dst + c] as number) + (t[src + c] as number);
      else o.set(t.subarray(src, src + cols), dst);
    }
  }
}

export function embeddingScatterAdd({
  dOut,
  indices,
  dTable,
  accumulate = false,
  bag: bagArg,
}: KernelArgs["embeddingScatterAdd"]): void {
  const { rows, cols } = rowsCols(dOut);
  const bag = bagSize(bagArg, "embeddingScatterAdd");
  const vocab = check("embeddingScatterAdd", dTable, indices.size, rows * bag);
  assertShape(rowsCols(dTable).cols === cols, "embeddingScatterAdd", "table and dOut widths differ");
  const g = cpu(dOut).f32;
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
