import { assertShape, type KernelArgs, rowsCols } from "../../backend.js";
import { cpu } from "./util.js";

function dims(
  kernel: string,
  q: KernelArgs["attention"]["q"],
  probs: KernelArgs["attention"]["probs"],
  seq: number,
  heads: number,
) {
  const { rows, cols } = rowsCols(q);
  assertShape(
    rows % seq === 0 && cols % heads === 0,
    kernel,
    `rows ${rows} / seq ${seq}, cols ${cols} / heads ${heads}`,
  );
  const batch = rows / seq;
  assertShape(probs.size === batch * heads * seq * seq, kernel, "probs must be [N, heads, seq, seq]");
  return { batch, cols, dh: cols / heads };
}

/** Check an attention call's shapes; returns the number of sequences. */
export function attentionDims(a: KernelArgs["attention"]): { batch: number; cols: number } {
  const { batch, cols } = dims("attention", a.q, a.probs, a.seq, a.heads);
  for (const t of [a.k, a.v, a.out])
    assertShape(t.size === a.q.size, "attention", "q, k, v, out sizes differ");
  return { batch, cols };
}

/** Check an attentionBackward call's shapes; returns the number of sequences. */
export function attentionBackwardDims(a: KernelArgs["attentionBackward"]): { batch: number; cols: number } {
  const { batch, cols } = dims("attentionBackward", a.q, a.probs, a.seq, a.heads);
  for (const t of [a.k, a.v, a.dOut, a.dq, a.dk, a.dv]) {
    assertShape(t.size === a.q.size, "attentionBackward", "q, k, v, dOut, dq, dk, dv sizes differ");
  }
  return { batch, cols };
}

// The range functions are self-contained (no module-level references): worker threads run their
// source. Sequences are independent, so any split of [0, batch) gives the same bits.

/** Attention for sequences [from, to): probs and out of those sequences only. */
export function attentionRange(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  p: Float32Array,
  o: Float32Array,
  seq: number,
  heads: number,
  cols: number,
  causal: boolean,
  from: number,
  to: number,
): void {
  const dh = cols / heads;
  const scale = 1 / Math.sqrt(dh);
  const row = new Float64Array(seq);
  const acc = new Float64Array(dh);
  for (let n = from; n < to; n++) {
    for (let h = 0; h < heads; h++) {
      const off = h * dh;
      for (let i = 0; i < seq; i++) {
        const qi = (n * seq + i) * cols + off;
        let max = -Infinity;
        const last = causal ? i : seq - 1;
        for (let j = 0; j <= last; j++) {
          const kj = (n * seq + j) * cols + off;
          let s = 0;
          for (let d = 0; d < dh; d++) s += (q[qi + d] as number) * (k[kj + d] as number);
          s *= scale;
          row[j] = s;
          if (s > max) max = s;
        }
        let sum = 0;
        for (let j = 0; j <= last; j++) {
          const e = Math.exp((row[j] as number) - max);
          row[j] = e;
          sum += e;
        }
        const pb = ((n * heads + h) * seq + i) * seq;
        for (let j = 0; j < seq; j++) p[pb + j] = j <= last ? (row[j] as number) / sum : 0;
        acc.fill(0);
        for (let j = 0; j <= last; j++) {
          const pj = p[pb + j] as number;
          const vj = (n * seq + j) * cols + off;
          for (let d = 0; d < dh; d++) acc[d] = (acc[d] as number) + pj * (v[vj + d] as number);
        }
        for (let d = 0; d < dh; d++) o[qi + d] = acc[d] as number;
      }
    }
  }
}

/** Attention backward for sequences [from, to): dq, dk, dv rows of those sequences (overwritten). */
export function attentionBackwardRange(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  p: Float32Array,
  g: Float32Array,
  dq: Float32Array,
  dk: Float32Array,
  dv: Float32Array,
  seq: number,
  heads: number,
  cols: number,
  from: number,
  to: number,
): void {
  const dh = cols / heads;
  const scale = 1 / Math.sqrt(dh);
  const dp = new Float64Array(seq);
  dq.fill(0, from * seq * cols, to * seq * cols);
  dk.fill(0, from * seq * cols, to * seq * cols);
  dv.fill(0, from * seq * cols, to * seq * cols);
  for (let n = from; n < to; n++) {
    for (let h = 0; h < heads; h++) {
      const off = h * dh;
      for (let i = 0; i < seq; i++) {
        const qi = (n * seq + i) * cols + off;
        const pb = ((n * heads + h) * seq + i) * seq;
        // dP_ij = dOut_i · v_j ; dV_j += P_ij dOut_i (P_ij = 0 beyond the causal mask)
        let dot = 0;
        for (let j = 0; j < seq; j++) {
          const pij = p[pb + j] as number;
          // a zero probability (beyond the causal mask) adds nothing to dot, dv or dS: skip its
          // dot product (half the work of a causal pattern, the same bits)
          if (pij === 0) {
            dp[j] = 0;
            continue;
          }
          const vj = (n * seq + j) * cols + off;
          let s = 0;
          for (let d = 0; d < dh; d++) {
            const gd = g[qi + d] as number;
            s += gd * (v[vj + d] as number);
            dv[vj + d] = (dv[vj + d] as number) + pij * gd;
          }
          dp[j] = s;
          dot += pij * s;
        }
        // softmax backward: dS_ij = P_ij (dP_ij − Σ_l P_il dP_il); masked entries have P = 0.
        for (let j = 0; j < seq; j++) {
          const ds = (p[pb + j] as number) * ((dp[j] as number) - dot) * scale;
          if (ds === 0) continue;
          const kj = (n * seq + j) * cols + off;
          for (let d = 0; d < dh; d++) {
            dq[qi + d] = (dq[qi + d] as number) + ds * (k[kj + d] as number);
            dk[kj + d] = (dk[kj + d] as number) + ds * (q[qi + d] as number);
          }
        }
      }
    }
  }
}

export function attention(a: KernelArgs["attention"]): void {
  const { batch, cols } = attentionDims(a);
  const f = (t: typeof a.q) => cpu(t).f32;
  attentionRange(f(a.q), f(a.k), f(a.v), f(a.probs), f(a.out), a.seq, a.heads, cols, a.causal, 0, batch);
}

export function attentionBackward(a: KernelArgs["attentionBackward"]): void {
  const { batch, cols } = attentionBackwardDims(a);
  const f = (t: typeof a.q) => cpu(t).f32;
  attentionBackwardRange(
    f(a.q),
    f(a.k),
    f(a.v),
    f(a.probs),
    f(a.dOut),
    f(a.dq),
    f(a.dk),
    f(a.dv),
    a.seq,
    a.heads,
    cols,
    0,
    batch,
  );
}
