import type { KernelFunc } from "../../backend.js";
import { check, digits, gpuOf, own, runInto } from "../program.js";
import { reduceRows } from "./reduce.js";

/**
 * Masked squared error of a regression head (see `KernelArgs["squaredError"]`): one program writes
 * each element's (mask·e², mask) pair, a deterministic tree sum reduces them into stats, and a
 * second elementwise program writes dPredictions. The mask is a 0/1 tensor rather than NaN
 * targets because GLSL's NaN tests are not reliable across drivers.
 */
export const squaredError: KernelFunc<"squaredError"> = (backend, args) => {
  const b = gpuOf(backend);
  const [predictions, targets, mask, stats] = own(
    b,
    "squaredError",
    args.predictions,
    args.targets,
    args.mask,
    args.stats,
  );
  const dPredictions = args.dPredictions === undefined ? undefined : b.own(args.dPredictions, "squaredError");
  const n = predictions.size;
  check(targets.size === n, "squaredError", `${targets.size} targets for ${n} predictions`);
  check(mask.size === n, "squaredError", `${mask.size} mask values for ${n} predictions`);
  check(stats.size === 2, "squaredError", `stats must have size 2, got ${stats.size}`);
  check(!dPredictions || dPredictions.size === n, "squaredError", "dPredictions must match predictions");
  if (n === 0) {
    runInto(b, stats, "function () { return 0; }", []);
    return;
  }
  const pairs = b.run(
    `function (p, t, m) {
  ${digits("this.thread.x", "i", ["which", 2])}
  const w = m[i];
  if (which > 0.5) {
    return w;
  }
  const e = p[i] - t[i];
  return w * e * e;
}`,
    2 * n,
    [b.input(predictions), b.input(targets), b.input(mask)],
  );
  const sums = reduceRows(b, pairs, n, 2);
  b.release(pairs);
  b.write(stats, sums);
  if (dPredictions) {
    runInto(
      b,
      dPredictions,
      `function (p, t, m, twoScale) {
  const i = this.thread.x;
  return twoScale * m[i] * (p[i] - t[i]);
}`,
      [predictions, targets, mask, 2 * (args.scale ?? 1)],
    );
  }
};
