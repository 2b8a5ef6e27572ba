import { describe, expect, it } from "vitest";
import {
  backendNames,
  cpuBackend,
  createBackend,
  GrokError,
  getKernel,
  kernels,
  registerBackend,
  registerKernel,
  registerKernels,
  train,
  unregisterKernel,
} from "../src/index.js";

describe("backend and kernel registries", () => {
  it('createBackend("cpu") works as documented and lists the built-in backends', async () => {
    const backend = await createBackend("cpu");
    try {
      expect(backend.name).toBe("cpu");
      const x = backend.tensor([2, 2]);
      backend.upload(x, new Float32Array([1, 2, 3, 4]));
      const out = backend.tensor([1]);
      kernels(backend).sumSquares({ x, out });
      expect(Array.from(await backend.read(out))).toEqual([30]);
    } finally {
      backend.dispose();
    }
    expect(backendNames().slice(0, 2)).toEqual(["cpu", "gpu"]);
  });

  it("registering a kernel twice is an error, not a silent replace", () => {
    const fill = () => {};
    registerKernel({ kernelName: "fill", backendName: "twice", kernelFunc: fill });
    const again = () => registerKernel({ kernelName: "fill", backendName: "twice", kernelFunc: fill });
    expect(again).toThrow(GrokError);
    expect(again).toThrow(/"fill" is already registered for backend "twice"/);
    expect(() => registerKernels("twice", { fill })).toThrow(/already registered/);
    unregisterKernel("fill", "twice");
    expect(getKernel("fill", "twice")).toBeUndefined();
    registerKernel({ kernelName: "fill", backendName: "twice", kernelFunc: fill });
    expect(getKernel("fill", "twice")).toBe(fill);
  });

  it("registering a backend name twice is an error", () => {
    backendNames(); // built-ins registered
    try {
      registerBackend("cpu", () => cpuBackend());
      expect.unreachable();
    } catch (e) {
      expect((e as GrokError).code).toBe("ALREADY_REGISTERED");
    }
  });

  it("the trainer resolves any registered backend by name (no hard-coded names)", async () => {
    registerBackend("cpu-one-thread", () => cpuBackend({ name: "cpu-one-thread", threads: 1 }));
    const config = { p: 11, steps: 3, evalEvery: 3, model: { width: 16 } };
    const mine = await train(config, { backend: "cpu-one-thread" });
    expect(mine.summary.backend).toBe("cpu (wasm-simd, 1 thread)");
    const ref = await train(config, { backend: "cpu" });
    expect(mine.metrics.map((m) => m.trainLoss)).toEqual(ref.metrics.map((m) => m.trainLoss));
    await expect(train(config, { backend: "nope" })).rejects.toThrow(/unknown backend "nope"/);
  });
});
