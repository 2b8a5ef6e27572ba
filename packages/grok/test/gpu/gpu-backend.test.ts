import { afterEach, describe, expect, it } from "vitest";
import { type Backend, kernelNames, kernels, type Tensor } from "../../src/backends/backend.js";
import { cpuBackend } from "../../src/backends/cpu/cpu-backend.js";
import { createGpuBackend, type GpuBackend, gpuKernels } from "../../src/backends/gpu/index.js";
import { GrokError } from "../../src/errors.js";

const code = (c: string) => expect.objectContaining({ code: c });
const opened: Backend[] = [];
const open = (b: GpuBackend) => {
  opened.push(b);
  return b;
};
afterEach(() => {
  for (const b of opened.splice(0)) b.dispose();
});

describe("gpu backend", () => {
  it("reports the gpu.js backend it runs on (headless-gl where installed, else WebAssembly)", () => {
    const b = open(createGpuBackend());
    expect(b.name).toBe("gpu");
    expect(["headlessgl", "webasm"]).toContain(b.mode);
    // a machine with headless-gl (e.g. `xvfb-run` with the gl package built) says which mode it expects
    if (process.env.EMERGE_EXPECT_GPU_MODE) expect(b.mode).toBe(process.env.EMERGE_EXPECT_GPU_MODE);
    expect(b.onDevice).toBe(b.mode === "headlessgl");
    expect(b.description).toContain(b.mode);
    const js = open(createGpuBackend({ mode: "cpu" }));
    expect(js.mode).toBe("cpu");
    expect(js.description).toBe("gpu emulated: gpu.js cpu fallback (float32 host arrays)");
    expect(js.emulated).toBe(true);
  });

  it("refuses a gpu.js mode that cannot run here with UNKNOWN_BACKEND", () => {
    expect(() => createGpuBackend({ mode: "webgl2" })).toThrow(code("UNKNOWN_BACKEND"));
    expect(() => createGpuBackend({ mode: "cpu", requireDevice: true })).toThrow(/no GL backend/);
  });

  it("implements every named kernel of the seam", () => {
    expect(Object.keys(gpuKernels).sort()).toEqual([...kernelNames].sort());
    expect(() => kernels(open(createGpuBackend()))).not.toThrow();
  });

  it("starts tensors at zero and round-trips float32 and int32 data", async () => {
    const b = open(createGpuBackend());
    const z = b.tensor([2, 3]);
    expect(Array.from(await b.read(z))).toEqual([0, 0, 0, 0, 0, 0]);
    const ids = b.tensor([4], "int32");
    b.upload(ids, Int32Array.from([3, 0, 7, 2]));
    const back = await b.read(ids);
    expect(back).toBeInstanceOf(Int32Array);
    expect(Array.from(back)).toEqual([3, 0, 7, 2]);
    const k = kernels(b);
    const copy = b.tensor([4], "int32");
    k.copy({ x: ids, out: copy });
    expect(Array.from(await b.read(copy))).toEqual([3, 0, 7, 2]);
    k.fill({ out: copy, value: 5 });
    expect(Array.from(await b.read(copy))).toEqual([5, 5, 5, 5]);
    const empty = b.tensor([0, 4]);
    k.fill({ out: empty, value: 1 });
    expect((await b.read(empty)).length).toBe(0);
    await b.flush();
  });

  it("rejects wrong uploads, foreign and freed tensors, and use after dispose", async () => {
    const b = createGpuBackend();
    const t = b.tensor([3]);
    expect(() => b.upload(t, new Float32Array(2))).toThrow(code("SHAPE_MISMATCH"));
    expect(() => b.upload(t, new Int32Array(3))).toThrow(code("SHAPE_MISMATCH"));
    expect(() => b.tensor([2, -1])).toThrow(code("SHAPE_MISMATCH"));
    const cpu = await cpuBackend();
    const foreign = cpu.tensor([3]);
    expect(() => kernels(b).copy({ x: foreign, out: t })).toThrow(/belongs to backend "cpu"/);
    cpu.dispose();
    const freed = b.tensor([3]);
    b.free(freed);
    expect(() => kernels(b).copy({ x: freed, out: t })).toThrow(/was freed/);
    b.dispose();
    expect(() => b.tensor([1])).toThrow(code("BACKEND_DISPOSED"));
    await expect(b.read(t)).rejects.toBeInstanceOf(GrokError);
    b.dispose(); // idempotent
  });

  it("checks embedding ids and targets instead of reading out of bounds", () => {
    const b = open(createGpuBackend());
    const k = kernels(b);
    const table = b.tensor([5, 2]);
    const ids = b.tensor([2], "int32");
    b.upload(ids, Int32Array.from([1, 5]));
    expect(() => k.embeddingGather({ table, indices: ids, out: b.tensor([2, 2]) })).toThrow(
      /index 5 at position 1/,
    );
    expect(() => k.embeddingScatterAdd({ dOut: b.tensor([2, 2]), indices: ids, dTable: table })).toThrow(
      code("SHAPE_MISMATCH"),
    );
    expect(() =>
      k.softmaxCrossEntropy({ logits: b.tensor([2, 5]), targets: ids, stats: b.tensor([2]) }),
    ).toThrow(/target 5 outside/);
  });

  it("rebuilds the scatter row lists when the ids change", async () => {
    const b = open(createGpuBackend());
    const k = kernels(b);
    const ids = b.tensor([3], "int32");
    const dOut = b.tensor([3, 1]);
    b.upload(dOut, Float32Array.from([1, 10, 100]));
    const dTable = b.tensor([3, 1]);
    b.upload(ids, Int32Array.from([0, 0, 2]));
    k.embeddingScatterAdd({ dOut, indices: ids, dTable });
    expect(Array.from(await b.read(dTable))).toEqual([11, 0, 100]);
    b.upload(ids, Int32Array.from([2, 1, 1]));
    k.embeddingScatterAdd({ dOut, indices: ids, dTable });
    expect(Array.from(await b.read(dTable))).toEqual([0, 110, 1]);
  });

  it("is deterministic: the same inputs give bit-identical outputs", async () => {
    const run = async () => {
      const b = open(createGpuBackend());
      const k = kernels(b);
      const x = b.tensor([37, 29]);
      b.upload(
        x,
        Float32Array.from({ length: 37 * 29 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 - 10),
      );
      const w = b.tensor([29, 23]);
      b.upload(
        w,
        Float32Array.from({ length: 29 * 23 }, (_, i) => Math.cos(i * 3.7)),
      );
      const logits = b.tensor([37, 23]);
      k.matMul({ a: x, b: w, out: logits });
      const targets = b.tensor([37], "int32");
      b.upload(
        targets,
        Int32Array.from({ length: 37 }, (_, i) => (i * 7) % 23),
      );
      const stats = b.tensor([2]);
      const d = b.tensor([37, 23]);
      k.softmaxCrossEntropy({ logits, targets, stats, dLogits: d, scale: 1 / 37 });
      const norm = b.tensor([1]);
      k.sumSquares({ x: d, out: norm });
      return [...(await b.read(stats)), ...(await b.read(norm)), ...(await b.read(d))];
    };
    expect(await run()).toEqual(await run());
  });

  it("frees every temporary it allocates (only caller tensors stay alive)", async () => {
    const b = open(createGpuBackend());
    const k = kernels(b);
    const live = () => (b as unknown as { live: Set<Tensor> }).live.size;
    const q = b.tensor([6, 8]);
    const probs = b.tensor([2, 2, 3, 3]);
    const out = b.tensor([6, 8]);
    const [dq, dk, dv] = [b.tensor([6, 8]), b.tensor([6, 8]), b.tensor([6, 8])];
    const logits = b.tensor([4, 5]);
    const targets = b.tensor([4], "int32");
    const stats = b.tensor([2]);
    const dLogits = b.tensor([4, 5]);
    const before = live();
    for (let i = 0; i < 3; i++) {
      k.attention({ q, k: q, v: q, probs, out, seq: 3, heads: 2, causal: true });
      k.attentionBackward({ q, k: q, v: q, probs, dOut: out, dq, dk, dv, seq: 3, heads: 2 });
      k.softmaxCrossEntropy({ logits, targets, stats, dLogits });
    }
    expect(live()).toBe(before);
  });
});
