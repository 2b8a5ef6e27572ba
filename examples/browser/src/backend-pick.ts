/**
 * Which @emerge/grok backend a page's worker trains on: shared by the grokking page's worker and the
 * lab tab's worker, so both choose, fall back and describe themselves the same way.
 */
import { type Backend, cpuBackend } from "@emerge/grok";
import { createGpuBackend, type GpuBackend } from "@emerge/grok/gpu";
import type { BackendInfo } from "./protocol.js";
import type { BackendChoice } from "./settings.js";

/** A started backend and what the page shows about it. */
export interface PickedBackend {
  readonly backend: Backend;
  readonly info: BackendInfo;
}

/**
 * The cpu backend (single-threaded WebAssembly SIMD in a browser), with the reason the gpu one was
 * not used when there is one.
 *
 * @example
 * ```ts
 * const { backend, info } = await pickCpu("no WebGL here");
 * info.name; // "cpu"; info.fallbackReason: "no WebGL here"
 * backend.dispose();
 * ```
 */
export async function pickCpu(fallbackReason?: string): Promise<PickedBackend> {
  const backend = await cpuBackend();
  const info: BackendInfo = { name: "cpu", detail: backend.description };
  return { backend, info: fallbackReason === undefined ? info : { ...info, fallbackReason } };
}

/**
 * The backend for `choice`: `gpu` insists on gpu.js (whatever mode it finds); `auto` wants gpu.js on
 * WebGL2/WebGL and otherwise uses the CPU, because gpu.js without WebGL emulates its kernels in
 * JavaScript, which the cpu backend's WebAssembly is much faster at.
 *
 * @example
 * ```ts
 * const { backend, info } = await pickBackend("auto");
 * info.name; // "gpu" on WebGL2, else "cpu" with info.fallbackReason saying why
 * backend.dispose();
 * ```
 */
export async function pickBackend(choice: BackendChoice): Promise<PickedBackend> {
  if (choice === "cpu") return pickCpu();
  let gpu: GpuBackend;
  try {
    gpu = createGpuBackend();
  } catch (error) {
    if (choice === "gpu") throw error;
    return pickCpu(`gpu.js could not start: ${(error as Error).message}`);
  }
  if (choice === "auto" && !gpu.onDevice) {
    const mode = gpu.mode;
    gpu.dispose();
    return pickCpu(`no WebGL here (gpu.js chose "${mode}")`);
  }
  return { backend: gpu, info: { name: "gpu", detail: gpu.description } };
}
