import { assertShape, type KernelArgs, rowsCols } from "../../backend.js";
import { cpu } from "./util.js";

function dims(
  kernel: string,
  x: KernelArgs["layerNorm"]["x"],
  gain: KernelArgs["layerNorm"]["gain"],
  mean: KernelArgs["layerNorm"]["mean"],
  rstd: KernelArgs["layerNorm"]["rstd"],
) {
  const { rows, cols } = rowsCols(x);
  assertShape(gain.size === cols, kernel, `gain size ${gain.size} vs ${cols} columns`);
  assertShape(mean.size === rows && rstd.size === rows, kernel, `mean and rstd must have ${rows} entries`);
  return { rows, cols };
}

// The range functions are self-contained (no module-level references): worker threads run their source.

/** Rows [from, to) of LayerNorm (statistics in double precision). */
export function layerNormRange(
  x: Float32Array,
  g: Float32Array,
  b: Float32Array,
  o: Float32Array,
  mean: Float32Array,
  rstd: Float32Array,
  cols: number,
  eps: number,
  from: number,
  to: number,
): void {
  for (let r = from; r < to; r++) {
    const base = r * cols;
    let s = 0;
    for (let c = 0; c < cols; c++) s += x[base + c] as number;
    const mu = s / cols;
    let v = 0;
    for (let c = 0; c < cols; c++) {
      const d = (x[base + c] as number) - mu;
      v += d * d;
    }
    const rho = 1 / Math.sqrt(v / cols + eps);
    mean[r] = mu;
    rstd[r] = rho;
    for (let c = 0; c < cols; c++)
      o[base + c] = ((x[base + c] as number) - mu) * rho * (g[c] as number) + (b[c] as number);
  }
}

/**
 * Rows [from, to) of the LayerNorm backward: dx for those rows, and their contributions to
 * dGain and dBias added into `dg` / `db` (float64 partial sums, combined by the caller).
 */
export function layerNormBackwardRange(
  x: Float32Array,
  g: Float32Array,
  mean: Float32Array,
  rstd: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  dg: Float64Array,
  db: Float64Array,
  cols: number,
  accumulate: boolean,
  from: number,
  to: number,
): void {
  for (let r = from; r < to; r++) {
    const base = r * cols;
    const mu = mean[r] as number;
    const rho = rstd[r] as number;
    let sg = 0;
    let sgx = 0;
    for (let c = 0; c < cols; c++) {
      const xh = ((x[base + c] as number) - mu) * rho;
      const d = dy[base + c] as number;
      const gd = d * (g[c] as number);
      sg += gd;
      sgx += gd * xh;
      dg[c] = (dg[c] as number) + d * xh;
      db[c] = (db[c] as number) + d;
    }
    const mg = sg / cols;
    const mgx = sgx / cols;
    for (let c = 0; c < cols; c++) {
      const xh = ((x[base + c] as number) - mu) * rho;
      const v = rho * ((dy[base + c] as number) * (g[c] as number) - mg - xh * mgx);
      dx[base + c] = accumulate ? (dx[base + c] as number) + v : v;
    }
  }
}

export function layerNorm(a: KernelArgs["layerNorm"]): void {
  const { rows, cols } = dims("layerNorm", a.x, a.gain, a.mean, a.rstd);
  assertShape(a.bias.size === cols && a.out.size === a.x.size, "layerNorm", "bias or out size differs");
  const f = (t: typeof a.x) => cpu(t).f32;
  layerNormRange(f(a.x), f(a.gain), f(a.bias), f(a.out), f(a.mean), f(a.rstd), cols, a.eps, 0, rows);
}

export function layerNormBackward(a: KernelArgs["layerNormBackward"]): void {
  const { rows, cols } = dims("layerNormBackward", a.x, a.gain, a.mean, a.rstd);
  assertShape(
    a.dOut.size === a.x.size && a.dx.size === a.x.size && a.dGain.size === cols && a.dBias.size === cols,
    "layerNormBackward",
    "dOut, dx, dGain or dBias size differs",
  );
  const f = (t: typeof a.x) => cpu(t).f32;
  const dg = new Float64Array(cols);
  const db = new Float64Array(cols);
  const acc = a.accumulate === true;
  layerNormBackwardRange(
    f(a.x),
    f(a.gain),
    f(a.mean),
    f(a.rstd),
    f(a.dOut),
    f(a.dx),
    dg,
    db,
    cols,
    acc,
    0,
    rows,
  );
  const og = f(a.dGain);
  const ob = f(a.dBias);
  for (let c = 0; c < cols; c++) {
    og[c] = dg[c] as number;
    ob[c] = db[c] as number;
  }
}
