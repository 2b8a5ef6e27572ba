import { randomSource } from "@emerge/random";
import { describe, expect, it } from "vitest";
import {
  cpuBackend,
  createTrainer,
  decodeCheckpoint,
  encodeCheckpoint,
  kernels,
  resolveConfig,
} from "../src/index.js";
import { decoder } from "../src/model/decoder.js";
import { minibatchRows } from "../src/sequence/batches.js";
import { isHeldOut, sequenceDataset } from "../src/sequence/dataset.js";
import { resolveSequenceTask } from "../src/sequence/task-config.js";
import { BOS, characterVocabulary, EOS, PAD } from "../src/sequence/vocabulary.js";

describe("sequence data", () => {
  it("a character vocabulary: PAD, BOS, EOS, then whole character classes, round-trips text", () => {
    const v = characterVocabulary(["12+7=", "19"]);
    expect(v.tokens.slice(0, 3)).toEqual(["<pad>", "<bos>", "<eos>"]);
    expect(v.tokens.slice(3)).toEqual(["+", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "="]);
    expect(v.decode(v.encode("83+5="))).toBe("83+5=");
    expect(v.decode([BOS, ...v.encode("4"), EOS, PAD])).toBe("4");
    expect(() => v.encode("x")).toThrow(/not in the vocabulary/);
  });

  it("3-digit addition: disjoint splits by construction, answers reversed, loss only on answer tokens and EOS", () => {
    const task = resolveSequenceTask({ trainSize: 2000, testSize: 200 });
    const d = sequenceDataset(task, 7);
    expect(d.train.rows).toBe(2000);
    expect(d.test.rows).toBe(200);
    const train = new Set(d.train.prompts);
    expect(d.test.prompts.some((p) => train.has(p))).toBe(false);
    expect(d.test.prompts.every(isHeldOut)).toBe(true);
    expect(d.train.prompts.some(isHeldOut)).toBe(false);
    expect(new Set(d.test.prompts).size).toBe(200);
    expect(d.vocab.size).toBe(3 + 12); // + 0-9 =
    expect(d.seq).toBe(1 + 8 + 4 + 1); // BOS 999+999= 8991 EOS
    expect(d.train.prompts.every((p) => /^\d{3}\+\d{3}=$/.test(p))).toBe(true); // operands zero-padded
    for (let r = 0; r < 50; r++) {
      const prompt = d.train.prompts[r] as string;
      const [a, b] = prompt.slice(0, -1).split("+").map(Number) as [number, number];
      const answer = d.train.answers[r] as string;
      expect([...answer].reverse().join("")).toBe(String(a + b));
      const row = d.train.tokens.subarray(r * d.seq, (r + 1) * d.seq);
      const targets = d.train.targets.subarray(r * d.seq, (r + 1) * d.seq);
      const p = d.train.promptLength[r] as number;
      expect(p).toBe(1 + prompt.length);
      expect(d.vocab.decode(row)).toBe(prompt + answer);
      // position i predicts token i + 1, only for the answer tokens and EOS
      const predicted = Array.from(targets).flatMap((t, i) => (t >= 0 ? [[i, t]] : []));
      expect(predicted.map(([i]) => i)).toEqual(
        Array.from({ length: answer.length + 1 }, (_, j) => p - 1 + j),
      );
      expect(predicted.map(([, t]) => t)).toEqual([...d.vocab.encode(answer), EOS]);
    }
    // same seed, same data; another seed, other training problems
    expect(sequenceDataset(task, 7).train.prompts).toEqual(d.train.prompts);
    expect(sequenceDataset(task, 8).train.prompts).not.toEqual(d.train.prompts);
  });

  it("a problem space smaller than asked is a typed config error", () => {
    const task = resolveSequenceTask({ options: { op: "add", digits: 1 }, trainSize: 500, testSize: 5 });
    expect(() => sequenceDataset(task, 0)).toThrow(/only \d+ distinct training problems/);
    expect(() => resolveSequenceTask({ trainSize: 0 })).toThrow(/task.trainSize/);
    expect(() => resolveSequenceTask({ familly: "x" })).toThrow(/did you mean task.family/);
  });

  it("minibatches: seeded epoch shuffles, every row once per epoch, a pure function of the step", () => {
    const n = 100;
    const size = 32;
    const epoch = [0, 1, 2, 3].flatMap((s) => Array.from(minibatchRows(5, n, size, s))).slice(0, n);
    expect([...epoch].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(Array.from(minibatchRows(5, n, size, 3))).toEqual(Array.from(minibatchRows(5, n, size, 3)));
    expect(Array.from(minibatchRows(6, n, size, 0))).not.toEqual(Array.from(minibatchRows(5, n, size, 0)));
  });

  it("the decoder config: defaults, limits, training defaults, and task only for sequence models", () => {
    const c = resolveConfig({ model: { kind: "decoder" } });
    expect(c.model).toEqual({
      kind: "decoder",
      layers: 2,
      dModel: 128,
      heads: 4,
      dMlp: 512,
      tiedEmbeddings: false,
    });
    expect(c.batchSize).toBe(64);
    expect(c.optimizer.schedule).toBe("cosine");
    expect(c.task?.family).toBe("arithmetic");
    expect(resolveConfig({ model: { kind: "decoder" }, batchSize: 16 }).batchSize).toBe(16);
    expect(() => resolveConfig({ model: { kind: "decoder", heads: 3 } })).toThrow(/must divide/);
    expect(() => resolveConfig({ model: { kind: "decoder" }, loss: "mse" })).toThrow(/loss/);
    expect(() => resolveConfig({ task: { trainSize: 10 } })).toThrow(/task applies to sequence models/);
    expect(resolveConfig({}).task).toBeNull();
  });
});

describe("decoder", () => {
  for (const tiedEmbeddings of [false, true]) {
    it(`gradients match finite differences of the answer-token loss (tied ${tiedEmbeddings})`, async () => {
      const backend = await cpuBackend({ threads: 1 });
      const k = kernels(backend);
      const [vocab, seq, rows] = [7, 5, 3];
      const config = { kind: "decoder" as const, layers: 2, dModel: 8, heads: 2, dMlp: 12, tiedEmbeddings };
      const model = decoder({ backend, k, rng: randomSource(3) }, config, vocab, seq);
      const rng = randomSource(4);
      const tokens = Int32Array.from({ length: rows * seq }, () => rng.int(vocab));
      const targets = Int32Array.from({ length: rows * seq }, (_, i) => (i % seq >= 2 ? rng.int(vocab) : -1));
      const count = targets.filter((t) => t >= 0).length;
      const batch = model.batch(rows);
      model.load(batch, { tokens, targets });
      const loss = () => {
        model.forward(batch);
        k.softmaxCrossEntropy({
          logits: batch.logits,
          targets: batch.targets,
          stats: batch.stats,
          dLogits: batch.dLogits,
          scale: 1 / count,
        });
        return ((backend.readSync(batch.stats) as Float32Array)[0] as number) / count;
      };
      loss();
      model.backward(batch);
      expect(model.params.map((p) => p.name)).toContain(tiedEmbeddings ? "W_E" : "W_U");
      for (const p of model.params) {
        const grad = backend.readSync(p.grad) as Float32Array;
        const value = backend.readSync(p.value) as Float32Array;
        for (let probe = 0; probe < 3; probe++) {
          const i = rng.int(value.length);
          const eps = 1e-2;
          const x0 = value[i] as number;
          value[i] = x0 + eps;
          backend.upload(p.value, value);
          const lp = loss();
          value[i] = x0 - eps;
          backend.upload(p.value, value);
          const lm = loss();
          value[i] = x0;
          backend.upload(p.value, value);
          const fd = (lp - lm) / (2 * eps);
          const an = grad[i] as number;
          expect(Math.abs(fd - an), `${p.name}[${i}] analytic ${an} vs fd ${fd}`).toBeLessThan(
            2e-2 * Math.max(0.05, Math.abs(fd)),
          );
        }
      }
      backend.dispose();
    });
  }

  it("trains on 1-digit addition, and resumes bit-identically from a checkpoint", async () => {
    const config = {
      model: { kind: "decoder" as const, layers: 1, dModel: 32, heads: 2, dMlp: 64 },
      task: { options: { op: "add", digits: 1 }, trainSize: 80, testSize: 8, evalTrainSize: 40 },
      batchSize: 16,
      steps: 40,
      evalEvery: 20,
      checkpointEvery: 20,
      optimizer: { lr: 3e-3, warmupSteps: 5 },
      stopAfterGeneralization: null,
    };
    const whole = await createTrainer(config);
    const checkpoints: Uint8Array[] = [];
    const full = await whole.run({ onCheckpoint: async (c) => void checkpoints.push(encodeCheckpoint(c)) });
    expect(whole.sequences?.train.rows).toBe(80);
    expect(() => whole.dataset).toThrow(/sequences/);
    whole.dispose();
    const first = full.metrics[0];
    const last = full.metrics.at(-1);
    expect(last?.trainLoss).toBeLessThan((first?.trainLoss as number) * 0.7);
    expect(last?.testTokenAcc).toBeGreaterThanOrEqual(0);
    const resumed = await createTrainer(config, {
      checkpoint: decodeCheckpoint(checkpoints[0] as Uint8Array),
    });
    const rest = await resumed.run();
    resumed.dispose();
    const strip = (ms: typeof full.metrics) => ms.map(({ elapsedS: _, ...m }) => m);
    expect(strip(rest.metrics)).toEqual(strip(full.metrics));
  });
});
