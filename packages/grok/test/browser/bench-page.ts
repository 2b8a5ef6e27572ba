/**
 * Entry of the browser bench page: steps/s of the gpu backend (WebGL2) and the cpu backend on
 * the same small configurations, after a warm-up that compiles every program. Results go to
 * `window.__grokBench`.
 */
import { createGpuBackend } from "../../src/backends/gpu/index.js";
import type { GrokConfigInput } from "../../src/config.js";
import { createTrainer } from "../../src/training/trainer.js";

/** One measured configuration. */
export interface BenchRow {
  label: string;
  backend: string;
  gpuMode: string;
  stepsPerS: number;
  timedSteps: number;
}

declare global {
  interface Window {
    __grokBench?: { rows: BenchRow[]; error?: string };
  }
}

const warmup = 3;
const timed = 10;

/** Steps/s over `timed` steps after `warmup` steps, ending on a loss read (so queued GL work counts). */
async function measure(
  label: string,
  config: GrokConfigInput,
  backendName: "gpu" | "cpu",
): Promise<BenchRow> {
  const gpu = backendName === "gpu" ? createGpuBackend() : undefined;
  const trainer = await createTrainer(
    { ...config, steps: warmup + timed, evalEvery: 10_000 },
    { backend: gpu ?? "cpu" },
  );
  let start = 0;
  await trainer.run({
    onStep: (s) => {
      if (s === warmup) start = performance.now();
    },
  });
  const seconds = (performance.now() - start) / 1000;
  trainer.dispose();
  gpu?.dispose();
  return {
    label,
    backend: backendName,
    gpuMode: gpu?.mode ?? "-",
    stepsPerS: timed / seconds,
    timedSteps: timed,
  };
}

async function main() {
  const configs: { label: string; config: GrokConfigInput }[] = [
    {
      label: "mlp p=23 width=48",
      config: { p: 23, model: { kind: "mlp", width: 48, depth: 1, activation: "quadratic", bias: false } },
    },
    {
      label: "mlp p=47 width=128",
      config: { p: 47, model: { kind: "mlp", width: 128, depth: 1, activation: "quadratic", bias: false } },
    },
    {
      label: "transformer p=23 d=16",
      config: { p: 23, model: { kind: "transformer", layers: 1, dModel: 16, heads: 2, dMlp: 32 } },
    },
  ];
  const rows: BenchRow[] = [];
  for (const { label, config } of configs) {
    rows.push(await measure(label, config, "gpu"));
    rows.push(await measure(label, config, "cpu"));
  }
  return rows;
}

main().then(
  (rows) => {
    window.__grokBench = { rows };
  },
  (e: unknown) => {
    window.__grokBench = { rows: [], error: String(e) };
  },
);
