/// <reference lib="webworker" />
/**
 * Trains in a Web Worker so the page stays responsive whatever the backend does: the CPU backend's
 * loops and gpu.js's synchronous kernel launches never block the charts or the Stop button (Stop
 * terminates this worker). gpu.js runs here on an OffscreenCanvas WebGL2 context.
 */
import { type EvalRecord, train } from "@emerge/grok";
import { pickBackend, pickCpu } from "./backend-pick.js";
import type { StartMessage, WorkerMessage } from "./protocol.js";
import { workerError } from "./worker-error.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

async function run(message: StartMessage): Promise<void> {
  let picked = await pickBackend(message.backend);
  post({ type: "backend", info: picked.info });
  const onEval = (record: EvalRecord) => post({ type: "eval", record });
  try {
    const result = await train(message.config, { backend: picked.backend, onEval });
    post({ type: "done", summary: result.summary, metrics: result.metrics });
  } catch (error) {
    if (message.backend !== "auto" || picked.info.name === "cpu") throw error;
    // A shader that compiles but fails at run time on this GPU: start again on the CPU, and say so.
    picked.backend.dispose();
    picked = await pickCpu(`WebGL2 training failed: ${(error as Error).message}`);
    post({ type: "backend", info: picked.info });
    const result = await train(message.config, { backend: picked.backend, onEval });
    post({ type: "done", summary: result.summary, metrics: result.metrics });
  } finally {
    picked.backend.dispose();
  }
}

scope.onmessage = (event: MessageEvent<StartMessage>) => {
  if (event.data.type !== "start") return;
  run(event.data).catch((error: unknown) => post(workerError(error)));
};
