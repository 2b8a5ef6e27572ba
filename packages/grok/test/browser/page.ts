/**
 * Entry of the browser test page (bundled by browser.test.ts with "vitest" aliased to the shim):
 * runs the shared backend conformance suite on the gpu backend (gpu.js on WebGL2 here), then a
 * short training run on gpu and on cpu, and publishes everything on `window.__grokBrowser`.
 */
import gpuJs from "gpu.js";
import { kernels } from "../../src/backends/backend.js";
import { createGpuBackend } from "../../src/backends/gpu/index.js";
import { train } from "../../src/training/trainer.js";
import { backendConformance } from "../conformance/backend-conformance.js";
import { browserTolerances, browserTrainingConfigs } from "../gpu/agreement.js";
import { type CaseResult, runRegistered } from "./vitest-shim.js";

/** Count GL textures created minus deleted, to catch per-step leaks. */
let liveTextures = 0;
for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
  const create = proto.createTexture;
  const remove = proto.deleteTexture;
  proto.createTexture = function (this: WebGL2RenderingContext) {
    liveTextures++;
    return create.call(this);
  };
  proto.deleteTexture = function (this: WebGL2RenderingContext, t: WebGLTexture | null) {
    if (t) liveTextures--;
    return remove.call(this, t);
  };
}

/** Everything the page reports back. */
export interface BrowserReport {
  webgl2Supported: boolean;
  gpuMode: string;
  /** Programs compiled by the training runs. */
  programs: number;
  fallbacks: number;
  cases: CaseResult[];
  /** A matMul output is a texture (the tensor stayed on the device), not a host array. */
  keptOnDevice: boolean;
  /** Net GL textures alive at each evaluation of the first training run (must not grow). */
  texturesAtEvals: number[];
  training: {
    label: string;
    steps: number;
    cpu: {
      trainLoss: number[];
      testLoss: number[];
      trainAcc: number[];
      weightNorm: number[];
      stepsPerS: number;
    };
    gpu: {
      trainLoss: number[];
      testLoss: number[];
      trainAcc: number[];
      weightNorm: number[];
      stepsPerS: number;
    };
  }[];
  error?: string;
}

declare global {
  interface Window {
    __grokBrowser?: BrowserReport;
    __grokProgress?: string[];
  }
}

const progress = (line: string) => {
  window.__grokProgress ??= [];
  window.__grokProgress.push(line);
};

async function main(): Promise<BrowserReport> {
  const probe = createGpuBackend({ requireDevice: true });
  const report: BrowserReport = {
    webgl2Supported: gpuJs.GPU.isWebGL2Supported,
    gpuMode: probe.mode,
    programs: 0,
    fallbacks: 0,
    cases: [],
    keptOnDevice: false,
    texturesAtEvals: [],
    training: [],
  };
  const a = probe.tensor([2, 3]);
  probe.upload(a, new Float32Array([1, 2, 3, 4, 5, 6]));
  const out = probe.tensor([2, 2]);
  kernels(probe).matMul({ a, b: a, out, transposeB: true });
  report.keptOnDevice = out.storage !== null && !(out.storage instanceof Float32Array);
  probe.dispose();

  let conformanceBackend: ReturnType<typeof createGpuBackend> | undefined;
  backendConformance(
    "gpu (browser)",
    () => {
      conformanceBackend = createGpuBackend();
      return conformanceBackend;
    },
    browserTolerances,
  );
  report.cases = await runRegistered((r) =>
    progress(`${r.ok ? "ok" : "FAIL"} ${r.name} (${r.ms.toFixed(0)} ms)`),
  );
  report.fallbacks = conformanceBackend?.fallbacks ?? 0;

  for (const { label, config } of browserTrainingConfigs) {
    const gpuBackend = createGpuBackend();
    const first = report.training.length === 0;
    const gpu = await train(config, {
      backend: gpuBackend,
      onEval: () => {
        if (first) report.texturesAtEvals.push(liveTextures);
      },
    });
    report.fallbacks += gpuBackend.fallbacks;
    report.programs += gpuBackend.programCount;
    gpuBackend.dispose();
    const cpu = await train(config, { backend: "cpu" });
    const curves = (r: typeof cpu) => ({
      trainLoss: r.metrics.map((m) => m.trainLoss),
      testLoss: r.metrics.map((m) => m.testLoss),
      trainAcc: r.metrics.map((m) => m.trainAcc),
      weightNorm: r.metrics.map((m) => m.weightNorm),
      stepsPerS: r.summary.stepsPerS,
    });
    report.training.push({ label, steps: config.steps, cpu: curves(cpu), gpu: curves(gpu) });
    progress(
      `trained ${label}: gpu ${gpu.summary.stepsPerS.toFixed(1)} steps/s, cpu ${cpu.summary.stepsPerS.toFixed(1)} steps/s`,
    );
  }
  return report;
}

main().then(
  (report) => {
    window.__grokBrowser = report;
  },
  (e: unknown) => {
    window.__grokBrowser = {
      webgl2Supported: false,
      gpuMode: "none",
      programs: 0,
      fallbacks: 0,
      cases: [],
      keptOnDevice: false,
      texturesAtEvals: [],
      training: [],
      error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e),
    };
  },
);
