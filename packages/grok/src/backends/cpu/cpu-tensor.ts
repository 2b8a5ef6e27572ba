import type { DType, Tensor } from "../backend.js";
import type { Arena } from "./arena.js";

/** A tensor living at a fixed byte offset of the CPU backend's arena. */
export class CpuTensor implements Tensor {
  readonly backend = "cpu";
  readonly size: number;
  private cachedBuffer: ArrayBufferLike | undefined;
  private cachedF32: Float32Array | undefined;
  private cachedI32: Int32Array | undefined;

  constructor(
    readonly shape: readonly number[],
    readonly dtype: DType,
    /** Byte offset in the arena. */
    readonly offset: number,
    private readonly arena: Arena,
  ) {
    this.size = shape.reduce((x, y) => x * y, 1);
  }

  /** Float32 view (re-created when the memory grows and its buffer changes). */
  get f32(): Float32Array {
    const buffer = this.arena.buffer;
    if (buffer !== this.cachedBuffer || !this.cachedF32) this.refresh(buffer);
    return this.cachedF32 as Float32Array;
  }

  /** Int32 view of the same bytes. */
  get i32(): Int32Array {
    const buffer = this.arena.buffer;
    if (buffer !== this.cachedBuffer || !this.cachedI32) this.refresh(buffer);
    return this.cachedI32 as Int32Array;
  }

  private refresh(buffer: ArrayBufferLike): void {
    this.cachedBuffer = buffer;
    this.cachedF32 = new Float32Array(buffer, this.offset, this.size);
    this.cachedI32 = new Int32Array(buffer, this.offset, this.size);
  }
}
