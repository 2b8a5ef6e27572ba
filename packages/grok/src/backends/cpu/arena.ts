/**
 * One WebAssembly.Memory holds every CPU tensor, so JavaScript kernels, WebAssembly SIMD kernels
 * and worker threads all see the same bytes without copies. Bump allocation with exact-size
 * reuse: training allocates its buffers once, up front.
 */
const PAGE = 65536;
const ALIGN = 64; // cache-line aligned tensors: SIMD loads never straddle lines needlessly

export interface ArenaOptions {
  /** Back the memory with a SharedArrayBuffer so worker threads can share it. */
  shared: boolean;
  /** Bytes reserved at offset 0 for the thread-pool control block and scratch. */
  reserved: number;
}

export class Arena {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private readonly freeLists = new Map<number, number[]>();

  constructor(options: ArenaOptions) {
    const initial = Math.max(16, Math.ceil((options.reserved + PAGE) / PAGE));
    // Shared memories need a maximum; 2 GiB holds Nanda's transformer on all 113² pairs with room to spare.
    this.memory = new WebAssembly.Memory({ initial, maximum: 32768, shared: options.shared });
    this.top = align(options.reserved);
  }

  get buffer(): ArrayBufferLike {
    return this.memory.buffer;
  }

  /** Byte offset of a fresh zeroed block of `bytes`. */
  alloc(bytes: number): number {
    const size = align(Math.max(bytes, 4));
    const reuse = this.freeLists.get(size)?.pop();
    if (reuse !== undefined) {
      new Uint8Array(this.memory.buffer, reuse, size).fill(0);
      return reuse;
    }
    const offset = this.top;
    const need = offset + size - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
    this.top = offset + size;
    return offset;
  }

  free(offset: number, bytes: number): void {
    const size = align(Math.max(bytes, 4));
    let list = this.freeLists.get(size);
    if (!list) {
      list = [];
      this.freeLists.set(size, list);
    }
    list.push(offset);
  }
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
