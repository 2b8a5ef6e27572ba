import { type KernelFunc, rowsCols } from "../../backend.js";
import { check, digits, gpuOf, own, plusPrev, runInto } from "../program.js";
import { reduceRows } from "./reduce.js";
import { writeSum } from "./reductions.js";

/** LayerNorm: a mean pass and an rstd pass per row, then the normalised, scaled output. */
export const layerNorm: KernelFunc<"layerNorm"> = (backend, args) => {
  const b = gpuOf(backend);
  const [x, gain, bias, out, mean, rstd] = own(
    b,
    "layerNorm",
    args.x,
    args.gain,
    args.bias,
    args.out,
    args.mean,
    args.rstd,
  );
  const { rows: n, cols: d } = rowsCols(x);
  check(gain.size === d && bias.size === d, "layerNorm", `gain and bias must have ${d} entries`);
  check(
    mean.size === n && rstd.size === n && out.size === x.size,
    "layerNorm",
    "mean, rstd or out size differs",
  );
  if (n === 0) return;
  runInto(
    b,
    mean,
    `function (x) {
  let s = 0;
  for (let c = 0; c < ${d}; c++) {
    s += x[this.thread.x * ${d} + c];
  }
  return s / ${d};
}`,
    [x],
  );
  runInto(
    b,
    rstd,
    `function (x, mean, eps) {
  const mu = mean[this.thread.x];
  let v = 0;
  for (let c = 0; c < ${d}; c++) {
    const e = x[this.thread.x * ${d} + c] - mu;
    v += e * e;
  }
  return 1 / Math.sqrt(v / ${d} + eps);
}`,
    [x, mean, args.eps],
  );
  runInto(
    b,
    out,
    `function (x, mean, rstd, gain, bias) {
  ${digits("this.thread.x", "row", ["col", d])}
  return (x[this.thread.x] - mean[row]) * rstd[row] * gain[col] + bias[col];
}`,
    [x, mean, rstd, gain, bias],
  );
};

/**
 * LayerNorm backward: per-row means of g = dOut·gain and g·x̂, then dx elementwise; dGain and
 * dBias are column sums (the deterministic tree of `reduceRows`) of dOut·x̂ and dOut.
 */
export const layerNormBackward: KernelFunc<"layerNormBackward"> = (backend, args) => {
  const b = gpuOf(backend);
  const [x, gain, mean, rstd, dOut, dx, dGain, dBias] = own(
    b,
    "layerNormBackward",
    args.x,
    args.gain,
    args.mean,
    args.rstd,
    args.dOut,
    args.dx,
    args.dGain,
    args.dBias,
  );
  const { rows: n, cols: d } = rowsCols(x);
  check(
    gain.size === d && dGain.size === d && dBias.size === d,
    "layerNormBackward",
    `gain, dGain, dBias: ${d} entries`,
  );
  check(
    mean.size === n && rstd.size === n && dOut.size === x.size && dx.size === x.size,
    "layerNormBackward",
    "mean, rstd, dOut or dx size differs",
  );
  if (n === 0) return;
  const acc = args.accumulate === true;
  const xhat = "(x[row * D + c] - mean[row]) * rstd[row]".replaceAll("D", String(d));
  const rowMeans = b.tensor([n, 2]);
  try {
    runInto(
      b,
      rowMeans,
      `function (x, mean, rstd, gain, dOut) {
  ${digits("this.thread.x", "row", ["which", 2])}
  let s = 0;
  for (let c = 0; c < ${d}; c++) {
    const gd = dOut[row * ${d} + c] * gain[c];
    if (which < 0.5) {
      s += gd;
    } else {
      s += gd * ${xhat};
    }
  }
  return s / ${d};
}`,
      [x, mean, rstd, gain, dOut],
    );
    runInto(
      b,
      dx,
      `function (x, mean, rstd, gain, dOut, rowMeans${acc ? ", prev" : ""}) {
  ${digits("this.thread.x", "row", ["c", d])}
  const xh = ${xhat};
  return rstd[row] * (dOut[this.thread.x] * gain[c] - rowMeans[row * 2] - xh * rowMeans[row * 2 + 1])${plusPrev(acc)};
}`,
      [x, mean, rstd, gain, dOut, rowMeans],
      acc,
    );
  } finally {
    b.free(rowMeans);
  }
  const prod = b.run(
    `function (x, mean, rstd, dOut) {
  ${digits("this.thread.x", "row", ["c", d])}
  return dOut[this.thread.x] * ${xhat};
}`,
    x.size,
    [b.input(x), b.input(mean), b.input(rstd), b.input(dOut)],
  );
  const gainSums = reduceRows(b, prod, n, d);
  b.release(prod);
  writeSum(b, dGain, gainSums, false);
  writeSum(b, dBias, reduceRows(b, b.input(dOut), n, d), false);
};
