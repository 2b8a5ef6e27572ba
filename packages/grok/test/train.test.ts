import { describe, expect, it } from "vitest";
import {
  createBackend,
  createTrainer,
  decodeCheckpoint,
  encodeCheckpoint,
  GrokError,
  resolveConfig,
  revalidateConfig,
  train,
} from "../src/index.js";

const small = {
  p: 23,
  trainFraction: 0.5,
  steps: 1500,
  evalEvery: 10,
  model: { width: 128 },
  optimizer: { lr: 3e-3 },
  stopAfterGeneralization: 0,
};

describe("train", () => {
  it("groks a+b mod 23: memorisation comes well before generalisation", async () => {
    const { summary, metrics } = await train(small);
    expect(summary.memorizationStep).not.toBeNull();
    expect(summary.generalizationStep).not.toBeNull();
    const mem = summary.memorizationStep as number;
    const gen = summary.generalizationStep as number;
    expect(gen).toBeGreaterThan(4 * mem);
    expect(summary.plateauSteps).toBe(gen - mem);
    expect(summary.final.testAcc).toBeGreaterThanOrEqual(0.99);
    expect(summary.steps).toBe(gen); // stopAfterGeneralization: 0
    // on the plateau, train accuracy is perfect while test accuracy is far from it
    const plateau = metrics.find((m) => m.step >= mem + 50) as (typeof metrics)[number];
    expect(plateau.trainAcc).toBe(1);
    expect(plateau.testAcc).toBeLessThan(0.5);
    // Fourier sparsity of the embedding grows as the network generalises
    const first = metrics[0]?.fourier?.ipr as number;
    const lastF = metrics.filter((m) => m.fourier).at(-1)?.fourier?.ipr as number;
    expect(lastF).toBeGreaterThan(2 * first);
    // …and units lock onto single frequencies (Gromov): more of them have a dominant one
    const units = (m: (typeof metrics)[number] | undefined) =>
      (m?.fourier?.unitsPerFrequency ?? []).reduce((x, y) => x + y, 0);
    expect(units(metrics.filter((m) => m.fourier).at(-1))).toBeGreaterThan(units(metrics[0]));
  });

  it("gives the logits of any pairs: argmax accuracy matches its own evaluation, chunks agree, bad input throws", async () => {
    for (const model of [{ width: 64 }, { kind: "transformer" as const, dModel: 32, heads: 2, dMlp: 64 }]) {
      const trainer = await createTrainer({ ...small, steps: 60, evalEvery: 20, model });
      try {
        const result = await trainer.run();
        const { test } = trainer.dataset;
        const logits = await trainer.logits(test.a, test.b);
        expect(logits).toHaveLength(test.size * 23);
        let correct = 0;
        for (let i = 0; i < test.size; i++) {
          const row = logits.subarray(i * 23, (i + 1) * 23);
          if (row.indexOf(Math.max(...row)) === test.target[i]) correct++;
        }
        expect(correct / test.size).toBeCloseTo(result.summary.final.testAcc, 9);
        // more pairs than one probe batch: computed in chunks, the same numbers
        const many = 4096 + 37;
        const a = Array.from({ length: many }, (_, i) => test.a[i % test.size] as number);
        const b = Array.from({ length: many }, (_, i) => test.b[i % test.size] as number);
        const big = await trainer.logits(a, b);
        expect(big.subarray(4096 * 23, (4096 + 5) * 23)).toEqual(
          logits.subarray((4096 % test.size) * 23, ((4096 % test.size) + 5) * 23),
        );
        expect(await trainer.logits([], [])).toHaveLength(0);
        await expect(trainer.logits([1, 2], [3])).rejects.toMatchObject({ code: "INVALID_INPUT" });
        await expect(trainer.logits([23], [0])).rejects.toMatchObject({ code: "INVALID_INPUT" });
        await expect(trainer.logits([1.5], [0])).rejects.toMatchObject({ code: "INVALID_INPUT" });
      } finally {
        trainer.dispose();
      }
    }
  });

  it("is a pure function of its config", async () => {
    const config = { ...small, steps: 30, stopAfterGeneralization: null };
    const strip = (r: Awaited<ReturnType<typeof train>>) => r.metrics.map(({ elapsedS: _, ...m }) => m);
    expect(strip(await train(config))).toEqual(strip(await train(config)));
  });

  it("resumes bit-identically from an encoded checkpoint", async () => {
    for (const extra of [
      {},
      { batchSize: 64, model: { width: 32, depth: 2, bias: true, activation: "gelu" as const } },
    ]) {
      const config = {
        ...small,
        ...extra,
        steps: 40,
        evalEvery: 7,
        checkpointEvery: 20,
        stopAfterGeneralization: null,
      };
      const straight = await createTrainer(config);
      const full = await straight.run();
      const finalWeights = (await straight.checkpoint()).tensors;
      straight.dispose();

      // "kill" the run right after its step-20 checkpoint
      const controller = new AbortController();
      let bytes: Uint8Array = new Uint8Array();
      const first = await createTrainer(config);
      await expect(
        first.run({
          signal: controller.signal,
          onCheckpoint: (c) => {
            if (c.step === 20) {
              bytes = encodeCheckpoint(c);
              controller.abort();
            }
          },
        }),
      ).rejects.toMatchObject({ code: "ABORTED" });
      first.dispose();
      const ckpt = decodeCheckpoint(bytes);
      expect(ckpt.step).toBe(20);
      const resumed = await createTrainer({}, { checkpoint: ckpt });
      const rest = await resumed.run();
      const resumedWeights = (await resumed.checkpoint()).tensors;
      resumed.dispose();

      const strip = (ms: typeof full.metrics) => ms.map(({ elapsedS: _, ...m }) => m);
      expect(strip(rest.metrics)).toEqual(strip(full.metrics));
      for (const [name, w] of Object.entries(finalWeights)) {
        expect(
          Buffer.from((resumedWeights[name] as Float32Array).buffer).equals(Buffer.from(w.buffer)),
          name,
        ).toBe(true);
      }
    }
  });

  it("keeps 'run all steps' across a checkpoint", async () => {
    const t = await createTrainer({ ...small, steps: 1, stopAfterGeneralization: null });
    const c = decodeCheckpoint(encodeCheckpoint(await t.checkpoint()));
    t.dispose();
    expect(c.config.stopAfterGeneralization).toBeNull();
    expect(revalidateConfig(c.config).stopAfterGeneralization).toBeNull();
    expect(resolveConfig({}).stopAfterGeneralization).toBe(100);
  });

  it("rejects corrupt checkpoints and bad configs with typed errors", async () => {
    const t = await createTrainer({ ...small, steps: 1 });
    const bytes = encodeCheckpoint(await t.checkpoint());
    t.dispose();
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    expect(() => decodeCheckpoint(bytes)).toThrow(expect.objectContaining({ code: "BAD_CHECKPOINT" }));
    expect(() => decodeCheckpoint(new Uint8Array(3))).toThrow(GrokError);
    for (const bad of [
      { p: 1 },
      { trainFraction: 1 },
      { optimizer: { lr: -1 } },
      { model: { kind: "transformer" as const, dModel: 10, heads: 3 } },
      { model: { activation: "tanh" as "relu" } },
      { steps: 1.5 },
      { batchSize: 0 },
      { colour: "red" } as object,
    ]) {
      expect(() => resolveConfig(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: "INVALID_CONFIG" }),
      );
    }
    await expect(train({ ...small, steps: 1 }, { backend: "tpu" })).rejects.toMatchObject({
      code: "UNKNOWN_BACKEND",
    });
  });

  it("trains with MSE and with linear warm-up", async () => {
    const base = { ...small, steps: 30, evalEvery: 30, stopAfterGeneralization: null };
    const mse = await train({ ...base, loss: "mse", optimizer: { lr: 1e-2 } });
    expect(mse.metrics.at(-1)?.trainLoss).toBeLessThan(mse.metrics[0]?.trainLoss as number);
    // one step: warm-up scales the first update by 1/warmupSteps
    const delta = async (warmupSteps: number) => {
      const t = await createTrainer({
        ...base,
        steps: 1,
        optimizer: { lr: 1e-2, warmupSteps, weightDecay: 0 },
      });
      const before = (await t.checkpoint()).tensors.W1 as Float32Array;
      await t.run();
      const after = (await t.checkpoint()).tensors.W1 as Float32Array;
      t.dispose();
      return Math.max(...after.map((v, i) => Math.abs(v - (before[i] as number))));
    };
    const full = await delta(0);
    expect(full).toBeCloseTo(1e-2, 3); // Adam's first step moves every weight by ≈ lr
    expect(await delta(10)).toBeCloseTo(full / 10, 4);
  });

  it("stops with ABORTED when the signal fires", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(train(small, { signal: controller.signal })).rejects.toMatchObject({ code: "ABORTED" });
  });
});

describe("a lent backend", () => {
  it("gets back every tensor the trainer allocated on it, and stays usable", async () => {
    // the bug: dispose() freed nothing on a backend the trainer did not create, so a page reusing
    // one GPU backend for a family of runs leaked every run's weights, moments and batches
    const backend = await createBackend("cpu");
    const made = new Set<unknown>();
    const freed = new Set<unknown>();
    const tensor = backend.tensor.bind(backend);
    const free = backend.free.bind(backend);
    backend.tensor = (...args) => {
      const t = tensor(...args);
      made.add(t);
      return t;
    };
    backend.free = (t) => {
      freed.add(t);
      free(t);
    };
    for (const config of [
      { ...small, steps: 5, evalEvery: 5 },
      {
        task: { family: "arithmetic", options: { op: "add", digits: 2 }, trainSize: 200, testSize: 50 },
        model: { kind: "decoder", layers: 1, dModel: 16, heads: 2 },
        steps: 3,
        evalEvery: 3,
      },
    ] as const) {
      const trainer = await createTrainer(config as never, { backend });
      await trainer.run();
      await trainer.logits([1], [2]).catch(() => undefined); // the probe batch, where the model has one
      trainer.dispose();
    }
    expect(made.size).toBeGreaterThan(10);
    expect([...made].filter((t) => !freed.has(t))).toEqual([]);
    const x = backend.tensor([2]);
    backend.upload(x, new Float32Array([1, 2]));
    expect(Array.from(await backend.read(x))).toEqual([1, 2]);
    backend.dispose();
  });
});
