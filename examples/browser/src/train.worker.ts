/// <reference lib="webworker" />
/**
 * Trains in a Web Worker so the page stays responsive whatever the backend does: the CPU backend's
 * loops and gpu.js's synchronous kernel launches never block the charts or the Stop button (Stop
 * terminates this worker). gpu.js runs here on an OffscreenCanvas WebGL2 context.
 */
import { type Backend, cpuBackend, type EvalRecord, train } from "@emerge/grok";
import { createGpuBackend, type GpuBackend } from "@emerge/grok/gpu";
import type { BackendInfo, StartMessage, WorkerMessage } from "./protocol.js";
import type { BackendChoice } from "./settings.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

interface Picked {
  readonly backend: Backend;
  readonly info: BackendInfo;
}

async function cpu(fallbackReason?: string): Promise<Picked> {
  const backend = await cpuBackend();
  const info: BackendInfo = { name: "cpu", detail: backend.description };
  return { backend, info: fallbackReason === undefined ? info : { ...info, fallbackReason } };
}

/** The backend for `choice`: `gpu` insists on gpu.js; `auto` wants WebGL2 and otherwise uses the CPU. */
async function pick(choice: BackendChoice): Promise<Picked> {
  if (choice === "cpu") return cpu();
  let gpu: GpuBackend;
  try {
    gpu = createGpuBackend();
  } catch (error) {
    if (choice === "gpu") throw error;
    return cpu(`gpu.js could not start: ${(error as Error).message}`);
  }
  if (choice === "auto" && !gpu.onDevice) {
    // Without WebGL gpu.js emulates its kernels in JavaScript; the CPU backend is much faster at that.
    const mode = gpu.mode;
    gpu.dispose();
    return cpu(`no WebGL here (gpu.js chose "${mode}")`);
  }
  return { backend: gpu, info: { name: "gpu", detail: gpu.description } };
}

async function run(message: StartMessage): Promise<void> {
  let picked = await pick(message.backend);
  post({ type: "backend", info: picked.info });
  const onEval = (record: EvalRecord) => post({ type: "eval", record });
  try {
    const result = await train(message.config, { backend: picked.backend, onEval });
    post({ type: "done", summary: result.summary, metrics: result.metrics });
  } catch (error) {
    if (message.backend !== "auto" || picked.info.name === "cpu") throw error;
    // A shader that compiles but fails at run time on this GPU: start again on the CPU, and say so.
    picked.backend.dispose();
    picked = await cpu(`WebGL2 training failed: ${(error as Error).message}`);
    post({ type: "backend", info: picked.info });
    const result = await train(message.config, { backend: picked.backend, onEval });
    post({ type: "done", summary: result.summary, metrics: result.metrics });
  } finally {
    picked.backend.dispose();
  }
}

scope.onmessage = (event: MessageEvent<StartMessage>) => {
  if (event.data.type !== "start") return;
  run(event.data).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    post({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === "string" ? { code } : {}),
    });
  });
};
