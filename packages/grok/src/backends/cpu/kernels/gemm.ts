import {
  type Backend,
  isBagRows,
  type KernelArgs,
  matMulDims,
  matMulOnGatheredRows,
  type Tensor,
} from "../../backend.js";
import { cpu } from "./util.js";

/**
 * Reference GEMM in plain JavaScript for rows [m0, m1) of the output: out (+)= op(A)·op(B).
 * Loop orders keep the innermost loop on contiguous memory for each transpose variant.
 */
export function gemmRowsJs(
  A: Float32Array,
  B: Float32Array,
  C: Float32Array,
  m0: number,
  m1: number,
  n: number,
  k: number,
  m: number,
  transposeA: boolean,
  transposeB: boolean,
  accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, m0 * n, m1 * n);
  if (!transposeB) {
    for (let i = m0; i < m1; i++) {
      const ci = i * n;
      for (let p = 0; p < k; p++) {
        const aip = (transposeA ? A[p * m + i] : A[i * k + p]) as number;
        if (aip === 0) continue;
        const bp = p * n;
        for (let j = 0; j < n; j++) C[ci + j] = (C[ci + j] as number) + aip * (B[bp + j] as number);
      }
    }
  } else {
    for (let i = m0; i < m1; i++) {
      const ci = i * n;
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let s = 0;
        if (transposeA) for (let p = 0; p < k; p++) s += (A[p * m + i] as number) * (B[bj + p] as number);
        else {
          const ai = i * k;
          for (let p = 0; p < k; p++) s += (A[ai + p] as number) * (B[bj + p] as number);
        }
        C[ci + j] = (C[ci + j] as number) + s;
      }
    }
  }
}

export function matMulJs(backend: Backend, args: KernelArgs["matMul"]): void {
  if (isBagRows(args.a)) {
    matMulOnGatheredRows(backend, args, (plain) => matMulJs(backend, plain));
    return;
  }
  const { m, n, k } = matMulDims(args);
  gemmRowsJs(
    cpu(args.a as Tensor).f32,
    cpu(args.b).f32,
    cpu(args.out).f32,
    0,
    m,
    n,
    k,
    m,
    args.transposeA ?? false,
    args.transposeB ?? false,
    args.accumulate ?? false,
  );
}
