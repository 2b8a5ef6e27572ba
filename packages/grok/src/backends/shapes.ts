/** Shape checks and dimension helpers shared by every backend's kernels. */
import { GrokError } from "../errors.js";
import type { Tensor } from "./contract.js";
import { type BagRows, isBagRows, type KernelArgs } from "./kernel-args.js";

/** Throw a SHAPE_MISMATCH error unless `ok`. Shared by backends for argument checks. */
export function assertShape(ok: boolean, kernel: string, detail: string): void {
  if (!ok) throw new GrokError("SHAPE_MISMATCH", `${kernel}: ${detail}`);
}

/** The [N, D] shape of a matMul operand (a tensor or the rows of an embedding bag), checked. */
export function operandShape(a: Tensor | BagRows): readonly number[] {
  if (!isBagRows(a)) return a.shape;
  const bag = bagSize(a.bag, "matMul");
  assertShape(a.table.shape.length === 2, "matMul", "the bag's table must be [V, D]");
  assertShape(a.indices.size % bag === 0, "matMul", `${a.indices.size} indices are not bags of ${bag}`);
  return [a.indices.size / bag, a.table.shape[1] as number];
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
