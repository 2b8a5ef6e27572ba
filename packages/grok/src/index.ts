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
  bagSize,
  type DType,
  getKernel,
  type HostArray,
  isBagRows,
  type KernelArgs,
  type KernelConfig,
  type KernelFunc,
  type KernelName,
  type KernelTable,
  kernelNames,
  kernels,
  matMulDims,
  matMulOnGatheredRows,
  operandShape,
  registerBackend,
  registerKernel,
  registerKernels,
  rowsCols,
  type Tensor,
  unregisterKernel,
} from "./backends/backend.js";
export { backendNames, createBackend, registerBuiltinBackends } from "./backends/builtin.js";
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
export {
  type DecoderConfig,
  type DecoderInput,
  decoder,
  decoderSpec,
  defaultDecoder,
  type VectorBatch,
  vectorDecoder,
  vectorLimits,
} from "./model/decoder.js";
export {
  type Batch,
  type Model,
  type ModelContext,
  makeParam,
  type PairInput,
  type Param,
  type SequenceInput,
  type VectorSequenceInput,
} from "./model/model.js";
export { type ModelConfig, type ModelKind, modelSpec, modelSpecs } from "./model/registry.js";
export type { DataShape, ModelInputs, ModelSpec } from "./model/spec.js";
export { detectPhases, type EvalPoint, type PhaseOptions, type Phases } from "./phases.js";
export { minibatchRows } from "./sequence/batches.js";
export { isHeldOut, type SequenceDataset, type SequenceSplit, sequenceDataset } from "./sequence/dataset.js";
export { greedyDecode } from "./sequence/decode.js";
export {
  compactScratchpad,
  finalAnswer,
  type RenderedProblem,
  renderProblem,
  reverseText,
  type SequenceFormat,
  scoredAnswer,
} from "./sequence/format.js";
export {
  defaultSequenceTask,
  resolveSequenceTask,
  type SequenceTaskConfig,
  sequenceLimits,
} from "./sequence/task-config.js";
export { BOS, characterVocabulary, EOS, PAD, type Vocabulary } from "./sequence/vocabulary.js";
export {
  type Checkpoint,
  checkpointFormatVersion,
  decodeCheckpoint,
  encodeCheckpoint,
} from "./training/checkpoint.js";
export { type DecodedSplit, decodeSplit } from "./training/evaluation.js";
export { applyLoss, applySquaredError, type LossKind, lossStats } from "./training/loss.js";
export { type AdamWOptions, adamW, type Moments, type Optimizer } from "./training/optimizer.js";
export { headOf, splitRows } from "./training/sequence-data.js";
export {
  type BackendChoice,
  createTrainer,
  type RunOptions,
  type Trainer,
  type TrainerOptions,
  train,
} from "./training/trainer.js";
export type { EvalRecord, RunSummary, TrainResult } from "./training/types.js";
