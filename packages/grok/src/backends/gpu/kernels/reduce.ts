import type { Texture } from "gpu.js";
import type { GpuBackend } from "../gpu-backend.js";
import { digits } from "../program.js";

/** Rows summed per thread and pass: a tree of 64-wide blocks keeps float32 error at O(log n). */
const block = 64;

/**
 * Column sums of a row-major [rows, cols] storage: a tree of passes, each summing blocks of
 * {@link block} rows in a fixed order (deterministic, no atomics). With `square`, the first pass
 * sums x² instead of x. Returns a new [cols] storage; the input is left alone.
 */
export function reduceRows(
  b: GpuBackend,
  x: Texture | Float32Array,
  rows: number,
  cols: number,
  square = false,
): Texture | Float32Array {
  if (rows === 0) return b.run("function () { return 0; }", cols, []);
  let cur = x;
  let r = rows;
  let first = true;
  do {
    const outRows = Math.ceil(r / block);
    const term = square && first ? "v * v" : "v";
    const source = `function (x) {
  ${digits("this.thread.x", "rb", ["c", cols])}
  let s = 0;
  for (let i = 0; i < ${Math.min(block, r)}; i++) {
    const rr = rb * ${block} + i;
    if (rr < ${r}) {
      const v = x[rr * ${cols} + c];
      s += ${term};
    }
  }
  return s;
}`;
    const next = b.run(source, outRows * cols, [cur]);
    if (!first) b.release(cur);
    cur = next;
    r = outRows;
    first = false;
  } while (r > 1);
  return cur;
}
