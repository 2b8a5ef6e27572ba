/**
 * Entry of the browser test page (bundled by browser.test.ts with "vitest" aliased to the shim):
 * runs the shared backend conformance suite on the gpu backend (gpu.js on WebGL2 here), then a
 * short training run on gpu and on cpu, and publishes everything on `window.__grokBrowser`.
 */
import { GPU } from "gpu.js";
import { createGpuBackend } from "../../src/backends/gpu/index.js";
import { train } from "../../src/training/trainer.js";
import { backendConformance } from "../conformance/backend-conformance.js";
import { browserTolerances, trainingConfigs } from "../gpu/agreement.js";
import { type CaseResult, runRegistered } from "./vitest-shim.js";

/** Everything the page reports back. */
export interface BrowserReport {
  webgl2Supported: boolean;
  gpuMode: string;
  programs: number;
  fallbacks: number;
  cases: CaseResult[];
  training: {
    label: string;
    steps: number;
    cpu: { trainLoss: number[]; testLoss: number[]; trainAcc: number[]; weightNorm: number[]; stepsPerS: number };
    gpu: { trainLoss: number[]; testLoss: number[]; trainAcc: number[]; weightNorm: number[]; stepsPerS: number };
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
  const probe = createGpuBackend();
  const report: BrowserReport = {
    webgl2Supported: GPU.isWebGL2Supported,
    gpuMode: probe.mode,
    programs: 0,
    fallbacks: 0,
    cases: [],
    training: [],
  };
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
  report.cases = await runRegistered((r) => progress(`${r.ok ? "ok" : "FAIL"} ${r.name} (${r.ms.toFixed(0)} ms)`));
  report.programs = conformanceBackend?.programCount ?? 0;
  report.fallbacks = conformanceBackend?.fallbacks ?? 0;

  for (const { label, config } of trainingConfigs) {
    const gpuBackend = createGpuBackend();
    const gpu = await train(config, { backend: gpuBackend });
    report.fallbacks += gpuBackend.fallbacks;
    gpuBackend.dispose();
    const cpu = await train(config, { backend: "cpu" });
    const curves = (r: typeof cpu) => ({
      trainLoss: r.metrics.map((m) => m.trainLoss),
      testLoss: r.metrics.map((m) => m.testLoss),
      trainAcc: r.metrics.map((m) => m.trainAcc),
      weightNorm: r.metrics.map((m) => m.weightNorm),
      stepsPerS: r.summary.steps_per_s,
    });
    report.training.push({ label, steps: config.steps, cpu: curves(cpu), gpu: curves(gpu) });
    progress(`trained ${label}: gpu ${gpu.summary.steps_per_s.toFixed(1)} steps/s, cpu ${cpu.summary.steps_per_s.toFixed(1)} steps/s`);
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
      training: [],
      error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e),
    };
  },
);
