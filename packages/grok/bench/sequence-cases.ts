/**
 * The sequence-model cases of the benchmark, the same models and steps as bench/torch_seq.py:
 * - decoder: 2 layers, d_model 128, 4 heads, MLP 512, sequence length 32, batch 64, vocabulary 20,
 *   one fixed batch of random tokens, the loss on the second half of each sequence;
 * - nanda: Nanda et al.'s one-layer transformer (p = 113, d_model 128, 4 heads, MLP 512) on the
 *   full batch of 30% of the pairs.
 * A timed step is forward, loss, backward and the AdamW update (no evaluation), on both sides.
 */
import { randomSource } from "@emerge/random";
import type { Backend } from "../src/index.js";
import { kernels } from "../src/index.js";
import { decoder } from "../src/model/decoder.js";
import type { Batch, Model } from "../src/model/model.js";
import { transformer } from "../src/model/transformer.js";
import { applyLoss } from "../src/training/loss.js";
import { adamW } from "../src/training/optimizer.js";

/** Steps/s and CPU-seconds per step (all threads of this process) of `steps` timed steps. */
export interface CaseTiming {
  stepsPerS: number;
  cpuSPerStep: number;
}

async function time(step: () => Promise<void>, steps: number): Promise<CaseTiming> {
  for (let i = 0; i < 3; i++) await step(); // warm-up: tier-up of the wasm and JS kernels
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) await step();
  const cpu = process.cpuUsage(c0);
  return {
    stepsPerS: steps / ((performance.now() - t0) / 1000),
    cpuSPerStep: (cpu.user + cpu.system) / 1e6 / steps,
  };
}

function stepper(
  backend: Backend,
  model: Model<never>,
  batch: Batch,
  count: number,
  optimizer: { lr: number; weightDecay: number; beta2: number },
) {
  const k = kernels(backend);
  const opt = adamW({
    backend,
    k,
    params: model.params,
    options: { ...optimizer, beta1: 0.9, eps: 1e-8, warmupSteps: 0 },
    totalSteps: 1e6,
  });
  let t = 0;
  return async () => {
    model.forward(batch);
    applyLoss(k, "cross-entropy", batch, { classes: model.classes, count, grad: true });
    model.backward(batch);
    await opt.update(++t);
  };
}

/** The decoder case on `backend`. */
export async function decoderCase(backend: Backend, steps: number): Promise<CaseTiming> {
  const [vocab, seq, rows] = [20, 32, 64];
  const k = kernels(backend);
  const config = {
    kind: "decoder" as const,
    layers: 2,
    dModel: 128,
    heads: 4,
    dMlp: 512,
    tiedEmbeddings: false,
  };
  const model = decoder({ backend, k, rng: randomSource(0) }, config, vocab, seq);
  const rng = randomSource("bench-decoder");
  const tokens = Int32Array.from({ length: rows * seq }, () => rng.int(vocab));
  const targets = Int32Array.from({ length: rows * seq }, (_, i) =>
    i % seq < seq / 2 ? -1 : rng.int(vocab),
  );
  const batch = model.batch(rows);
  model.load(batch, { tokens, targets });
  const count = targets.filter((t) => t >= 0).length;
  return time(
    stepper(backend, model as Model<never>, batch, count, { lr: 1e-3, weightDecay: 0.1, beta2: 0.99 }),
    steps,
  );
}

/** The Nanda case on `backend`. */
export async function nandaCase(backend: Backend, steps: number): Promise<CaseTiming> {
  const p = 113;
  const k = kernels(backend);
  const config = { kind: "transformer" as const, layers: 1, dModel: 128, heads: 4, dMlp: 512 };
  const model = transformer({ backend, k, rng: randomSource(0) }, config, p);
  const rng = randomSource("bench-nanda");
  const n = Math.round(0.3 * p * p);
  const a = Int32Array.from({ length: n }, () => rng.int(p));
  const b = Int32Array.from({ length: n }, () => rng.int(p));
  const target = a.map((x, i) => (x + (b[i] as number)) % p);
  const batch = model.batch(n);
  model.load(batch, { a, b, target });
  return time(
    stepper(backend, model as Model<never>, batch, n, { lr: 1e-3, weightDecay: 1, beta2: 0.98 }),
    steps,
  );
}
