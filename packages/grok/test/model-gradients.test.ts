import { randomSource } from "@emerge/random";
import { expect, it } from "vitest";
import { cpuBackend, kernels } from "../src/index.js";
import { mlp } from "../src/model/mlp.js";
import type { Model } from "../src/model/model.js";
import { transformer } from "../src/model/transformer.js";

/** End-to-end finite-difference check of a whole model's parameter gradients (mean CE loss). */
async function check(build: (ctx: Parameters<typeof mlp>[0]) => Model, vocab: number) {
  const backend = await cpuBackend();
  const k = kernels(backend);
  const model = build({ backend, k, rng: randomSource(5) });
  const rows = 6;
  const rng = randomSource(9);
  const a = Int32Array.from({ length: rows }, () => rng.int(vocab));
  const b = Int32Array.from({ length: rows }, () => rng.int(vocab));
  const t = Int32Array.from({ length: rows }, () => rng.int(vocab));
  const batch = model.batch(rows);
  model.load(batch, { a, b, target: t });
  const loss = () => {
    model.forward(batch);
    k.softmaxCrossEntropy({
      logits: batch.logits,
      targets: batch.targets,
      stats: batch.stats,
      dLogits: batch.dLogits,
      scale: 1 / rows,
    });
    return ((backend.readSync(batch.stats) as Float32Array)[0] as number) / rows;
  };
  loss();
  model.backward(batch);
  for (const p of model.params) {
    const grad = backend.readSync(p.grad) as Float32Array;
    const value = backend.readSync(p.value) as Float32Array;
    for (let probe = 0; probe < 4; probe++) {
      const i = rng.int(value.length);
      const eps = 1e-3; // small: ReLU kinks must stay outside the stencil
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
      expect(Math.abs(fd - an), `${p.name}[${i}] analytic ${an} vs fd ${fd}`).toBeLessThanOrEqual(
        2e-2 * Math.max(2e-2, Math.abs(fd)),
      );
    }
  }
  backend.dispose();
}

it("MLP (depth 2, biases, gelu) gradients match finite differences", async () => {
  await check((ctx) => mlp(ctx, { kind: "mlp", width: 8, depth: 2, activation: "gelu", bias: true }, 7), 7);
});

it("MLP (quadratic, no bias) gradients match finite differences", async () => {
  await check(
    (ctx) => mlp(ctx, { kind: "mlp", width: 8, depth: 1, activation: "quadratic", bias: false }, 7),
    7,
  );
});

it("transformer (2 layers) gradients match finite differences", async () => {
  await check(
    (ctx) => transformer(ctx, { kind: "transformer", layers: 2, dModel: 8, heads: 2, dMlp: 12 }, 5),
    5,
  );
});
