import { randomSource } from "@emerge/random";
import { describe, expect, it } from "vitest";
import { type BoundKernels, kernels, type Tensor } from "../src/backends/backend.js";
import { type CpuBackend, cpuBackend } from "../src/backends/cpu/cpu-backend.js";

/**
 * The WebAssembly SIMD kernels of the sequence models (GELU, attention, LayerNorm, biasAdd,
 * sumRows) against the JavaScript reference kernels on shapes the conformance suite does not
 * reach: head widths and columns that are not multiples of 4, sequences longer than a vector,
 * ranges split across 1, 2 and 3 threads (which must give the same bits).
 */

// GELU(x) = ½x(1 + tanh u) = x σ(2u) in float64, in the σ form: ½(1 + tanh u) cancels to 0 in
// float64 far below zero, where GELU is tiny but not 0
const GELU_C = Math.sqrt(2 / Math.PI);
const sigma2u = (x: number) => 1 / (1 + Math.exp(-2 * GELU_C * (x + 0.044715 * x ** 3)));
const geluRef = (x: number) => x * sigma2u(x);
function geluGradRef(x: number): number {
  const s = sigma2u(x);
  return s + 2 * x * s * (1 - s) * GELU_C * (1 + 3 * 0.044715 * x * x);
}

interface Setup {
  backend: CpuBackend;
  k: BoundKernels;
  up(shape: number[], x: Float32Array | Int32Array): Tensor;
  read(t: Tensor): Float32Array;
}

async function setup(options: Parameters<typeof cpuBackend>[0]): Promise<Setup> {
  const backend = await cpuBackend(options);
  const up = (shape: number[], x: Float32Array | Int32Array) => {
    const t = backend.tensor(shape, x instanceof Int32Array ? "int32" : "float32");
    backend.upload(t, x);
    return t;
  };
  return { backend, k: kernels(backend), up, read: (t) => backend.readSync(t) as Float32Array };
}

const rng = randomSource("sequence-kernels");
const data = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (rng.float() * 2 - 1) * scale);

/** Run `f` on the JavaScript kernels and on the wasm kernels with 1, 2 and 3 threads. */
async function onEveryBackend(
  f: (s: Setup) => Float32Array[],
): Promise<{ js: Float32Array[]; wasm: Float32Array[][] }> {
  const js = await setup({ kernels: "js", name: "cpu" });
  const ref = f(js);
  js.backend.dispose();
  const wasm: Float32Array[][] = [];
  for (const threads of [1, 2, 3]) {
    const s = await setup({ threads });
    expect(s.backend.wasm).toBeDefined();
    wasm.push(f(s));
    s.backend.dispose();
  }
  return { js: ref, wasm };
}

function expectClose(got: Float32Array, want: Float32Array, tol: number, what: string) {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs((got[i] as number) - (want[i] as number)) / Math.max(1, Math.abs(want[i] as number));
    if (!(err <= worst)) worst = err;
  }
  expect(worst, what).toBeLessThan(tol);
}

function expectSameBitsAcrossThreads(wasm: Float32Array[][]) {
  for (const other of wasm.slice(1)) expect(other).toEqual(wasm[0]);
}

describe("cpu wasm kernels of the sequence models", () => {
  it("GELU forward and backward: within a few float32 ulp of the float64 formula, everywhere", async () => {
    const s = await setup({ threads: 2 });
    const xs = new Float32Array(40_003); // not a multiple of 4: a scalar tail
    for (let i = 0; i < xs.length; i++) xs[i] = -20 + (40 * i) / (xs.length - 1);
    const ones = new Float32Array(xs.length).fill(1);
    const x = s.up([xs.length], xs);
    const out = s.backend.tensor([xs.length]);
    s.k.activation({ x, out, kind: "gelu" });
    const fwd = s.read(out);
    s.k.activationBackward({ x, dy: s.up([xs.length], ones), dx: out, kind: "gelu" });
    const bwd = s.read(out);
    s.backend.dispose();
    // error in float32 ulps of max(|value|, floor): relative where the value is not small, absolute
    // below. Forward, floor 2^-10: far below zero GELU ~ x e^{2u} is ill-conditioned (u's own
    // float32 rounding moves it by |2u| ulp). Backward, floor 1: GELU' = s (1 + 2x e s u') cancels
    // to 0 at x ≈ −0.75, where float32 leaves an absolute error of order 2^-24.
    const ulp = (got: number, want: number, floor: number) =>
      Math.abs(got - want) / Math.max(Math.abs(want), floor) / 2 ** -23;
    let worstF = 0;
    let worstB = 0;
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i] as number;
      const ef = ulp(fwd[i] as number, geluRef(v), 2 ** -10);
      const eb = ulp(bwd[i] as number, geluGradRef(v), 1);
      worstF = Math.max(worstF, ef);
      worstB = Math.max(worstB, eb);
    }
    console.log(`GELU max error: forward ${worstF.toFixed(2)} ulp, backward ${worstB.toFixed(2)} ulp`);
    expect(worstF).toBeLessThan(10);
    expect(worstB).toBeLessThan(2);
  });

  // head widths 6 (a 4-wide block and a scalar tail) and 20 (a 16-wide block and a 4-wide one)
  for (const [causal, batch, seq, heads, cols] of [
    [true, 5, 7, 3, 18],
    [false, 5, 7, 3, 18],
    [true, 3, 9, 2, 40],
  ] as const) {
    it(`attention (causal=${causal}) with a head width of ${cols / heads} and ${seq} positions matches the reference kernel`, async () => {
      const n = batch * seq * cols;
      const [q, kk, v, g] = [data(n, 2), data(n, 2), data(n), data(n)];
      const { js, wasm } = await onEveryBackend(({ backend, k, up, read }) => {
        const t = (x: Float32Array) => up([batch * seq, cols], x);
        const [tq, tk, tv, tg] = [t(q), t(kk), t(v), t(g)];
        const probs = backend.tensor([batch, heads, seq, seq]);
        const out = backend.tensor([batch * seq, cols]);
        k.attention({ q: tq, k: tk, v: tv, probs, out, seq, heads, causal });
        const [dq, dk, dv] = [0, 1, 2].map(() => backend.tensor([batch * seq, cols])) as [
          Tensor,
          Tensor,
          Tensor,
        ];
        k.attentionBackward({ q: tq, k: tk, v: tv, probs, dOut: tg, dq, dk, dv, seq, heads });
        return [read(out), read(probs), read(dq), read(dk), read(dv)];
      });
      for (const got of wasm) {
        ["out", "probs", "dq", "dk", "dv"].forEach((what, i) => {
          expectClose(got[i] as Float32Array, js[i] as Float32Array, 2e-6, what);
        });
        if (causal) expect((got[1] as Float32Array)[1]).toBe(0); // masked: exactly zero
      }
      expectSameBitsAcrossThreads(wasm);
    });
  }

  for (const cols of [7, 130]) {
    it(`LayerNorm forward and backward (${cols} columns) match the reference kernel`, async () => {
      const rows = 600; // above the size where dGain / dBias are summed in two halves
      const [x, dy, dx0] = [data(rows * cols, 3), data(rows * cols), data(rows * cols)];
      const [gain, bias] = [data(cols), data(cols)];
      const { js, wasm } = await onEveryBackend(({ backend, k, up, read }) => {
        const tx = up([rows, cols], x);
        const out = backend.tensor([rows, cols]);
        const [mean, rstd] = [backend.tensor([rows]), backend.tensor([rows])];
        const tg = up([cols], gain);
        k.layerNorm({ x: tx, gain: tg, bias: up([cols], bias), out, mean, rstd, eps: 1e-5 });
        const dx = up([rows, cols], dx0);
        const [dGain, dBias] = [backend.tensor([cols]), backend.tensor([cols])];
        k.layerNormBackward({
          x: tx,
          gain: tg,
          mean,
          rstd,
          dOut: up([rows, cols], dy),
          dx,
          dGain,
          dBias,
          accumulate: true,
        });
        return [read(out), read(mean), read(rstd), read(dx), read(dGain), read(dBias)];
      });
      for (const got of wasm) {
        ["out", "mean", "rstd", "dx", "dGain", "dBias"].forEach((what, i) => {
          expectClose(got[i] as Float32Array, js[i] as Float32Array, 1e-6, what);
        });
      }
      expectSameBitsAcrossThreads(wasm);
    });
  }

  it("biasAdd and sumRows give the reference kernel's bits (odd columns, accumulate)", async () => {
    const [rows, cols] = [301, 37];
    const [x, bias, o0] = [data(rows * cols), data(cols), data(cols)];
    const { js, wasm } = await onEveryBackend(({ backend, k, up, read }) => {
      const out = backend.tensor([rows, cols]);
      k.biasAdd({ x: up([rows, cols], x), bias: up([cols], bias), out });
      const sums = up([cols], o0);
      k.sumRows({ dy: out, out: sums, accumulate: true });
      const fresh = backend.tensor([cols]);
      k.sumRows({ dy: out, out: fresh });
      return [read(out), read(sums), read(fresh)];
    });
    for (const got of wasm) expect(got).toEqual(js);
  });

  it("a pool with more threads than cores (parts claimed by whichever thread is running) gives the 1-thread bits over many jobs", async () => {
    const [rows, cols] = [600, 70];
    const [x, w] = [data(rows * cols), data(cols * cols)];
    const run = async (threads: number) => {
      const { backend, k, up, read } = await setup({ threads });
      const [tx, tw] = [up([rows, cols], x), up([cols, cols], w)];
      const y = backend.tensor([rows, cols]);
      const g = backend.tensor([cols, cols]);
      const sums = backend.tensor([cols]);
      for (let i = 0; i < 200; i++) {
        k.matMul({ a: tx, b: tw, out: y });
        k.activation({ x: y, out: y, kind: "gelu" });
        k.matMul({ a: tx, b: y, out: g, transposeA: true, accumulate: i > 0 });
        k.sumRows({ dy: y, out: sums, accumulate: i > 0 });
      }
      const out = [read(g), read(sums)];
      backend.dispose();
      return out;
    };
    const one = await run(1);
    expect(await run(6)).toEqual(one);
  });
});
