import { randomSource } from "@emerge/random";
import { describe, expect, it } from "vitest";
import { kernels } from "../src/backends/backend.js";
import { cpuBackend } from "../src/backends/cpu/cpu-backend.js";
import { backendConformance } from "./conformance/backend-conformance.js";

const big = [
  [1, 1, 1],
  [3, 5, 7],
  [17, 9, 33],
  [64, 97, 40],
  [130, 70, 260],
  [301, 530, 97], // > NC columns, several K blocks, ragged tiles, split across threads
  [7, 16, 5], // one whole 16-column panel, odd rows
  [6, 20, 3], // a 4-column panel straight into C
  [9, 35, 18], // ragged panel of 3 columns
  [5, 46, 257], // ragged panel of 14 columns, a K block of 1
  [3, 1040, 2], // three NC blocks, the last one 16 wide
  [37, 21, 1100], // a batch reduction split in two halves (transposeA)
] as const;

backendConformance("cpu (wasm-simd, 2 threads)", () => cpuBackend({ threads: 2 }), { matMulSizes: big });
backendConformance("cpu (wasm-simd, 1 thread)", () => cpuBackend({ threads: 1 }));
backendConformance("cpu (JavaScript reference)", () => cpuBackend({ kernels: "js", name: "cpu" }));

describe("cpu backend: the same bits on any number of threads", () => {
  it("split reductions (weight-gradient matMul, embedding scatter-add) do not depend on the thread count", async () => {
    const rng = randomSource("threads");
    const data = (n: number) => Float32Array.from({ length: n }, () => rng.float() * 2 - 1);
    const [k, m, n, rows, vocab, cols] = [1301, 45, 37, 1203, 19, 70];
    const a = data(k * m);
    const bb = data(k * n);
    const c0 = data(m * n);
    const dOut = data(rows * cols);
    const idx = Int32Array.from({ length: 2 * rows }, () => rng.int(vocab));
    const results: Float32Array[][] = [];
    for (const threads of [1, 2, 3]) {
      const backend = await cpuBackend({ threads });
      const kk = kernels(backend);
      const up = (shape: number[], x: Float32Array | Int32Array) => {
        const t = backend.tensor(shape, x instanceof Int32Array ? "int32" : "float32");
        backend.upload(t, x);
        return t;
      };
      const out = up([m, n], c0);
      kk.matMul({ a: up([k, m], a), b: up([k, n], bb), out, transposeA: true, accumulate: true });
      const dTable = backend.tensor([vocab, cols]);
      kk.embeddingScatterAdd({ dOut: up([rows, cols], dOut), indices: up([2 * rows], idx), dTable, bag: 2 });
      results.push([backend.readSync(out) as Float32Array, backend.readSync(dTable) as Float32Array]);
      backend.dispose();
    }
    const [one, ...others] = results;
    for (const other of others) {
      expect(other[0]).toEqual(one?.[0]);
      expect(other[1]).toEqual(one?.[1]);
    }
  });
});
