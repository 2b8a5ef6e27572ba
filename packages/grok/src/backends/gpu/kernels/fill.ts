import type { KernelFunc } from "../../backend.js";
import { gpuOf, runInto } from "../program.js";

/** out[i] = value (a uniform, so one compiled program serves every value). */
export const fill: KernelFunc<"fill"> = (backend, { out, value }) => {
  const b = gpuOf(backend);
  const o = b.own(out, "fill");
  const v = o.dtype === "int32" ? Math.trunc(value) : value;
  if (o.host) o.host.fill(v);
  runInto(b, o, "function (value) { return value; }", [v]);
};
