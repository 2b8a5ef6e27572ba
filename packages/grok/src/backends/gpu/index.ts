import { GpuBackend, type GpuBackendOptions } from "./gpu-backend.js";
import { registerGpuKernels } from "./kernels/index.js";

export { GpuBackend, type GpuBackendOptions, type GpuMode, type ProgramArg } from "./gpu-backend.js";
export { type GpuStorage, GpuTensor } from "./gpu-tensor.js";
export { gpuKernels, registerGpuKernels } from "./kernels/index.js";

/**
 * Create the `gpu` backend: every named kernel of the seam as a gpu.js program, tensors kept on
 * the device between kernels (pipeline mode, immutable textures) and downloaded only by `read`.
 * gpu.js picks WebGL2/WebGL in browsers, headless-gl in Node where it is installed, and its
 * WebAssembly or JavaScript fallbacks elsewhere; `backend.mode` says which one runs.
 *
 * @example
 * ```ts
 * const backend = createGpuBackend();
 * console.log(backend.mode); // "webgl2" in a browser, "webasm" in plain Node
 * const x = backend.tensor([3]);
 * backend.upload(x, new Float32Array([1, 2, 3]));
 * const out = backend.tensor([1]);
 * kernels(backend).sumSquares({ x, out });
 * console.log(await backend.read(out)); // Float32Array [14]
 * ```
 */
export function createGpuBackend(options: GpuBackendOptions = {}): GpuBackend {
  registerGpuKernels();
  return new GpuBackend(options);
}
