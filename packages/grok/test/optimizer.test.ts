import { describe, expect, it } from "vitest";
import { cpuBackend, kernels, resolveConfig } from "../src/index.js";
import type { Param } from "../src/model/model.js";
import { adamW } from "../src/training/optimizer.js";

const base = { lr: 1e-2, weightDecay: 0.1, beta1: 0.9, beta2: 0.98, eps: 1e-8, warmupSteps: 0 };

describe("AdamW optimizer module", () => {
  it("warm-up is linear, cosine decays from lr to minLr over the rest of the run", async () => {
    const backend = await cpuBackend({ threads: 1 });
    const opt = adamW({
      backend,
      k: kernels(backend),
      params: [],
      options: { ...base, warmupSteps: 10, schedule: "cosine", minLr: 1e-3 },
      totalSteps: 110,
    });
    expect(opt.learningRate(5)).toBeCloseTo(5e-3, 12);
    expect(opt.learningRate(10)).toBeCloseTo(1e-2, 12);
    expect(opt.learningRate(60)).toBeCloseTo(1e-3 + 9e-3 * 0.5, 12); // half way: the mean
    expect(opt.learningRate(110)).toBeCloseTo(1e-3, 12);
    expect(opt.learningRate(500)).toBeCloseTo(1e-3, 12);
    backend.dispose();
  });

  it("clips the global gradient norm like torch.nn.utils.clip_grad_norm_, and skips decay where asked", async () => {
    const backend = await cpuBackend({ threads: 1 });
    const k = kernels(backend);
    const param = (name: string, value: number[], grad: number[], decay?: false): Param => {
      const v = backend.tensor([value.length]);
      const g = backend.tensor([grad.length]);
      backend.upload(v, Float32Array.from(value));
      backend.upload(g, Float32Array.from(grad));
      return { name, shape: [value.length], value: v, grad: g, ...(decay === false ? { decay } : {}) };
    };
    // gradients (3, 4) and (12): global norm 13; clipped to 1.3 → scaled by 0.1
    const a = param("a", [1, 1], [3, 4]);
    const b = param("b", [2], [12], false);
    const opt = adamW({
      backend,
      k,
      params: [a, b],
      options: { ...base, clipGradNorm: 1.3 },
      totalSteps: 10,
    });
    await opt.update(1);
    // first Adam step: m̂ = g', v̂ = g'², update = lr·g'/(|g'| + eps) ≈ lr·sign(g') — so check the moments
    const m = backend.readSync(opt.moments.get("a")?.m as never) as Float32Array;
    expect(m[0]).toBeCloseTo(0.1 * 0.3, 6);
    expect(m[1]).toBeCloseTo(0.1 * 0.4, 6);
    expect((backend.readSync(opt.moments.get("b")?.m as never) as Float32Array)[0]).toBeCloseTo(0.1 * 1.2, 6);
    const av = backend.readSync(a.value) as Float32Array;
    expect(av[0]).toBeCloseTo(1 * (1 - 1e-2 * 0.1) - 1e-2, 5); // decayed
    const bv = backend.readSync(b.value) as Float32Array;
    expect(bv[0]).toBeCloseTo(2 - 1e-2, 5); // decay: false
    backend.dispose();
  });

  it("the config carries the schedule and clipping, validated", () => {
    const c = resolveConfig({ optimizer: { schedule: "cosine", minLr: 1e-4, clipGradNorm: 1 } });
    expect(c.optimizer).toMatchObject({ schedule: "cosine", minLr: 1e-4, clipGradNorm: 1 });
    expect(resolveConfig({}).optimizer.clipGradNorm).toBeNull();
    expect(() => resolveConfig({ optimizer: { clipGradNorm: 0 } })).toThrow(/clipGradNorm/);
    expect(() => resolveConfig({ optimizer: { schedule: "linear" as never } })).toThrow(/schedule/);
  });
});
