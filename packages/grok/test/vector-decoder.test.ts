import { randomSource } from "@emerge/random";
import { describe, expect, it } from "vitest";
import { createGpuBackend } from "../src/backends/gpu/index.js";
import {
  adamW,
  applySquaredError,
  type Backend,
  cpuBackend,
  createTrainer,
  decoderSpec,
  GrokError,
  kernels,
  type VectorBatch,
  vectorDecoder,
} from "../src/index.js";

// Garg et al. (2022)'s read-in / read-out on the shared decoder trunk (wave2.md §4): every
// parameter's gradient against central finite differences of the masked mean squared error, on
// the cpu backend and on the gpu backend (gpu.js in its JavaScript mode, as the conformance suite).

const config = decoderSpec.resolve({
  layers: 2,
  dModel: 8,
  heads: 2,
  dMlp: 12,
  input: { kind: "vectors", dims: 3, outputs: 2 },
});
const seq = 5;
const rows = 3;

function inputs(seed: number) {
  const rng = randomSource(seed);
  const n = rows * seq;
  const vectors = Float32Array.from({ length: n * 3 }, () => rng.normal(0, 1));
  // loss at every other position (the x positions of a prompt), NaN elsewhere
  const targets = Float32Array.from({ length: n * 2 }, (_, i) =>
    Math.floor(i / 2) % 2 === 0 ? rng.normal(0, 1) : Number.NaN,
  );
  return { vectors, targets };
}

async function gradientCheck(backend: Backend) {
  const k = kernels(backend);
  const model = vectorDecoder({ backend, k, rng: randomSource(5) }, config, seq);
  const batch = model.batch(rows) as VectorBatch;
  model.load(batch, inputs(9));
  expect(batch.count).toBe(16); // 8 x positions (of 15) × 2 outputs
  const loss = async () => {
    model.forward(batch);
    applySquaredError(k, batch, { grad: true });
    const stats = await backend.read(batch.stats);
    expect(stats[1]).toBe(batch.count);
    return (stats[0] as number) / batch.count;
  };
  await loss();
  model.backward(batch);
  const rng = randomSource(11);
  for (const p of model.params) {
    const grad = Float32Array.from(await backend.read(p.grad));
    const value = Float32Array.from(await backend.read(p.value));
    for (let probe = 0; probe < 3; probe++) {
      const i = rng.int(value.length);
      const eps = 1e-3;
      const x0 = value[i] as number;
      value[i] = x0 + eps;
      backend.upload(p.value, value);
      const lp = await loss();
      value[i] = x0 - eps;
      backend.upload(p.value, value);
      const lm = await loss();
      value[i] = x0;
      backend.upload(p.value, value);
      const fd = (lp - lm) / (2 * eps);
      const an = grad[i] as number;
      expect(Math.abs(fd - an), `${p.name}[${i}] analytic ${an} vs fd ${fd}`).toBeLessThanOrEqual(
        3e-2 * Math.max(2e-2, Math.abs(fd)),
      );
    }
  }
  backend.dispose();
}

describe("vector decoder (linear read-in and read-out)", () => {
  it("gradients match finite differences on the cpu backend", async () => {
    await gradientCheck(await cpuBackend());
  });

  it("gradients match finite differences on the gpu backend", async () => {
    await gradientCheck(createGpuBackend({ mode: "cpu" }));
  });

  it("positions with a NaN target change neither the loss nor the gradients", async () => {
    const backend = await cpuBackend();
    const k = kernels(backend);
    const model = vectorDecoder({ backend, k, rng: randomSource(5) }, config, seq);
    const batch = model.batch(rows) as VectorBatch;
    const run = async (targets: Float32Array) => {
      model.load(batch, { vectors: inputs(9).vectors, targets });
      model.forward(batch);
      applySquaredError(k, batch, { grad: true });
      model.backward(batch);
      return [...(await backend.read(batch.stats)), ...(await backend.read(model.params[0]?.grad as never))];
    };
    const base = inputs(9).targets;
    const a = await run(base);
    // a target where there was none must add loss (the mask is what kept it out)
    const filled = base.map((v) => (Number.isNaN(v) ? 3 : v));
    const c = await run(filled);
    expect(c[1]).toBeGreaterThan(a[1] as number);
    backend.dispose();
  });

  it("learns a position-wise linear map (y = w·x at the marked positions)", async () => {
    const backend = await cpuBackend({ threads: 1 });
    const k = kernels(backend);
    const c = decoderSpec.resolve({
      layers: 1,
      dModel: 16,
      heads: 2,
      dMlp: 32,
      input: { kind: "vectors", dims: 3, outputs: 1 },
    });
    const model = vectorDecoder({ backend, k, rng: randomSource(1) }, c, 4);
    const batch = model.batch(16) as VectorBatch;
    const opt = adamW({
      backend,
      k,
      params: model.params,
      options: { lr: 3e-3, weightDecay: 0, beta1: 0.9, beta2: 0.999, eps: 1e-8, warmupSteps: 10 },
      totalSteps: 300,
    });
    const w = [0.5, -1, 2];
    const rng = randomSource(2);
    const draw = () => {
      const vectors = Float32Array.from({ length: 16 * 4 * 3 }, () => rng.normal(0, 1));
      const targets = Float32Array.from({ length: 16 * 4 }, (_, i) =>
        i % 2 === 0 ? w.reduce((s, wj, j) => s + wj * (vectors[i * 3 + j] as number), 0) : Number.NaN,
      );
      return { vectors, targets };
    };
    const lossOf = async () => {
      const stats = await backend.read(batch.stats);
      return (stats[0] as number) / (stats[1] as number);
    };
    model.load(batch, draw());
    model.forward(batch);
    applySquaredError(k, batch, { grad: false });
    const first = await lossOf();
    for (let step = 1; step <= 300; step++) {
      model.load(batch, draw());
      model.forward(batch);
      applySquaredError(k, batch, { grad: true });
      model.backward(batch);
      await opt.update(step);
    }
    model.load(batch, draw());
    model.forward(batch);
    applySquaredError(k, batch, { grad: false });
    const last = await lossOf();
    expect(first).toBeGreaterThan(1);
    expect(last).toBeLessThan(first / 20);
    backend.dispose();
  });

  it("rejects bad vector configs and vector input where tokens are read, before any work", async () => {
    expect(() => decoderSpec.resolve({ input: { kind: "vectors", dims: 0 } })).toThrow(/model.input.dims/);
    expect(() => decoderSpec.resolve({ input: { kind: "pixels" } })).toThrow(/model.input.kind/);
    expect(() => decoderSpec.resolve({ input: { kind: "tokens", dims: 3 } })).toThrow(GrokError);
    expect(() => decoderSpec.resolve({ tiedEmbeddings: true, input: { kind: "vectors", dims: 2 } })).toThrow(
      /tiedEmbeddings/,
    );
    await expect(
      createTrainer({
        model: {
          kind: "decoder",
          layers: 1,
          dModel: 8,
          heads: 2,
          dMlp: 8,
          input: { kind: "vectors", dims: 2, outputs: 1 },
        },
        task: { options: { op: "add", digits: 1 }, trainSize: 20, testSize: 5, evalTrainSize: 5 },
      }),
    ).rejects.toMatchObject({ code: "INVALID_CONFIG" });
  });
});
