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

export function attention(a: KernelArgs["attention"]): void {
  const { seq, heads, causal } = a;
  const { batch, cols, dh } = dims("attention", a.q, a.probs, seq, heads);
  for (const t of [a.k, a.v, a.out])
    assertShape(t.size === a.q.size, "attention", "q, k, v, out sizes differ");
  const q = cpu(a.q).f32;
  const k = cpu(a.k).f32;
  const v = cpu(a.v).f32;
  const o = cpu(a.out).f32;
  const p = cpu(a.probs).f32;
  const scale = 1 / Math.sqrt(dh);
  const row = new Float64Array(seq);
  for (let n = 0; n < batch; n++) {
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
        for (let d = 0; d < dh; d++) {
          let s = 0;
          for (let j = 0; j <= last; j++)
            s += (p[pb + j] as number) * (v[(n * seq + j) * cols + off + d] as number);
          o[qi + d] = s;
        }
      }
    }
  }
}

export function attentionBackward(a: KernelArgs["attentionBackward"]): void {
  const { seq, heads } = a;
  const { batch, cols, dh } = dims("attentionBackward", a.q, a.probs, seq, heads);
  for (const t of [a.k, a.v, a.dOut, a.dq, a.dk, a.dv]) {
    assertShape(t.size === a.q.size, "attentionBackward", "q, k, v, dOut, dq, dk, dv sizes differ");
  }
  const q = cpu(a.q).f32;
  const k = cpu(a.k).f32;
  const v = cpu(a.v).f32;
  const g = cpu(a.dOut).f32;
  const p = cpu(a.probs).f32;
  const dq = cpu(a.dq).f32;
  const dk = cpu(a.dk).f32;
  const dv = cpu(a.dv).f32;
  dq.fill(0);
  dk.fill(0);
  dv.fill(0);
  const scale = 1 / Math.sqrt(dh);
  const dp = new Float64Array(seq);
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < heads; h++) {
      const off = h * dh;
      for (let i = 0; i < seq; i++) {
        const qi = (n * seq + i) * cols + off;
        const pb = ((n * heads + h) * seq + i) * seq;
        // dP_ij = dOut_i · v_j ; dV_j += P_ij dOut_i
        let dot = 0;
        for (let j = 0; j < seq; j++) {
          const pij = p[pb + j] as number;
          const vj = (n * seq + j) * cols + off;
          let s = 0;
          for (let d = 0; d < dh; d++) {
            s += (g[qi + d] as number) * (v[vj + d] as number);
            dv[vj + d] = (dv[vj + d] as number) + pij * (g[qi + d] as number);
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
