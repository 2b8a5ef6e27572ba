import type { Texture } from "gpu.js";
import type { KernelFunc } from "../../backend.js";
import type { GpuBackend } from "../gpu-backend.js";
import type { GpuTensor } from "../gpu-tensor.js";
import { addSource, check, gpuOf, own } from "../program.js";
import { reduceRows } from "./reduce.js";

/** out[d] (+)= Σ_n dy[n, d]. */
export const sumRows: KernelFunc<"sumRows"> = (backend, args) => {
  const b = gpuOf(backend);
  const [dy, out] = own(b, "sumRows", args.dy, args.out);
  const d = dy.shape[dy.shape.length - 1] ?? 1;
  check(out.size === d, "sumRows", `out size ${out.size} vs ${d} columns`);
  if (d === 0) return;
  const sums = reduceRows(b, b.input(dy), dy.size / d, d);
  writeSum(b, out, sums, args.accumulate === true);
};

/** out[0] (+)= Σ x². */
export const sumSquares: KernelFunc<"sumSquares"> = (backend, args) => {
  const b = gpuOf(backend);
  const [x, out] = own(b, "sumSquares", args.x, args.out);
  check(out.size === 1, "sumSquares", `out must have size 1, got ${out.size}`);
  const sums = reduceRows(b, b.input(x), x.size, 1, true);
  writeSum(b, out, sums, args.accumulate === true);
};

/** out = sums, or out += sums (one more pass: outputs never alias inputs). */
export function writeSum(
  b: GpuBackend,
  out: GpuTensor,
  sums: Texture | Float32Array,
  accumulate: boolean,
): void {
  if (!accumulate) {
    b.write(out, sums);
    return;
  }
  const total = b.run(addSource, out.size, [b.input(out), sums]);
  b.release(sums);
  b.write(out, total);
}
