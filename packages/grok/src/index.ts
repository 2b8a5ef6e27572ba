/**
 * Train small networks on modular arithmetic until they grok: Gromov's MLP and the transformer
 * of Nanda et al., AdamW, progress measures and phase detection, on a fast CPU backend or gpu.js
 * kernels behind one TensorFlow.js-style backend seam.
 * @packageDocumentation
 */
export {
  type Activation,
  assertShape,
  type Backend,
  type BackendFactory,
  type BagRows,
  type BoundKernels,
  backendNames,
  bagSize,
  createBackend,
  type DType,
  getKernel,
  type HostArray,
  isBagRows,
  type KernelArgs,
  type KernelConfig,
  type KernelFunc,
  type KernelName,
  kernelNames,
  kernels,
  matMulDims,
  matMulOnGatheredRows,
  registerBackend,
  registerKernel,
  registerKernels,
  rowsCols,
  type Tensor,
} from "./backends/backend.js";
export { CpuBackend, type CpuBackendOptions, cpuBackend, maxThreads } from "./backends/cpu/cpu-backend.js";
export { jsKernels } from "./backends/cpu/kernels/js.js";
export {
  configLimits,
  defaultConfig,
  defaultMlp,
  defaultTransformer,
  type GrokConfig,
  type GrokConfigInput,
  isResolvedConfig,
  type MlpConfig,
  type OptimizerConfig,
  type ResolvedConfig,
  resolveConfig,
  revalidateConfig,
  type TransformerConfig,
} from "./config.js";
export { GrokError, type GrokErrorCode } from "./errors.js";
export { type FourierMeasures, fourierMeasures, frequencyEnergies } from "./metrics/fourier.js";
export { type RestrictedLosses, restrictedLosses } from "./metrics/restricted-loss.js";
export { detectPhases, type EvalPoint, type PhaseOptions, type Phases } from "./phases.js";
export {
  type Checkpoint,
  checkpointFormatVersion,
  decodeCheckpoint,
  encodeCheckpoint,
} from "./training/checkpoint.js";
export {
  type BackendChoice,
  createTrainer,
  type RunOptions,
  type Trainer,
  type TrainerOptions,
  train,
} from "./training/trainer.js";
export type { EvalRecord, RunSummary, TrainResult } from "./training/types.js";
