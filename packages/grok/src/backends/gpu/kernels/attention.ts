import type { KernelFunc, Tensor } from "../../backend.js";
import type { GpuBackend } from "../gpu-backend.js";
import type { GpuTensor } from "../gpu-tensor.js";
import { check, digits, gpuOf, own, runInto } from "../program.js";

/** Dimensions of one attention call: N sequences of S tokens, H heads of width DH, D = H·DH. */
interface Dims {
  n: number;
  s: number;
  h: number;
  dh: number;
  d: number;
}

function dimsOf(kernel: string, q: Tensor, seq: number, heads: number, probs: Tensor): Dims {
  check(
    Number.isInteger(seq) && seq > 0 && Number.isInteger(heads) && heads > 0,
    kernel,
    "seq and heads must be positive integers",
  );
  check(q.shape.length === 2, kernel, `q must be [N·seq, heads·dh], got [${q.shape}]`);
  const [rows, d] = q.shape as [number, number];
  check(
    rows % seq === 0 && d % heads === 0,
    kernel,
    `q [${q.shape}] does not split into seq ${seq} × heads ${heads}`,
  );
  const n = rows / seq;
  check(probs.size === n * heads * seq * seq, kernel, `probs must be [${n}, ${heads}, ${seq}, ${seq}]`);
  return { n, s: seq, h: heads, dh: d / heads, d };
}

const sameShape = (a: Tensor, b: Tensor) =>
  a.shape.length === b.shape.length && a.shape.every((x, i) => x === b.shape[i]);

/** Digits of a probs-shaped index: n, h, i (query), j (key). */
const probDigits = ({ h, s }: Dims) => digits("this.thread.x", "n", ["h", h], ["i", s], ["j", s]);
/** Digits of a [N·S, D] index: n, i (token), hh (head), e (feature within the head), col. */
const tokenDigits = ({ s, d, dh }: Dims) =>
  `${digits("this.thread.x", "row", ["col", d])}
  ${digits("row", "n", ["i", s])}
  ${digits("col", "hh", ["e", dh])}`;

/** Per-head dot products of rows of `x` and `y` over DH features: scores or dP. */
function headDots(b: GpuBackend, dims: Dims, x: GpuTensor, y: GpuTensor, scaled: boolean): GpuTensor {
  const { n, s, h, dh, d } = dims;
  const out = b.tensor([n, h, s, s]);
  const source = `function (x, y${scaled ? ", scale" : ""}) {
  ${probDigits(dims)}
  const xb = (n * ${s} + i) * ${d} + h * ${dh};
  const yb = (n * ${s} + j) * ${d} + h * ${dh};
  let acc = 0;
  for (let e = 0; e < ${dh}; e++) {
    acc += x[xb + e] * y[yb + e];
  }
  return acc${scaled ? " * scale" : ""};
}`;
  runInto(b, out, source, scaled ? [x, y, 1 / Math.sqrt(dh)] : [x, y]);
  return out;
}

/**
 * probs = softmax(q·kᵀ/√dh) (causal mask optional), out = probs · v, per sequence and head:
 * a scores pass, a row-softmax pass (max-shifted) and a weighted-sum pass.
 */
export const attention: KernelFunc<"attention"> = (backend, args) => {
  const b = gpuOf(backend);
  const [q, k, v, probs, out] = own(b, "attention", args.q, args.k, args.v, args.probs, args.out);
  const dims = dimsOf("attention", q, args.seq, args.heads, probs);
  check(
    sameShape(q, k) && sameShape(q, v) && sameShape(q, out),
    "attention",
    "q, k, v and out must have equal shapes",
  );
  const { s, h, d } = dims;
  if (dims.n === 0) return;
  const scores = headDots(b, dims, q, k, true);
  try {
    const allowed = (j: string) => (args.causal ? `${j} <= i` : "true");
    const softmax = `function (scores) {
  ${probDigits(dims)}
  const rowBase = this.thread.x - j;
  if (!(${allowed("j")})) {
    return 0;
  }
  let m = scores[rowBase];
  for (let jj = 1; jj < ${s}; jj++) {
    if (${allowed("jj")}) {
      m = Math.max(m, scores[rowBase + jj]);
    }
  }
  let sum = 0;
  for (let jj = 0; jj < ${s}; jj++) {
    if (${allowed("jj")}) {
      sum += Math.exp(scores[rowBase + jj] - m);
    }
  }
  return Math.exp(scores[this.thread.x] - m) / sum;
}`;
    runInto(b, probs, softmax, [scores]);
  } finally {
    b.free(scores);
  }
  const weighted = `function (probs, v) {
  ${tokenDigits(dims)}
  const pb = ((n * ${h} + hh) * ${s} + i) * ${s};
  let acc = 0;
  for (let j = 0; j < ${s}; j++) {
    acc += probs[pb + j] * v[(n * ${s} + j) * ${d} + col];
  }
  return acc;
}`;
  runInto(b, out, weighted, [probs, v]);
};

/**
 * Backward of attention from the saved probs: dP = dOut·vᵀ, dS = P ⊙ (dP − rowsum(P ⊙ dP)),
 * dq = dS·k/√dh, dk = dSᵀ·q/√dh, dv = Pᵀ·dOut. Masked entries have P = 0, so the causal mask
 * needs no flag here.
 */
export const attentionBackward: KernelFunc<"attentionBackward"> = (backend, args) => {
  const b = gpuOf(backend);
  const [q, k, v, probs, dOut, dq, dk, dv] = own(
    b,
    "attentionBackward",
    args.q,
    args.k,
    args.v,
    args.probs,
    args.dOut,
    args.dq,
    args.dk,
    args.dv,
  );
  const dims = dimsOf("attentionBackward", q, args.seq, args.heads, probs);
  for (const t of [k, v, dOut, dq, dk, dv]) {
    check(sameShape(q, t), "attentionBackward", "q, k, v, dOut, dq, dk and dv must have equal shapes");
  }
  const { s, h, d, dh } = dims;
  if (dims.n === 0) return;
  const dP = headDots(b, dims, dOut, v, false);
  const dS = b.tensor([dims.n, h, s, s]);
  try {
    const dsSource = `function (probs, dP) {
  ${probDigits(dims)}
  const rowBase = this.thread.x - j;
  let dot = 0;
  for (let jj = 0; jj < ${s}; jj++) {
    dot += probs[rowBase + jj] * dP[rowBase + jj];
  }
  return probs[this.thread.x] * (dP[this.thread.x] - dot);
}`;
    runInto(b, dS, dsSource, [probs, dP]);
    const scale = 1 / Math.sqrt(dh);
    // dq[i] = scale · Σ_j dS[i, j] k[j]   (query row i, loop over keys)
    const dqSource = `function (dS, k, scale) {
  ${tokenDigits(dims)}
  const sb = ((n * ${h} + hh) * ${s} + i) * ${s};
  let acc = 0;
  for (let j = 0; j < ${s}; j++) {
    acc += dS[sb + j] * k[(n * ${s} + j) * ${d} + col];
  }
  return acc * scale;
}`;
    runInto(b, dq, dqSource, [dS, k, scale]);
    // dk[j] = scale · Σ_i dS[i, j] q[i]   (this row is key j = i of the digits, loop over queries)
    const dkSource = `function (dS, q, scale) {
  ${tokenDigits(dims)}
  const sb = (n * ${h} + hh) * ${s * s} + i;
  let acc = 0;
  for (let r = 0; r < ${s}; r++) {
    acc += dS[sb + r * ${s}] * q[(n * ${s} + r) * ${d} + col];
  }
  return acc * scale;
}`;
    runInto(b, dk, dkSource, [dS, q, scale]);
    // dv[j] = Σ_i P[i, j] dOut[i]
    const dvSource = `function (probs, dOut) {
  ${tokenDigits(dims)}
  const sb = (n * ${h} + hh) * ${s * s} + i;
  let acc = 0;
  for (let r = 0; r < ${s}; r++) {
    acc += probs[sb + r * ${s}] * dOut[(n * ${s} + r) * ${d} + col];
  }
  return acc;
}`;
    runInto(b, dv, dvSource, [probs, dOut]);
  } finally {
    b.free(dP);
    b.free(dS);
  }
};
