/**
 * The backend seam, one concept per file: the contract a backend implements (`contract.ts`), the
 * argument records of the named kernels (`kernel-args.ts`), the kernel and backend registries
 * (`registry.ts`), shape helpers (`shapes.ts`) and portable fallbacks for fused forms
 * (`fallbacks.ts`). This module re-exports them all for model and backend code.
 */
export type { Backend, DType, HostArray, Tensor } from "./contract.js";
export { matMulOnGatheredRows } from "./fallbacks.js";
export {
  type Activation,
  type BagRows,
  isBagRows,
  type KernelArgs,
  type KernelName,
  kernelNames,
} from "./kernel-args.js";
export {
  type BackendFactory,
  type BoundKernels,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  type KernelTable,
  kernels,
  registerBackend,
  registerKernel,
  registerKernels,
  unregisterKernel,
} from "./registry.js";
export { assertShape, bagSize, matMulDims, operandShape, rowsCols } from "./shapes.js";
