/** Float64 reference implementations the conformance suite compares every backend against. */

export function matMulRef(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
  transposeB: boolean,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = transposeA ? a[p * m + i] : a[i * k + p];
        const bv = transposeB ? b[j * k + p] : b[p * n + j];
        s += (av as number) * (bv as number);
      }
      out[i * n + j] = s;
    }
  return out;
}

const GELU_C = Math.sqrt(2 / Math.PI);
export function activationRef(kind: "quadratic" | "relu" | "gelu", x: number): number {
  if (kind === "quadratic") return x * x;
  if (kind === "relu") return Math.max(0, x);
  return 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x ** 3)));
}

export function crossEntropyRef(logits: ArrayLike<number>, targets: ArrayLike<number>, cols: number) {
  let loss = 0;
  let correct = 0;
  for (let r = 0; r < targets.length; r++) {
    const row = Array.from({ length: cols }, (_, c) => logits[r * cols + c] as number);
    const max = Math.max(...row);
    const lse = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
    const t = targets[r] as number;
    loss += lse - (row[t] as number);
    if (row.indexOf(max) === t) correct++;
  }
  return { loss, correct };
}

export function adamwRef(
  p: number,
  g: number,
  m: number,
  v: number,
  o: { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; step: number },
) {
  const p1 = p * (1 - o.lr * o.weightDecay);
  const m1 = o.beta1 * m + (1 - o.beta1) * g;
  const v1 = o.beta2 * v + (1 - o.beta2) * g * g;
  const mh = m1 / (1 - o.beta1 ** o.step);
  const vh = v1 / (1 - o.beta2 ** o.step);
  return { p: p1 - (o.lr * mh) / (Math.sqrt(vh) + o.eps), m: m1, v: v1 };
}

export function attentionRef(
  q: ArrayLike<number>,
  k: ArrayLike<number>,
  v: ArrayLike<number>,
  batch: number,
  seq: number,
  heads: number,
  cols: number,
  causal: boolean,
) {
  const dh = cols / heads;
  const out = new Float64Array(batch * seq * cols);
  const probs = new Float64Array(batch * heads * seq * seq);
  for (let n = 0; n < batch; n++)
    for (let h = 0; h < heads; h++)
      for (let i = 0; i < seq; i++) {
        const s: number[] = [];
        for (let j = 0; j < seq; j++) {
          if (causal && j > i) {
            s.push(-Infinity);
            continue;
          }
          let dot = 0;
          for (let d = 0; d < dh; d++)
            dot +=
              (q[(n * seq + i) * cols + h * dh + d] as number) *
              (k[(n * seq + j) * cols + h * dh + d] as number);
          s.push(dot / Math.sqrt(dh));
        }
        const max = Math.max(...s);
        const e = s.map((x) => Math.exp(x - max));
        const z = e.reduce((x, y) => x + y, 0);
        for (let j = 0; j < seq; j++) probs[((n * heads + h) * seq + i) * seq + j] = (e[j] as number) / z;
        for (let d = 0; d < dh; d++) {
          let acc = 0;
          for (let j = 0; j < seq; j++)
            acc += ((e[j] as number) / z) * (v[(n * seq + j) * cols + h * dh + d] as number);
          out[(n * seq + i) * cols + h * dh + d] = acc;
        }
      }
  return { out, probs };
}

/** out[n, :] = Σ_j table[indices[n·bag + j], :] in float64. */
export function bagGatherRef(
  table: ArrayLike<number>,
  indices: ArrayLike<number>,
  bag: number,
  rows: number,
  cols: number,
) {
  const out = new Float64Array(rows * cols);
  for (let n = 0; n < rows; n++) {
    for (let j = 0; j < bag; j++) {
      const id = indices[n * bag + j] as number;
      for (let c = 0; c < cols; c++)
        out[n * cols + c] = (out[n * cols + c] as number) + (table[id * cols + c] as number);
    }
  }
  return out;
}

/** The adjoint of {@link bagGatherRef}: dTable[indices[n·bag + j], :] += dOut[n, :] in float64. */
export function bagScatterRef(
  dOut: ArrayLike<number>,
  indices: ArrayLike<number>,
  bag: number,
  vocab: number,
  cols: number,
) {
  const dTable = new Float64Array(vocab * cols);
  for (let s = 0; s < indices.length; s++) {
    const n = Math.floor(s / bag);
    const id = indices[s] as number;
    for (let c = 0; c < cols; c++)
      dTable[id * cols + c] = (dTable[id * cols + c] as number) + (dOut[n * cols + c] as number);
  }
  return dTable;
}

/** LayerNorm in float64: rows of [rows, cols], biased variance (PyTorch nn.LayerNorm). */
export function layerNormRef(
  x: ArrayLike<number>,
  gain: ArrayLike<number>,
  bias: ArrayLike<number>,
  rows: number,
  cols: number,
  eps: number,
) {
  const out = new Float64Array(rows * cols);
  const mean = new Float64Array(rows);
  const rstd = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += x[r * cols + c] as number;
    const mu = s / cols;
    let v = 0;
    for (let c = 0; c < cols; c++) v += ((x[r * cols + c] as number) - mu) ** 2;
    const rho = 1 / Math.sqrt(v / cols + eps);
    mean[r] = mu;
    rstd[r] = rho;
    for (let c = 0; c < cols; c++)
      out[r * cols + c] =
        ((x[r * cols + c] as number) - mu) * rho * (gain[c] as number) + (bias[c] as number);
  }
  return { out, mean, rstd };
}
