import type { KernelFunc } from "../../backend.js";
import { check, gpuOf, own, runInto } from "../program.js";

const momentSource =
  "function (m, g, beta, oneMinusBeta, gs) { return beta * m[this.thread.x] + oneMinusBeta * (gs * g[this.thread.x]); }";
const secondMomentSource =
  "function (v, g, beta, oneMinusBeta, gs) { const x = gs * g[this.thread.x]; return beta * v[this.thread.x] + oneMinusBeta * x * x; }";
const paramSource = `function (p, m, v, decay, lr, bc1, bc2, eps) {
  const mHat = m[this.thread.x] / bc1;
  const vHat = v[this.thread.x] / bc2;
  return p[this.thread.x] * decay - lr * mHat / (Math.sqrt(vHat) + eps);
}`;

/**
 * AdamW (PyTorch semantics), "in place" on param, m and v: three passes, each rendering a new
 * storage that is swapped in behind its handle (m and v first, then param from the new moments).
 * Step-dependent factors are uniforms, so warm-up schedules never recompile.
 */
export const adamwUpdate: KernelFunc<"adamwUpdate"> = (backend, args) => {
  const b = gpuOf(backend);
  const [param, grad, m, v] = own(b, "adamwUpdate", args.param, args.grad, args.m, args.v);
  check(
    grad.size === param.size && m.size === param.size && v.size === param.size,
    "adamwUpdate",
    "param, grad, m and v must have equal sizes",
  );
  const { lr, beta1, beta2, eps, weightDecay, step } = args;
  check(Number.isInteger(step) && step >= 1, "adamwUpdate", `step must be an integer ≥ 1, got ${step}`);
  const gs = args.gradScale ?? 1;
  runInto(b, m, momentSource, [m, grad, beta1, 1 - beta1, gs]);
  runInto(b, v, secondMomentSource, [v, grad, beta2, 1 - beta2, gs]);
  const bc1 = 1 - beta1 ** step;
  const bc2 = 1 - beta2 ** step;
  runInto(b, param, paramSource, [param, m, v, 1 - lr * weightDecay, lr, bc1, bc2, eps]);
};
