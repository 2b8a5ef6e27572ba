import type { EvalRecord, GrokConfigInput, RunSummary } from "@emerge/grok";
import type { BackendChoice } from "./settings.js";
import type { WorkerErrorMessage } from "./worker-error.js";

/** Page → worker: train this config on this backend. */
export interface StartMessage {
  readonly type: "start";
  readonly config: GrokConfigInput;
  readonly backend: BackendChoice;
}

/** Which backend the worker is training on, and why (when it is not the one asked for). */
export interface BackendInfo {
  /** "gpu" or "cpu". */
  readonly name: string;
  /** The backend's own description, e.g. "gpu.js webgl2 (float32 textures, kernels kept on device)". */
  readonly detail: string;
  /** Set when `auto` or `gpu` ended up on the CPU: what went wrong with WebGL2. */
  readonly fallbackReason?: string;
}

/** Worker → page messages, in order: backend, eval…, then done or error. */
export type WorkerMessage =
  | { readonly type: "backend"; readonly info: BackendInfo }
  | { readonly type: "eval"; readonly record: EvalRecord }
  | { readonly type: "done"; readonly summary: RunSummary; readonly metrics: readonly EvalRecord[] }
  | WorkerErrorMessage;
