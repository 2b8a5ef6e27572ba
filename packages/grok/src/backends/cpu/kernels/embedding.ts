import { assertShape, type KernelArgs, rowsCols } from "../../backend.js";
import { cpu } from "./util.js";

function check(kernel: string, table: { size: number; shape: readonly number[] }, n: number, rows: number) {
  assertShape(n === rows, kernel, `${n} indices for ${rows} rows`);
  return table.shape[0] ?? 0;
}

export function embeddingGather({
  table,
  indices,
  out,
  accumulate = false,
}: KernelArgs["embeddingGather"]): void {
  const { rows, cols } = rowsCols(out);
  const vocab = check("embeddingGather", table, indices.size, rows);
  assertShape(rowsCols(table).cols === cols, "embeddingGather", "table and out widths differ");
  const t = cpu(table).f32;
  const idx = cpu(indices).i32;
  const o = cpu(out).f32;
  for (let n = 0; n < rows; n++) {
    const id = idx[n] as number;
    assertShape(id >= 0 && id < vocab, "embeddingGather", `index ${id} outside [0, ${vocab})`);
    const src = id * cols;
    const dst = n * cols;
    if (accumulate)
      for (let c = 0; c < cols; c++) o[dst + c] = (o[dst + c] as number) + (t[src + c] as number);
    else o.set(t.subarray(src, src + cols), dst);
  }
}

export function embeddingScatterAdd({
  dOut,
  indices,
  dTable,
  accumulate = false,
}: KernelArgs["embeddingScatterAdd"]): void {
  const { rows, cols } = rowsCols(dOut);
  const vocab = check("embeddingScatterAdd", dTable, indices.size, rows);
  assertShape(rowsCols(dTable).cols === cols, "embeddingScatterAdd", "table and dOut widths differ");
  const g = cpu(dOut).f32;
  const idx = cpu(indices).i32;
  const o = cpu(dTable).f32;
  if (!accumulate) o.fill(0);
  for (let n = 0; n < rows; n++) {
    const id = idx[n] as number;
    assertShape(id >= 0 && id < vocab, "embeddingScatterAdd", `index ${id} outside [0, ${vocab})`);
    const dst = id * cols;
    const src = n * cols;
    for (let c = 0; c < cols; c++) o[dst + c] = (o[dst + c] as number) + (g[src + c] as number);
  }
}
