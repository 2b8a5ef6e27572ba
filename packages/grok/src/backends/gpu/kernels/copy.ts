import type { KernelFunc } from "../../backend.js";
import { check, gpuOf, identitySource, own, runInto } from "../program.js";

/** out = x, rendered into a new texture (outputs never share storage with inputs). */
export const copy: KernelFunc<"copy"> = (backend, args) => {
  const b = gpuOf(backend);
  const [x, out] = own(b, "copy", args.x, args.out);
  check(x.size === out.size, "copy", `sizes ${x.size} vs ${out.size}`);
  check(x.dtype === out.dtype, "copy", `dtypes ${x.dtype} vs ${out.dtype}`);
  if (out.host && x.host) out.host = Int32Array.from(x.host);
  runInto(b, out, identitySource, [x]);
};
