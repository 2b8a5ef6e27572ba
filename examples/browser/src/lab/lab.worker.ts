/// <reference lib="webworker" />
/**
 * Trains the lab's addition family in a Web Worker, one member at a time, smallest first, and posts
 * each member as it finishes so the page can draw the emergence curve while the larger ones train.
 * The lab's decoder is plain TypeScript (CPU); it has no gpu.js path yet.
 */
import { trainAdditionMember } from "@emerge/example-lab/train";
import type { LabStartMessage, LabWorkerMessage } from "./protocol.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: LabWorkerMessage) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<LabStartMessage>) => {
  const m = event.data;
  try {
    for (const width of m.widths) {
      const t0 = performance.now();
      const result = trainAdditionMember(
        {
          task: "addition",
          digits: m.digits,
          style: "direct",
          model: { layers: 1, dModel: width, heads: 2 },
          seed: m.seed,
          steps: m.steps,
          batch: m.batch,
          lr: 3e-3,
          trainProblems: 5000,
          testProblems: 200,
        },
        (step, total) => post({ type: "progress", width, step, total }),
      );
      post({ type: "member", member: { width, result, seconds: (performance.now() - t0) / 1000 } });
    }
    post({ type: "done" });
  } catch (error) {
    post({ type: "error", message: (error as Error).message });
  }
};
