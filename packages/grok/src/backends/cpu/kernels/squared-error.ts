import { assertShape, type KernelArgs } from "../../backend.js";
import { cpu } from "./util.js";

/**
 * Masked squared error of a regression head (see `KernelArgs["squaredError"]`). Plain JavaScript
 * on every cpu configuration: the heads it serves are a handful of columns wide, far below where
 * threads or SIMD would pay. Sums run in float64 so the statistic does not depend on row order
 * precision.
 */
export function squaredError(args: KernelArgs["squaredError"]): void {
  const { predictions, targets, mask, stats, dPredictions } = args;
  const n = predictions.size;
  assertShape(targets.size === n, "squaredError", `${targets.size} targets for ${n} predictions`);
  assertShape(mask.size === n, "squaredError", `${mask.size} mask values for ${n} predictions`);
  assertShape(stats.size === 2, "squaredError", "stats must have size 2");
  if (dPredictions)
    assertShape(dPredictions.size === n, "squaredError", "dPredictions size differs from predictions");
  const p = cpu(predictions).f32;
  const t = cpu(targets).f32;
  const m = cpu(mask).f32;
  const d = dPredictions ? cpu(dPredictions).f32 : undefined;
  const twoScale = 2 * (args.scale ?? 1);
  let loss = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const w = m[i] as number;
    const e = w === 0 ? 0 : (p[i] as number) - (t[i] as number);
    loss += w * e * e;
    count += w;
    if (d) d[i] = twoScale * w * e;
  }
  const s = cpu(stats).f32;
  s[0] = loss;
  s[1] = count;
}
