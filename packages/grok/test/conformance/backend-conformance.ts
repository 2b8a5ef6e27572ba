/**
 * The one test suite every backend runs (TensorFlow.js style): each kernel against float64
 * references, and every backward kernel against central finite differences of its forward.
 *
 * Usage in a backend's test file:
 * ```ts
 * backendConformance("cpu", () => cpuBackend());
 * ```
 */
import { randomSource } from "@emerge/random";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Activation,
  type Backend,
  type BackendFactory,
  type BoundKernels,
  kernels,
  type Tensor,
} from "../../src/backends/backend.js";
import {
  activationRef,
  adamwRef,
  attentionRef,
  bagGatherRef,
  bagScatterRef,
  crossEntropyRef,
  layerNormRef,
  matMulRef,
} from "./reference.js";

/** Tolerances a backend declares. */
export interface ConformanceOptions {
  /** Max |got − want| / max(1, |want|) for forward values (default 1e-4). */
  tolerance?: number;
  /** Max relative disagreement of analytic vs finite-difference gradients (default 2e-2). */
  gradTolerance?: number;
  /** Matrix sizes to test matMul at (default covers odd sizes and the blocked paths). */
  matMulSizes?: readonly (readonly [number, number, number])[];
}

const rng = randomSource("conformance");
const randoms = (n: number, scale = 1) =>
  Float32Array.from({ length: n }, () => (rng.float() * 2 - 1) * scale);
const ints = (n: number, hi: number) => Int32Array.from({ length: n }, () => rng.int(hi));

/** Register the conformance tests for one backend. */
export function backendConformance(
  label: string,
  factory: BackendFactory,
  options: ConformanceOptions = {},
): void {
  const tol = options.tolerance ?? 1e-4;
  const gradTol = options.gradTolerance ?? 2e-2;
  const sizes = options.matMulSizes ?? [
    [1, 1, 1],
    [3, 5, 7],
    [17, 9, 33],
    [64, 97, 40],
    [130, 70, 260],
  ];

  describe(`backend conformance: ${label}`, () => {
    let b: Backend;
    let k: BoundKernels;
    beforeAll(async () => {
      b = await factory();
      k = kernels(b);
    });
    afterAll(() => b?.dispose());

    const up = (shape: number[], data: Float32Array | Int32Array): Tensor => {
      const t = b.tensor(shape, data instanceof Int32Array ? "int32" : "float32");
      b.upload(t, data);
      return t;
    };
    const rd = async (t: Tensor) => Float64Array.from(await b.read(t));
    const close = (got: ArrayLike<number>, want: ArrayLike<number>, what: string, t = tol) => {
      expect(got.length, `${what} length`).toBe(want.length);
      let worst = 0;
      let at = -1;
      for (let i = 0; i < want.length; i++) {
        const w = want[i] as number;
        const e = Math.abs((got[i] as number) - w) / Math.max(1, Math.abs(w));
        if (!(e <= worst)) {
          worst = e;
          at = i;
        }
      }
      expect(worst, `${what}: worst error at ${at}`).toBeLessThanOrEqual(t);
    };
    /** Σ r ⊙ out in double precision: a scalar probe turning any kernel output into a loss. */
    const probe = async (t: Tensor, r: Float32Array) => {
      const v = await rd(t);
      let s = 0;
      for (let i = 0; i < v.length; i++) s += (v[i] as number) * (r[i] as number);
      return s;
    };
    /** Compare an analytic gradient with central differences of `loss` at a few coordinates. */
    const fdCheck = async (
      what: string,
      x: Float32Array,
      analytic: ArrayLike<number>,
      loss: (x: Float32Array) => Promise<number>,
      eps = 1e-2,
    ) => {
      const coords = new Set<number>([0, x.length - 1]);
      while (coords.size < Math.min(8, x.length)) coords.add(rng.int(x.length));
      for (const i of coords) {
        const x0 = x[i] as number;
        x[i] = x0 + eps;
        const lp = await loss(x);
        x[i] = x0 - eps;
        const lm = await loss(x);
        x[i] = x0;
        const fd = (lp - lm) / (2 * eps);
        const an = analytic[i] as number;
        const err = Math.abs(fd - an) / Math.max(1e-1, Math.abs(fd), Math.abs(an));
        expect(err, `${what}[${i}]: analytic ${an} vs finite difference ${fd}`).toBeLessThanOrEqual(gradTol);
      }
    };

    it("fill, copy, add, biasAdd", async () => {
      const x = randoms(12);
      const y = randoms(12);
      const bias = randoms(4);
      const tx = up([3, 4], x);
      const ty = up([3, 4], y);
      const out = b.tensor([3, 4]);
      k.fill({ out, value: 2.5 });
      close(await rd(out), new Float64Array(12).fill(2.5), "fill");
      k.copy({ x: tx, out });
      close(await rd(out), x, "copy");
      k.add({ a: tx, b: ty, out });
      close(
        await rd(out),
        x.map((v, i) => v + (y[i] as number)),
        "add",
      );
      k.biasAdd({ x: tx, bias: up([4], bias), out });
      close(
        await rd(out),
        x.map((v, i) => v + (bias[i % 4] as number)),
        "biasAdd",
      );
    });

    it("sumRows is the gradient of biasAdd", async () => {
      const x = up([5, 3], randoms(15));
      const r = randoms(15);
      const bias = randoms(3);
      const out = b.tensor([5, 3]);
      const g = b.tensor([3]);
      k.sumRows({ dy: up([5, 3], r), out: g });
      const analytic = await rd(g);
      const want = [0, 1, 2].map((c) => [0, 1, 2, 3, 4].reduce((s, n) => s + (r[n * 3 + c] as number), 0));
      close(analytic, want, "sumRows");
      k.sumRows({ dy: up([5, 3], r), out: g, accumulate: true });
      close(
        await rd(g),
        want.map((v) => 2 * v),
        "sumRows accumulate",
      );
      await fdCheck("dbias", bias, analytic, async (bv) => {
        k.biasAdd({ x, bias: up([3], bv), out });
        return probe(out, r);
      });
    });

    for (const kind of ["quadratic", "relu", "gelu"] as Activation[]) {
      it(`activation ${kind}: forward and finite-difference backward`, async () => {
        const x = randoms(40, 2);
        const r = randoms(40);
        const tx = up([8, 5], x);
        const out = b.tensor([8, 5]);
        k.activation({ x: tx, out, kind });
        close(
          await rd(out),
          Array.from(x, (v) => activationRef(kind, v)),
          `${kind} forward`,
        );
        const dx = b.tensor([8, 5]);
        k.activationBackward({ x: tx, dy: up([8, 5], r), dx, kind });
        const analytic = await rd(dx);
        // keep relu's kink out of the finite-difference stencil
        if (kind === "relu")
          for (let i = 0; i < x.length; i++) if (Math.abs(x[i] as number) < 0.02) x[i] = 0.5;
        k.activationBackward({ x: up([8, 5], x), dy: up([8, 5], r), dx, kind });
        await fdCheck(`${kind} dx`, x, await rd(dx), async (xv) => {
          k.activation({ x: up([8, 5], xv), out, kind });
          return probe(out, r);
        });
        expect(analytic.length).toBe(40);
      });
    }

    for (const [m, n, kk] of sizes) {
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          it(`matMul ${m}x${kk}·${kk}x${n} transposeA=${transposeA} transposeB=${transposeB}`, async () => {
            const a = randoms(m * kk);
            const bb = randoms(kk * n);
            const ta = up(transposeA ? [kk, m] : [m, kk], a);
            const tb = up(transposeB ? [n, kk] : [kk, n], bb);
            const out = b.tensor([m, n]);
            k.fill({ out, value: 7 });
            k.matMul({ a: ta, b: tb, out, transposeA, transposeB });
            const want = matMulRef(a, bb, m, n, kk, transposeA, transposeB);
            close(await rd(out), want, "matMul", tol * Math.sqrt(kk));
            k.matMul({ a: ta, b: tb, out, transposeA, transposeB, accumulate: true });
            close(
              await rd(out),
              want.map((v) => 2 * v),
              "matMul accumulate",
              tol * Math.sqrt(kk),
            );
          });
        }
      }
    }

    it("matMul backward (transposed variants) matches finite differences", async () => {
      const [m, n, kk] = [6, 5, 7];
      const a = randoms(m * kk);
      const bb = randoms(kk * n);
      const r = randoms(m * n);
      const tr = up([m, n], r);
      const out = b.tensor([m, n]);
      const da = b.tensor([m, kk]);
      const db = b.tensor([kk, n]);
      k.matMul({ a: tr, b: up([kk, n], bb), out: da, transposeB: true }); // dA = R·Bᵀ
      k.matMul({ a: up([m, kk], a), b: tr, out: db, transposeA: true }); // dB = Aᵀ·R
      await fdCheck("dA", a, await rd(da), async (av) => {
        k.matMul({ a: up([m, kk], av), b: up([kk, n], bb), out });
        return probe(out, r);
      });
      await fdCheck("dB", bb, await rd(db), async (bv) => {
        k.matMul({ a: up([m, kk], a), b: up([kk, n], bv), out });
        return probe(out, r);
      });
    });

    it("embeddingGather / embeddingScatterAdd are adjoint and match finite differences", async () => {
      const table = randoms(7 * 4);
      const idx = Int32Array.from([3, 0, 3, 6, 1, 3]);
      const r = randoms(6 * 4);
      const out = b.tensor([6, 4]);
      k.embeddingGather({ table: up([7, 4], table), indices: up([6], idx), out });
      const want = new Float64Array(24);
      idx.forEach((id, n) => {
        for (let c = 0; c < 4; c++) want[n * 4 + c] = table[id * 4 + c] as number;
      });
      close(await rd(out), want, "gather");
      k.embeddingGather({ table: up([7, 4], table), indices: up([6], idx), out, accumulate: true });
      close(
        await rd(out),
        want.map((v) => 2 * v),
        "gather accumulate",
      );
      const dTable = b.tensor([7, 4]);
      k.fill({ out: dTable, value: 9 });
      k.embeddingScatterAdd({ dOut: up([6, 4], r), indices: up([6], idx), dTable });
      const analytic = await rd(dTable);
      await fdCheck("dTable", table, analytic, async (tv) => {
        k.embeddingGather({ table: up([7, 4], tv), indices: up([6], idx), out });
        return probe(out, r);
      });
      k.embeddingScatterAdd({ dOut: up([6, 4], r), indices: up([6], idx), dTable, accumulate: true });
      close(
        await rd(dTable),
        analytic.map((v) => 2 * v),
        "scatterAdd accumulate",
      );
    });

    for (const [rows, cols, bag] of [
      [6, 4, 2],
      [37, 21, 2], // ragged columns, rows split across threads
      [5, 9, 3],
      [300, 70, 2],
      [700, 36, 2], // the scatter-add split in two halves of the rows
    ] as const) {
      it(`embedding bag of ${bag}, ${rows}x${cols}: gather, accumulate, scatter-add and finite differences`, async () => {
        const vocab = 11;
        const table = randoms(vocab * cols);
        // repeated ids inside one bag and across bags
        const idx = Int32Array.from({ length: rows * bag }, (_, s) => (s * 7 + (s % 3)) % vocab);
        idx[0] = idx[1] as number;
        const want = bagGatherRef(table, idx, bag, rows, cols);
        const out = b.tensor([rows, cols]);
        const indices = up([rows * bag], idx);
        k.embeddingGather({ table: up([vocab, cols], table), indices, out, bag });
        close(await rd(out), want, "bag gather");
        k.embeddingGather({ table: up([vocab, cols], table), indices, out, bag, accumulate: true });
        close(
          await rd(out),
          want.map((v) => 2 * v),
          "bag gather accumulate",
        );
        const r = randoms(rows * cols);
        const dTable = b.tensor([vocab, cols]);
        k.fill({ out: dTable, value: 9 });
        k.embeddingScatterAdd({ dOut: up([rows, cols], r), indices, dTable, bag });
        const analytic = await rd(dTable);
        const wantGrad = bagScatterRef(r, idx, bag, vocab, cols);
        close(analytic, wantGrad, "bag scatter-add");
        if (rows * cols <= 64) {
          await fdCheck("dTable (bag)", table, analytic, async (tv) => {
            k.embeddingGather({ table: up([vocab, cols], tv), indices, out, bag });
            return probe(out, r);
          });
        }
        k.embeddingScatterAdd({ dOut: up([rows, cols], r), indices, dTable, bag, accumulate: true });
        close(
          await rd(dTable),
          analytic.map((v) => 2 * v),
          "bag scatter-add accumulate",
        );
      });
    }

    for (const kind of ["quadratic", "relu", "gelu"] as const) {
      it(`embedding bag with a fused ${kind} activation equals gather → activation and activationBackward → scatter-add`, async () => {
        const [rows, cols, vocab] = [600, 37, 13]; // the scatter's split halves, a ragged vector tail
        const table = up([vocab, cols], randoms(vocab * cols));
        const indices = up(
          [2 * rows],
          Int32Array.from({ length: 2 * rows }, (_, s) => (s * 5 + (s >> 3)) % vocab),
        );
        const pre = b.tensor([rows, cols]);
        const post = b.tensor([rows, cols]);
        k.embeddingGather({ table, indices, out: pre, bag: 2, activation: { kind, out: post } });
        const plainPre = b.tensor([rows, cols]);
        const plainPost = b.tensor([rows, cols]);
        k.embeddingGather({ table, indices, out: plainPre, bag: 2 });
        k.activation({ x: plainPre, out: plainPost, kind });
        close(await rd(pre), await rd(plainPre), `${kind}: gathered rows`);
        close(await rd(post), await rd(plainPost), `${kind}: activated rows`);
        const want = (await rd(plainPre)).map((v) => activationRef(kind, v));
        close(await rd(post), want, `${kind}: activated rows vs reference`);
        const dOut = up([rows, cols], randoms(rows * cols));
        const fused = b.tensor([vocab, cols]);
        k.embeddingScatterAdd({ dOut, indices, dTable: fused, bag: 2, activation: { kind, x: pre } });
        const dPre = b.tensor([rows, cols]);
        k.activationBackward({ x: pre, dy: dOut, dx: dPre, kind });
        const plain = b.tensor([vocab, cols]);
        k.embeddingScatterAdd({ dOut: dPre, indices, dTable: plain, bag: 2 });
        close(await rd(fused), await rd(plain), `${kind}: fused scatter-add`);
        // the pre-activations not kept: the gather writes only act(rows), the scatter-add
        // recomputes the rows from the table, with accumulate
        const onlyPost = b.tensor([rows, cols]);
        k.embeddingGather({ table, indices, bag: 2, activation: { kind, out: onlyPost } });
        close(await rd(onlyPost), await rd(plainPost), `${kind}: activated rows without out`);
        const fromTable = b.tensor([vocab, cols]);
        k.fill({ out: fromTable, value: 0.5 });
        k.embeddingScatterAdd({
          dOut,
          indices,
          dTable: fromTable,
          bag: 2,
          accumulate: true,
          activation: { kind, table },
        });
        close(
          await rd(fromTable),
          (await rd(plain)).map((v) => v + 0.5),
          `${kind}: scatter-add recomputing x from the table`,
        );
      });
    }

    for (const [bag, activation] of [
      [2, "quadratic"],
      [2, "relu"],
      [2, undefined],
      [2, "gelu"],
      [3, "quadratic"],
    ] as const) {
      it(`matMul on the rows of an embedding bag of ${bag} (${activation ?? "no activation"}) equals gather → matMul`, async () => {
        const [rows, width, vocab, n] = [700, 45, 17, 19]; // ≥ 512 rows: the split weight-gradient path
        const table = up([vocab, width], randoms(vocab * width));
        const indices = up(
          [rows * bag],
          Int32Array.from({ length: rows * bag }, (_, s) => (s * 7 + (s >> 2)) % vocab),
        );
        const rowsOf = { table, indices, bag, ...(activation ? { activation } : {}) };
        const stored = b.tensor([rows, width]);
        const pre = b.tensor([rows, width]);
        if (activation)
          k.embeddingGather({ table, indices, out: pre, bag, activation: { kind: activation, out: stored } });
        else k.embeddingGather({ table, indices, out: stored, bag });
        // forward: rows · W, and the weight gradient: rowsᵀ · G (accumulating)
        const w = up([width, n], randoms(width * n));
        const got = b.tensor([rows, n]);
        const want = b.tensor([rows, n]);
        k.matMul({ a: rowsOf, b: w, out: got });
        k.matMul({ a: stored, b: w, out: want });
        close(await rd(got), await rd(want), "rows · W");
        const g = up([rows, n], randoms(rows * n));
        const dW = up([width, n], randoms(width * n));
        const dWant = up([width, n], await rd(dW).then((x) => Float32Array.from(x)));
        k.matMul({ a: rowsOf, b: g, out: dW, transposeA: true, accumulate: true });
        k.matMul({ a: stored, b: g, out: dWant, transposeA: true, accumulate: true });
        close(await rd(dW), await rd(dWant), "rowsᵀ · G");
      });
    }

    it("embedding kernels reject a bag that does not divide the indices", async () => {
      const table = up([5, 4], randoms(20));
      const out = b.tensor([3, 4]);
      expect(() =>
        k.embeddingGather({ table, indices: up([5], Int32Array.from([0, 1, 2, 3, 4])), out, bag: 2 }),
      ).toThrow("bag");
      expect(() =>
        k.embeddingGather({ table, indices: up([3], Int32Array.from([0, 1, 2])), out, bag: 0 }),
      ).toThrow("bag");
    });

    it("softmaxCrossEntropy on a large batch: softmax gradient, ties, extreme logits", async () => {
      const [rows, cols] = [400, 97]; // split across threads, ragged vector tail
      const logits = randoms(rows * cols, 8);
      // ties for the maximum (the first one counts), huge gaps, a constant row
      for (let c = 0; c < cols; c++) logits[c] = 0.5;
      logits[cols + 3] = 40;
      logits[cols + 90] = 40;
      logits[2 * cols + 5] = -1e30;
      logits[3 * cols + 96] = 60;
      const targets = ints(rows, cols);
      targets[0] = 0;
      targets[1] = 3;
      const stats = b.tensor([2]);
      const d = b.tensor([rows, cols]);
      const scale = 1 / rows;
      k.softmaxCrossEntropy({
        logits: up([rows, cols], logits),
        targets: up([rows], targets),
        stats,
        dLogits: d,
        scale,
      });
      const ref = crossEntropyRef(logits, targets, cols);
      const [loss, correct] = Array.from(await rd(stats));
      expect(correct).toBe(ref.correct);
      expect(Math.abs((loss as number) - ref.loss) / ref.loss).toBeLessThan(tol / 10);
      const got = await rd(d);
      const want = new Float64Array(rows * cols);
      for (let r = 0; r < rows; r++) {
        const row = Array.from({ length: cols }, (_, c) => logits[r * cols + c] as number);
        const max = Math.max(...row);
        const sum = row.reduce((s, v) => s + Math.exp(v - max), 0);
        for (let c = 0; c < cols; c++) {
          want[r * cols + c] =
            (scale * Math.exp((row[c] as number) - max)) / sum - (c === targets[r] ? scale : 0);
        }
      }
      let worst = 0;
      for (let i = 0; i < want.length; i++)
        worst = Math.max(worst, Math.abs((got[i] as number) - (want[i] as number)));
      expect(worst / scale).toBeLessThan(tol / 10);
    });

    it("softmaxCrossEntropy: a target of −1 is a row without loss, count or gradient", async () => {
      const [rows, cols] = [300, 19]; // split across threads
      const logits = randoms(rows * cols, 4);
      const targets = ints(rows, cols);
      for (let r = 0; r < rows; r += 3) targets[r] = -1;
      targets[rows - 1] = -1;
      const kept = Array.from({ length: rows }, (_, r) => r).filter((r) => (targets[r] as number) >= 0);
      const keptLogits = Float32Array.from(
        kept.flatMap((r) => Array.from(logits.subarray(r * cols, (r + 1) * cols))),
      );
      const ref = crossEntropyRef(
        keptLogits,
        Int32Array.from(kept, (r) => targets[r] as number),
        cols,
      );
      const stats = b.tensor([2]);
      const d = b.tensor([rows, cols]);
      k.fill({ out: d, value: 7 }); // stale values must not survive in the ignored rows
      k.softmaxCrossEntropy({
        logits: up([rows, cols], logits),
        targets: up([rows], targets),
        stats,
        dLogits: d,
        scale: 0.5,
      });
      const [loss, correct] = Array.from(await rd(stats));
      expect(correct).toBe(ref.correct);
      expect(Math.abs((loss as number) - ref.loss) / ref.loss).toBeLessThan(tol);
      const got = await rd(d);
      for (let r = 0; r < rows; r++) {
        let rowSum = 0;
        let rowAbs = 0;
        for (let c = 0; c < cols; c++) {
          rowSum += got[r * cols + c] as number;
          rowAbs += Math.abs(got[r * cols + c] as number);
        }
        if ((targets[r] as number) < 0) expect(rowAbs, `row ${r} ignored`).toBe(0);
        else expect(Math.abs(rowSum), `row ${r} sums to 0`).toBeLessThan(1e-5);
      }
    });

    it("softmaxCrossEntropy: loss, accuracy and finite-difference dLogits", async () => {
      const [rows, cols] = [9, 11];
      const logits = randoms(rows * cols, 3);
      const targets = ints(rows, cols);
      const stats = b.tensor([2]);
      const d = b.tensor([rows, cols]);
      const tt = up([rows], targets);
      k.softmaxCrossEntropy({
        logits: up([rows, cols], logits),
        targets: tt,
        stats,
        dLogits: d,
        scale: 1 / rows,
      });
      const ref = crossEntropyRef(logits, targets, cols);
      close(await rd(stats), [ref.loss, ref.correct], "loss/correct");
      const analytic = await rd(d);
      await fdCheck("dLogits", logits, analytic, async (lv) => {
        k.softmaxCrossEntropy({ logits: up([rows, cols], lv), targets: tt, stats });
        return ((await rd(stats))[0] as number) / rows;
      });
    });

    it("mse: loss, accuracy and finite-difference dLogits", async () => {
      const [rows, cols] = [7, 5];
      const logits = randoms(rows * cols);
      const targets = ints(rows, cols);
      const stats = b.tensor([2]);
      const d = b.tensor([rows, cols]);
      const tt = up([rows], targets);
      k.mse({ logits: up([rows, cols], logits), targets: tt, stats, dLogits: d, scale: 1 / (rows * cols) });
      let loss = 0;
      let correct = 0;
      for (let r = 0; r < rows; r++) {
        const row = Array.from(logits.subarray(r * cols, r * cols + cols));
        row.forEach((v, c) => {
          loss += (v - (c === targets[r] ? 1 : 0)) ** 2;
        });
        if (row.indexOf(Math.max(...row)) === targets[r]) correct++;
      }
      close(await rd(stats), [loss, correct], "mse loss/correct");
      await fdCheck("dLogits", logits, await rd(d), async (lv) => {
        k.mse({ logits: up([rows, cols], lv), targets: tt, stats });
        return ((await rd(stats))[0] as number) / (rows * cols);
      });
    });

    it("squaredError: masked loss and count against float64, finite-difference dPredictions", async () => {
      const [rows, cols] = [9, 3];
      const p = randoms(rows * cols);
      const t = randoms(rows * cols, 2);
      // about a third of the elements carry no loss (the prompt positions of a vector sequence)
      const m = Float32Array.from({ length: rows * cols }, () => (rng.float() < 0.35 ? 0 : 1));
      const tt = up([rows, cols], t);
      const tm = up([rows, cols], m);
      const stats = b.tensor([2]);
      const d = b.tensor([rows, cols]);
      k.squaredError({
        predictions: up([rows, cols], p),
        targets: tt,
        mask: tm,
        stats,
        dPredictions: d,
        scale: 0.5,
      });
      let loss = 0;
      let count = 0;
      for (let i = 0; i < rows * cols; i++) {
        if (m[i] === 0) continue;
        loss += ((p[i] as number) - (t[i] as number)) ** 2;
        count++;
      }
      close(await rd(stats), [loss, count], "squaredError loss/count");
      const analytic = await rd(d);
      for (let i = 0; i < rows * cols; i++)
        if (m[i] === 0) expect(Math.abs(analytic[i] as number), `masked dPredictions[${i}]`).toBe(0);
      await fdCheck("dPredictions", p, analytic, async (pv) => {
        k.squaredError({ predictions: up([rows, cols], pv), targets: tt, mask: tm, stats });
        return 0.5 * ((await rd(stats))[0] as number);
      });
    });

    for (const gradScale of [undefined, 0.25])
      it(`adamwUpdate follows PyTorch's AdamW (gradScale ${gradScale})`, async () => {
        const n = 33;
        const p = randoms(n);
        const g = randoms(n);
        const m = randoms(n, 0.1);
        const v = Float32Array.from(randoms(n, 0.1), Math.abs);
        const o = { lr: 3e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1, step: 3 };
        const tp = up([n], p);
        const tm = up([n], m);
        const tv = up([n], v);
        k.adamwUpdate({
          param: tp,
          grad: up([n], g),
          m: tm,
          v: tv,
          ...o,
          ...(gradScale ? { gradScale } : {}),
        });
        const s = gradScale ?? 1;
        const want = Array.from(p, (pi, i) =>
          adamwRef(pi, s * (g[i] as number), m[i] as number, v[i] as number, o),
        );
        close(
          await rd(tp),
          want.map((w) => w.p),
          "param",
          1e-5,
        );
        close(
          await rd(tm),
          want.map((w) => w.m),
          "m",
          1e-5,
        );
        close(
          await rd(tv),
          want.map((w) => w.v),
          "v",
          1e-5,
        );
      });

    for (const [rows, cols] of [
      [7, 12],
      [130, 128],
    ] as const) {
      it(`layerNorm ${rows}x${cols}: forward against float64, backward against finite differences`, async () => {
        const eps = 1e-5;
        const x = randoms(rows * cols, 2);
        for (let c = 0; c < cols; c++) x[c] = 3 + 1e-3 * c; // a nearly constant row (large rstd)
        const gain = Float32Array.from(randoms(cols), (v) => 1 + 0.5 * v);
        const bias = randoms(cols, 0.3);
        const r = randoms(rows * cols);
        const out = b.tensor([rows, cols]);
        const mean = b.tensor([rows]);
        const rstd = b.tensor([rows]);
        const tg = up([cols], gain);
        const tb = up([cols], bias);
        const tx = up([rows, cols], x);
        k.layerNorm({ x: tx, gain: tg, bias: tb, out, mean, rstd, eps });
        const ref = layerNormRef(x, gain, bias, rows, cols, eps);
        close(await rd(out), ref.out, "layerNorm out", 5 * tol);
        close(await rd(mean), ref.mean, "layerNorm mean");
        close(
          Array.from(await rd(rstd), (v, i) => v / (ref.rstd[i] as number)),
          Array.from(ref.rstd, () => 1),
          "layerNorm rstd (relative)",
        );
        // the nearly constant row (rstd ≈ 300) is for the forward only: finite differences of step
        // 1e-3 cannot resolve it, so the backward runs on an ordinary row there
        for (let c = 0; c < cols; c++) x[c] = rng.float() * 2 - 1;
        b.upload(tx, x);
        k.layerNorm({ x: tx, gain: tg, bias: tb, out, mean, rstd, eps });
        const dx = b.tensor([rows, cols]);
        const dGain = b.tensor([cols]);
        const dBias = b.tensor([cols]);
        const dOut = up([rows, cols], r);
        const backward = (accumulate: boolean) =>
          k.layerNormBackward({ x: tx, gain: tg, mean, rstd, dOut, dx, dGain, dBias, accumulate });
        backward(false);
        const [gx, gg, gb] = [await rd(dx), await rd(dGain), await rd(dBias)];
        const loss = async (xv: Float32Array, gv: Float32Array, bv: Float32Array) => {
          k.layerNorm({
            x: up([rows, cols], xv),
            gain: up([cols], gv),
            bias: up([cols], bv),
            out,
            mean,
            rstd,
            eps,
          });
          return probe(out, r);
        };
        await fdCheck("layerNorm dx", x, gx, (xv) => loss(xv, gain, bias), 1e-3);
        await fdCheck("layerNorm dGain", gain, gg, (gv) => loss(x, gv, bias));
        await fdCheck("layerNorm dBias", bias, gb, (bv) => loss(x, gain, bv));
        // accumulate adds into dx; dGain and dBias are written
        k.layerNorm({ x: tx, gain: tg, bias: tb, out, mean, rstd, eps });
        backward(true);
        close(
          await rd(dx),
          Array.from(gx, (v) => 2 * v),
          "layerNorm dx accumulate",
          10 * tol,
        );
        close(await rd(dGain), gg, "layerNorm dGain after accumulate", 10 * tol);
        close(await rd(dBias), gb, "layerNorm dBias after accumulate", 10 * tol);
      });
    }

    it("sumSquares", async () => {
      const x = randoms(1000);
      const out = b.tensor([1]);
      k.sumSquares({ x: up([10, 100], x), out });
      const want = x.reduce((s, v) => s + v * v, 0);
      close(await rd(out), [want], "sumSquares");
      k.sumSquares({ x: up([10, 100], x), out, accumulate: true });
      close(await rd(out), [2 * want], "sumSquares accumulate");
    });

    for (const causal of [true, false]) {
      it(`attention (causal=${causal}): forward and finite-difference backward`, async () => {
        const [batch, seq, heads, cols] = [2, 3, 2, 8];
        const size = batch * seq * cols;
        const q = randoms(size);
        const kk = randoms(size);
        const v = randoms(size);
        const r = randoms(size);
        const shape = [batch * seq, cols];
        const out = b.tensor(shape);
        const probs = b.tensor([batch, heads, seq, seq]);
        const run = (qv: Float32Array, kv: Float32Array, vv: Float32Array) =>
          k.attention({
            q: up(shape, qv),
            k: up(shape, kv),
            v: up(shape, vv),
            probs,
            out,
            seq,
            heads,
            causal,
          });
        run(q, kk, v);
        const ref = attentionRef(q, kk, v, batch, seq, heads, cols, causal);
        close(await rd(out), ref.out, "attention out");
        close(await rd(probs), ref.probs, "attention probs");
        const [dq, dk, dv] = [b.tensor(shape), b.tensor(shape), b.tensor(shape)];
        k.attentionBackward({
          q: up(shape, q),
          k: up(shape, kk),
          v: up(shape, v),
          probs,
          dOut: up(shape, r),
          dq,
          dk,
          dv,
          seq,
          heads,
        });
        const [gq, gk, gv] = [await rd(dq), await rd(dk), await rd(dv)];
        await fdCheck("dq", q, gq, async (x) => {
          run(x, kk, v);
          return probe(out, r);
        });
        await fdCheck("dk", kk, gk, async (x) => {
          run(q, x, v);
          return probe(out, r);
        });
        await fdCheck("dv", v, gv, async (x) => {
          run(q, kk, x);
          return probe(out, r);
        });
      });
    }

    it("rejects mismatched shapes with a SHAPE_MISMATCH GrokError", () => {
      const a = b.tensor([2, 3]);
      expect(() => k.matMul({ a, b: b.tensor([4, 2]), out: b.tensor([2, 2]) })).toThrow(
        expect.objectContaining({ code: "SHAPE_MISMATCH" }),
      );
      expect(() => b.upload(a, new Float32Array(5))).toThrow(
        expect.objectContaining({ code: "SHAPE_MISMATCH" }),
      );
    });
  });
}
