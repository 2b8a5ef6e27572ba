/// <reference lib="webworker" />
/**
 * Trains the lab tab's family in a Web Worker, one member after another, smallest first, each on a
 * fresh backend (gpu.js on WebGL2 when the settings allow and the browser has it, else the CPU), and
 * posts each member as it finishes so the page can redraw the emergence curve while the larger ones
 * train. A fresh backend per member because a trainer on a caller-owned backend leaves its tensors
 * allocated there; disposing the backend releases them (and the member's compiled programs).
 */
import { type PickedBackend, pickBackend, pickCpu } from "../backend-pick.js";
import { workerError } from "../worker-error.js";
import { trainLabMember } from "./member.js";
import type { LabStartMessage, LabWorkerMessage } from "./protocol.js";
import { labMemberConfig } from "./settings.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: LabWorkerMessage) => scope.postMessage(message);

/** Progress messages at most this often: a step on the cpu backend can take well under a millisecond. */
const progressEveryMs = 100;

async function run({ settings }: LabStartMessage): Promise<void> {
  // Set once `auto` has fallen back: the rest of the family stays on the CPU.
  let fallbackReason: string | undefined;
  let announced = "";
  for (const [index, width] of settings.widths.entries()) {
    const config = labMemberConfig(settings, width);
    let lastPost = 0;
    const onStep = (step: number) => {
      const now = performance.now();
      if (step !== settings.steps && now - lastPost < progressEveryMs) return;
      lastPost = now;
      post({ type: "progress", width, index, step, total: settings.steps });
    };
    let picked: PickedBackend =
      fallbackReason === undefined ? await pickBackend(settings.backend) : await pickCpu(fallbackReason);
    try {
      const key = JSON.stringify(picked.info);
      if (key !== announced) post({ type: "backend", info: picked.info });
      announced = key;
      try {
        post({ type: "member", member: await trainLabMember(width, config, picked.backend, { onStep }) });
      } catch (error) {
        if (settings.backend !== "auto" || picked.info.name === "cpu") throw error;
        // A shader that compiles but fails at run time on this GPU: this member and the rest on the CPU.
        picked.backend.dispose();
        fallbackReason = `WebGL2 training failed: ${(error as Error).message}`;
        picked = await pickCpu(fallbackReason);
        post({ type: "backend", info: picked.info });
        announced = JSON.stringify(picked.info);
        post({ type: "member", member: await trainLabMember(width, config, picked.backend, { onStep }) });
      }
    } finally {
      picked.backend.dispose();
    }
  }
  post({ type: "done" });
}

scope.onmessage = (event: MessageEvent<LabStartMessage>) => {
  if (event.data.type !== "start") return;
  run(event.data).catch((error: unknown) => post(workerError(error)));
};
