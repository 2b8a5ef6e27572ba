import { assertShape, type KernelArgs, rowsCols } from "../../backend.js";
import { cpu } from "./util.js";

function checkLoss(kernel: string, args: KernelArgs["softmaxCrossEntropy"]) {
  const { rows, cols } = rowsCols(args.logits);
  assertShape(args.targets.size === rows, kernel, `${args.targets.size} targets for ${rows} rows`);
  assertShape(args.stats.size === 2, kernel, "stats must have size 2");
  if (args.dLogits)
    assertShape(args.dLogits.size === args.logits.size, kernel, "dLogits size differs from logits");
  return { rows, cols };
}

/** Rows [from, to) of the cross-entropy; returns [loss sum, correct count]. */
export function crossEntropyRows(
  x: Float32Array,
  t: Int32Array,
  d: Float32Array | undefined,
  cols: number,
  scale: number,
  from: number,
  to: number,
): [number, number] {
  let loss = 0;
  let correct = 0;
  for (let r = from; r < to; r++) {
    const base = r * cols;
    if ((t[r] as number) < 0) {
      // a row without loss (prompt or padding of a sequence): no loss, not counted, zero gradient
      if (d) d.fill(0, base, base + cols);
      continue;
    }
    let max = x[base] as number;
    let arg = 0;
    for (let c = 1; c < cols; c++) {
      const v = x[base + c] as number;
      if (v > max) {
        max = v;
        arg = c;
      }
    }
    const target = t[r] as number;
    if (arg === target) correct++;
    let sum = 0;
    if (d) {
      // one exp per logit: keep exp(x − max) in dLogits, then normalise in place
      for (let c = 0; c < cols; c++) {
        const e = Math.exp((x[base + c] as number) - max);
        d[base + c] = e;
        sum += e;
      }
      const inv = scale / sum;
      for (let c = 0; c < cols; c++) d[base + c] = (d[base + c] as number) * inv;
      d[base + target] = (d[base + target] as number) - scale;
    } else {
      for (let c = 0; c < cols; c++) sum += Math.exp((x[base + c] as number) - max);
    }
    loss += Math.log(sum) + max - (x[base + target] as number);
  }
  return [loss, correct];
}

export function softmaxCrossEntropy(args: KernelArgs["softmaxCrossEntropy"]): void {
  const { rows, cols } = checkLoss("softmaxCrossEntropy", args);
  const d = args.dLogits ? cpu(args.dLogits).f32 : undefined;
  const [loss, correct] = crossEntropyRows(
    cpu(args.logits).f32,
    cpu(args.targets).i32,
    d,
    cols,
    args.scale ?? 1,
    0,
    rows,
  );
  const s = cpu(args.stats).f32;
  s[0] = loss;
  s[1] = correct;
}

export function mseRows(
  x: Float32Array,
  t: Int32Array,
  d: Float32Array | undefined,
  cols: number,
  scale: number,
  from: number,
  to: number,
): [number, number] {
  let loss = 0;
  let correct = 0;
  for (let r = from; r < to; r++) {
    const base = r * cols;
    const target = t[r] as number;
    let max = x[base] as number;
    let arg = 0;
    for (let c = 0; c < cols; c++) {
      const v = x[base + c] as number;
      if (v > max) {
        max = v;
        arg = c;
      }
      const e = c === target ? v - 1 : v;
      loss += e * e;
      if (d) d[base + c] = 2 * scale * e;
    }
    if (arg === target) correct++;
  }
  return [loss, correct];
}

export function mse(args: KernelArgs["mse"]): void {
  const { rows, cols } = checkLoss("mse", args);
  const d = args.dLogits ? cpu(args.dLogits).f32 : undefined;
  const [loss, correct] = mseRows(
    cpu(args.logits).f32,
    cpu(args.targets).i32,
    d,
    cols,
    args.scale ?? 1,
    0,
    rows,
  );
  const s = cpu(args.stats).f32;
  s[0] = loss;
  s[1] = correct;
}
