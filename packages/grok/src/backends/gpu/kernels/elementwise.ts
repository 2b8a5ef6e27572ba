import type { KernelFunc } from "../../backend.js";
import { addSource, check, digits, gpuOf, own, runInto } from "../program.js";

/** out = a + b. */
export const add: KernelFunc<"add"> = (backend, args) => {
  const b = gpuOf(backend);
  const [x, y, out] = own(b, "add", args.a, args.b, args.out);
  check(x.size === out.size && y.size === out.size, "add", `sizes ${x.size}, ${y.size} → ${out.size}`);
  runInto(b, out, addSource, [x, y]);
};

/** out[n, :] = x[n, :] + bias. */
export const biasAdd: KernelFunc<"biasAdd"> = (backend, args) => {
  const b = gpuOf(backend);
  const [x, bias, out] = own(b, "biasAdd", args.x, args.bias, args.out);
  const d = x.shape[x.shape.length - 1] ?? 1;
  check(bias.size === d, "biasAdd", `bias of size ${bias.size} for rows of ${d}`);
  check(out.size === x.size, "biasAdd", `out size ${out.size} vs ${x.size}`);
  const source = `function (x, bias) {
  ${digits("this.thread.x", "row", ["col", d])}
  return x[this.thread.x] + bias[col];
}`;
  runInto(b, out, source, [x, bias]);
};
