/// <reference lib="webworker" />
/**
 * Trains in a Web Worker so the page stays responsive whatever the backend does: the CPU backend's
 * loops and gpu.js's synchronous kernel launches never block the charts or the Stop button (Stop
 * terminates this worker). gpu.js runs here on an OffscreenCanvas WebGL2 context.
 */
import { type Backend, cpuBackend, createBackend, type EvalRecord, train } from "@emerge/grok";
import type { BackendInfo, StartMessage, WorkerMessage } from "./protocol.js";
import type { BackendChoice } from "./settings.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

/** gpu.js modes that really run on the GPU; anything else is gpu.js emulating in JavaScript. */
const deviceModes = new Set(["webgl2", "webgl", "headlessgl"]);

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
  let gpu: Backend;
  try {
    gpu = await createBackend("gpu");
  } catch (error) {
    if (choice === "gpu") throw error;
    return cpu(`gpu.js could not start: ${(error as Error).message}`);
  }
  const mode = String((gpu as { mode?: unknown }).mode ?? "");
  if (choice === "auto" && !deviceModes.has(mode)) {
    // gpu.js silently emulates kernels in JavaScript without WebGL; the CPU backend is much faster.
    gpu.dispose();
    return cpu(`no WebGL2 here (gpu.js chose "${mode || "unknown"}")`);
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
