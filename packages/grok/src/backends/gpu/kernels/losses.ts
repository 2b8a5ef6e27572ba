import type { KernelFunc, Tensor } from "../../backend.js";
import type { GpuBackend } from "../gpu-backend.js";
import type { GpuTensor } from "../gpu-tensor.js";
import { check, digits, gpuOf, own, runInto } from "../program.js";
import { reduceRows } from "./reduce.js";

interface LossShapes {
  logits: GpuTensor;
  targets: GpuTensor;
  stats: GpuTensor;
  dLogits: GpuTensor | undefined;
  n: number;
  classes: number;
}

function shapes(
  b: GpuBackend,
  kernel: string,
  args: { logits: Tensor; targets: Tensor; stats: Tensor; dLogits?: Tensor },
  /** Lowest valid target: −1 for cross-entropy (a row without loss), 0 for MSE. */
  low = 0,
): LossShapes {
  const [logits, targets, stats] = own(b, kernel, args.logits, args.targets, args.stats);
  const dLogits = args.dLogits === undefined ? undefined : b.own(args.dLogits, kernel);
  check(logits.shape.length === 2, kernel, `logits must be [N, C], got [${logits.shape}]`);
  const [n, classes] = logits.shape as [number, number];
  check(targets.dtype === "int32" && targets.size === n, kernel, `targets must be int32 [${n}]`);
  check(stats.size === 2, kernel, `stats must have size 2, got ${stats.size}`);
  check(!dLogits || dLogits.size === logits.size, kernel, "dLogits must match logits");
  check(classes > 0, kernel, "logits need at least one class");
  const ids = targets.host as Int32Array;
  for (const t of ids) check(t >= low && t < classes, kernel, `target ${t} outside [${low}, ${classes})`);
  return { logits, targets, stats, dLogits, n, classes };
}

/** Code computing `arg`, the first index of the row maximum (ties → lowest index). */
const argmaxLines = (classes: number) => `let best = logits[base];
  let arg = 0;
  for (let c = 1; c < ${classes}; c++) {
    const v = logits[base + c];
    if (v > best) {
      best = v;
      arg = c;
    }
  }`;

/**
 * Per-row [loss, correct] pairs, then a deterministic tree sum into stats. `rowLoss` is the
 * program body line that returns row n's loss (variables in scope: base, t, n).
 */
function writeStats(
  b: GpuBackend,
  s: LossShapes,
  rowLoss: string,
  extraArgs: GpuTensor[],
  extraNames: string,
): void {
  const { n, classes } = s;
  if (n === 0) {
    runInto(b, s.stats, "function () { return 0; }", []);
    return;
  }
  const source = `function (logits, targets${extraNames}) {
  ${digits("this.thread.x", "n", ["which", 2])}
  const base = n * ${classes};
  const t = Math.floor(targets[n] + 0.5);
  if (t < -0.5) {
    return 0;
  }
  if (which < 0.5) {
    ${rowLoss}
  }
  ${argmaxLines(classes)}
  if (Math.abs(arg - t) < 0.5) {
    return 1;
  }
  return 0;
}`;
  const rows = b.run(source, 2 * n, [
    b.input(s.logits),
    b.input(s.targets),
    ...extraArgs.map((t) => b.input(t)),
  ]);
  const sums = reduceRows(b, rows, n, 2);
  b.release(rows);
  b.write(s.stats, sums);
}

/**
 * Softmax cross-entropy: a log-sum-exp pass per row (max-shifted), then the per-row loss/argmax
 * pairs and, when asked, dLogits = scale · (softmax − onehot), all reusing that row statistic.
 */
export const softmaxCrossEntropy: KernelFunc<"softmaxCrossEntropy"> = (backend, args) => {
  const b = gpuOf(backend);
  const s = shapes(b, "softmaxCrossEntropy", args, -1);
  const { n, classes } = s;
  if (n === 0) {
    writeStats(b, s, "", [], "");
    return;
  }
  const lse = b.tensor([n]);
  try {
    runInto(
      b,
      lse,
      `function (logits) {
  const base = this.thread.x * ${classes};
  let m = logits[base];
  for (let c = 1; c < ${classes}; c++) {
    m = Math.max(m, logits[base + c]);
  }
  let sum = 0;
  for (let c = 0; c < ${classes}; c++) {
    sum += Math.exp(logits[base + c] - m);
  }
  return m + Math.log(sum);
}`,
      [s.logits],
    );
    writeStats(b, s, "return lse[n] - logits[base + t];", [lse], ", lse");
    if (s.dLogits) {
      const source = `function (logits, targets, lse, scale) {
  ${digits("this.thread.x", "n", ["c", classes])}
  const p = Math.exp(logits[this.thread.x] - lse[n]);
  const t = Math.floor(targets[n] + 0.5);
  if (t < -0.5) {
    return 0;
  }
  if (Math.abs(c - t) < 0.5) {
    return scale * (p - 1);
  }
  return scale * p;
}`;
      runInto(b, s.dLogits, source, [s.logits, s.targets, lse, args.scale ?? 1]);
    }
  } finally {
    b.free(lse);
  }
};

/** Squared error against one-hot targets: stats [Σ (logits − onehot)², correct], dLogits = 2·scale·(logits − onehot). */
export const mse: KernelFunc<"mse"> = (backend, args) => {
  const b = gpuOf(backend);
  const s = shapes(b, "mse", args);
  const { classes } = s;
  writeStats(
    b,
    s,
    `let sq = 0;
    for (let c = 0; c < ${classes}; c++) {
      let e = logits[base + c];
      if (Math.abs(c - t) < 0.5) {
        e = e - 1;
      }
      sq += e * e;
    }
    return sq;`,
    [],
    "",
  );
  if (s.dLogits && s.n > 0) {
    const source = `function (logits, targets, scale) {
  ${digits("this.thread.x", "n", ["c", classes])}
  const t = Math.floor(targets[n] + 0.5);
  let e = logits[this.thread.x];
  if (Math.abs(c - t) < 0.5) {
    e = e - 1;
  }
  return 2 * scale * e;
}`;
    runInto(b, s.dLogits, source, [s.logits, s.targets, args.scale ?? 1]);
  }
};
