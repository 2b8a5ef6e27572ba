import type { Texture } from "gpu.js";
import type { DType, Tensor } from "../backend.js";

/**
 * Where a gpu tensor's values live: a gpu.js texture on the GL backends (kept on the device between
 * kernels), a Float32Array on the `webasm`/`cpu` fallbacks, or `null` while the tensor is still
 * all zeros (materialised lazily, so allocating gradients and optimiser moments costs nothing).
 */
export type GpuStorage = Texture | Float32Array | null;

/**
 * The gpu backend's tensor handle. Kernels never write into a storage in place: each call renders
 * a fresh output and swaps it behind the handle (the old texture is released), which is what
 * makes the seam's "in place" kernels (adamwUpdate) safe on textures that cannot be read and
 * written in one pass.
 */
export class GpuTensor implements Tensor {
  readonly shape: readonly number[];
  readonly size: number;
  readonly dtype: DType;
  readonly backend = "gpu";
  /** Current device storage (see {@link GpuStorage}). */
  storage: GpuStorage = null;
  /**
   * Host copy of int32 tensors (token ids, targets): they are only ever written from the host,
   * and the scatter-add kernel needs them on the host to build its per-token row lists.
   */
  host: Int32Array | null = null;
  /** Bumped on every write, so caches derived from the values (row lists) know when to rebuild. */
  version = 0;
  /** Set by `free`/`dispose`; using a freed tensor is a caller bug that must not go unnoticed. */
  freed = false;

  constructor(shape: readonly number[], dtype: DType) {
    this.shape = Object.freeze([...shape]);
    this.size = shape.reduce((a, b) => a * b, 1);
    this.dtype = dtype;
  }
}
