import type { GPU, IKernelRunShortcut, Texture } from "gpu.js";
// Default import on purpose: gpu.js is CommonJS, and its browser build exports the GPU class
// itself with every other export hung off it. The default import is the one form that resolves
// in Node (ESM and CJS), esbuild and Rollup/Vite alike; named imports fail in some bundlers.
import gpuJs from "gpu.js";
import { GrokError } from "../../errors.js";
import type { Backend, DType, HostArray, Tensor } from "../backend.js";
import { type GpuStorage, GpuTensor } from "./gpu-tensor.js";

/**
 * The gpu.js backends the factory can ask for. `"gpu"` (the default) lets gpu.js pick the best
 * one that works here: headless-gl in Node where installed, WebGL2/WebGL in browsers, then its
 * WebAssembly (`"webasm"`) and plain JavaScript (`"cpu"`) fallbacks.
 */
export type GpuMode = "gpu" | "webgl2" | "webgl" | "headlessgl" | "webasm" | "cpu";

/** Options of {@link createGpuBackend}. */
export interface GpuBackendOptions {
  /** Which gpu.js backend to use; default `"gpu"` (automatic). */
  mode?: GpuMode;
  /**
   * A WebGL2RenderingContext / WebGLRenderingContext (or headless-gl context) to share, e.g. with
   * a chart on the same page. gpu.js picks the backend that matches it, overriding `mode`.
   */
  context?: object;
  /** The canvas (HTMLCanvasElement or OffscreenCanvas) that owns `context`. */
  canvas?: object;
  /**
   * Refuse to start (GrokError "UNKNOWN_BACKEND") unless gpu.js found a GL backend, i.e. when it
   * would fall back to its webasm/cpu modes. For automatic backend choice: register the gpu
   * backend with `requireDevice: true` above the cpu backend, and plain Node keeps the (faster)
   * cpu backend while browsers get WebGL2.
   */
  requireDevice?: boolean;
}

/** A value a compiled program takes: a tensor's storage, or a scalar uniform. */
export type ProgramArg = Texture | Float32Array | number;

/** Largest flat output a program may have (float32 integers are exact up to 2^24). */
const maxElements = 2 ** 24;

/** gpu.js backends whose outputs are textures that stay on the device. */
const deviceModes = new Set(["webgl2", "webgl", "headlessgl"]);

const isTexture = (s: unknown): s is Texture =>
  typeof s === "object" &&
  s !== null &&
  !(s instanceof Float32Array) &&
  typeof (s as Texture).toArray === "function";

/**
 * The concrete gpu.js backend a GPU instance picked. `Kernel.mode` says "gpu" for every GL class,
 * so compare classes (names would not survive a minifier).
 */
function kernelMode(gpu: GPU): string {
  const chosen: unknown = gpu.Kernel;
  const known: [unknown, string][] = [
    [gpuJs.WebGL2Kernel, "webgl2"],
    [gpuJs.WebGLKernel, "webgl"],
    [gpuJs.HeadlessGLKernel, "headlessgl"],
    [gpuJs.WebAssemblyKernel, "webasm"],
    [gpuJs.CPUKernel, "cpu"],
  ];
  for (const [k, name] of known) if (k !== undefined && chosen === k) return name;
  return String((chosen as { mode?: string } | null)?.mode ?? gpu.mode);
}

/** Identity program: moves host data onto the device (a texture) in GL modes. */
const uploadSource = "function (a) { return a[this.thread.x]; }";
/** Constant program: zero/fill values rendered on the device. */
const fillSource = "function (value) { return value; }";

/**
 * A {@link Backend} whose every kernel is a gpu.js program. Kernel outputs stay on the device
 * (pipeline mode, immutable textures) and are only downloaded by {@link GpuBackend.read}.
 *
 * Each named kernel is one or a few small gpu.js programs generated per shape (dimensions are
 * baked into the source as literals, so loops have constant bounds everywhere, which GLSL needs)
 * and compiled once, then cached.
 */
export class GpuBackend implements Backend {
  readonly name = "gpu";
  /** The gpu.js instance (exposed for diagnostics; do not destroy it yourself). */
  readonly gpu: GPU;
  /** The gpu.js backend that actually runs the kernels: "webgl2", "headlessgl", "webasm", "cpu", … */
  readonly mode: string;
  /** True when tensors live in device textures (GL modes); false on the webasm/cpu fallbacks. */
  readonly onDevice: boolean;
  /**
   * Programs that gpu.js silently re-ran on its cpu backend (a shader that failed to compile on
   * this device). Should stay 0; tests assert it.
   */
  fallbacks = 0;
  private readonly programs = new Map<string, IKernelRunShortcut>();
  private readonly live = new Set<GpuTensor>();
  /** The GL context the programs render with (known after the first program ran). */
  private gl: { finish?: () => void } | null = null;
  private disposed = false;

  constructor(options: GpuBackendOptions = {}) {
    const { mode = "gpu", context, canvas, requireDevice = false } = options;
    try {
      this.gpu = new gpuJs.GPU({
        mode,
        ...(context === undefined ? {} : { context }),
        ...(canvas === undefined ? {} : { canvas }),
      });
    } catch (e) {
      throw new GrokError("UNKNOWN_BACKEND", `gpu.js mode "${mode}" is not available here: ${String(e)}`);
    }
    this.mode = kernelMode(this.gpu);
    this.onDevice = deviceModes.has(this.mode);
    if (requireDevice && !this.onDevice) {
      void this.gpu.destroy();
      throw new GrokError(
        "UNKNOWN_BACKEND",
        `gpu.js found no GL backend here (it would run in ${this.mode} mode)`,
      );
    }
    const features = (
      this.gpu.Kernel as unknown as { features?: { isFloatRead?: boolean; isTextureFloat?: boolean } }
    ).features;
    if (this.onDevice && !(features?.isFloatRead && features.isTextureFloat)) {
      // gpu.js would silently pack values into 8-bit RGBA ("unsigned" precision): not good enough to train.
      void this.gpu.destroy();
      throw new GrokError(
        "UNKNOWN_BACKEND",
        `gpu.js ${this.mode} has no float32 render targets on this device`,
      );
    }
  }

  /**
   * E.g. "gpu.js webgl2 (float32 textures, kernels kept on device)", or, where gpu.js found no GL
   * (Node without headless-gl), "gpu emulated: gpu.js cpu fallback (float32 host arrays)": the run
   * records and the CLI say it did not run on a GPU.
   */
  get description(): string {
    return this.onDevice
      ? `gpu.js ${this.mode} (float32 textures, kernels kept on device)`
      : `gpu emulated: gpu.js ${this.mode} fallback (float32 host arrays)`;
  }

  /** True when gpu.js emulates the GPU on the CPU (its webasm/cpu modes): GPU code, CPU speed. */
  get emulated(): boolean {
    return !this.onDevice;
  }

  /** Number of compiled programs (one per kernel variant and shape). */
  get programCount(): number {
    return this.programs.size;
  }

  tensor(shape: readonly number[], dtype: DType = "float32"): GpuTensor {
    this.checkAlive();
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) {
        throw new GrokError("SHAPE_MISMATCH", `tensor: bad shape [${shape.join(", ")}]`);
      }
    }
    const t = new GpuTensor(shape, dtype);
    if (dtype === "int32") t.host = new Int32Array(t.size);
    this.live.add(t);
    return t;
  }

  upload(t: Tensor, data: HostArray): void {
    const g = this.own(t, "upload");
    if (data.length !== g.size) {
      throw new GrokError("SHAPE_MISMATCH", `upload: ${data.length} values for a tensor of size ${g.size}`);
    }
    const isInt = data instanceof Int32Array;
    if (isInt !== (g.dtype === "int32")) {
      throw new GrokError("SHAPE_MISMATCH", `upload: ${data.constructor.name} into a ${g.dtype} tensor`);
    }
    if (g.host) g.host = Int32Array.from(data as Int32Array);
    // int32 values are stored as float32 on the device: exact for |id| < 2^24, far above any vocabulary.
    const values = Float32Array.from(data);
    this.write(g, g.size === 0 ? values : this.onDevice ? this.run(uploadSource, g.size, [values]) : values);
  }

  async read(t: Tensor): Promise<HostArray> {
    const g = this.own(t, "read");
    if (g.host) return Int32Array.from(g.host);
    const s = g.storage;
    if (s === null) return new Float32Array(g.size);
    if (s instanceof Float32Array) return Float32Array.from(s);
    return Float32Array.from(s.toArray() as Float32Array);
  }

  flush(): Promise<void> {
    this.checkAlive();
    // finish() blocks until the GL queue has drained (there is nothing queued on the fallbacks).
    this.gl?.finish?.();
    return Promise.resolve();
  }

  free(t: Tensor): void {
    if (this.disposed) return;
    const g = this.own(t, "free");
    this.release(g.storage);
    g.storage = null;
    g.host = null;
    g.freed = true;
    this.live.delete(g);
  }

  dispose(): void {
    if (this.disposed) return;
    for (const t of this.live) {
      this.release(t.storage);
      t.storage = null;
      t.freed = true;
    }
    this.live.clear();
    for (const p of this.programs.values()) p.destroy();
    this.programs.clear();
    this.disposed = true;
    // gpu.destroy() is async only to let in-flight async kernels settle; ours are synchronous.
    void this.gpu.destroy();
  }

  // ---- internals shared by the kernels ---------------------------------------------------------

  /** `t` as this backend's tensor, or a typed error. */
  own(t: Tensor, kernel: string): GpuTensor {
    this.checkAlive();
    if (!(t instanceof GpuTensor) || !this.live.has(t)) {
      const why = t instanceof GpuTensor && t.freed ? "was freed" : `belongs to backend "${t.backend}"`;
      throw new GrokError("SHAPE_MISMATCH", `${kernel}: tensor [${t.shape.join(", ")}] ${why}`);
    }
    return t;
  }

  /** The storage of `t` as a program argument, materialising lazy zeros. */
  input(t: GpuTensor): Texture | Float32Array {
    if (t.storage === null) {
      this.write(t, this.onDevice ? this.run(fillSource, t.size, [0]) : new Float32Array(t.size));
      t.version--; // materialising zeros does not change the values
    }
    return t.storage as Texture | Float32Array;
  }

  /** Swap `storage` in behind `t`, releasing what it held. */
  write(t: GpuTensor, storage: Texture | Float32Array): void {
    if (t.storage !== storage) this.release(t.storage);
    t.storage = storage;
    t.version++;
  }

  /**
   * Run the program `source` (a gpu.js kernel function in source form) over a flat output of
   * `size` elements and return the new storage. Programs are compiled on first use and cached
   * per source and size.
   */
  run(source: string, size: number, args: readonly ProgramArg[]): Texture | Float32Array {
    if (size > maxElements) {
      // shaders compute row/column indices in float32, which is exact only up to 2^24
      throw new GrokError(
        "SHAPE_MISMATCH",
        `gpu: ${size} elements exceed the ${maxElements} one program can address`,
      );
    }
    const key = `${size}|${source}`;
    let program = this.programs.get(key);
    if (!program) {
      program = this.gpu
        .createKernel(source, {
          output: [size],
          pipeline: true,
          immutable: true,
          precision: "single",
          tactic: "precision",
        })
        // loops have literal bounds; this only lifts gpu.js's guard for dynamic ones
        .setLoopMaxIterations(1 << 24)
        .setPipeline(true)
        .setImmutable(true);
      this.programs.set(key, program);
    }
    const out = program(...(args as never[])) as unknown;
    if (this.onDevice && this.gl === null)
      this.gl = (program.context as { finish?: () => void } | null) ?? null;
    if (out instanceof Float32Array) {
      if (!this.onDevice) return out;
      // gpu.js re-ran this program on its cpu backend: keep going, but count it (tests assert 0).
      this.fallbacks++;
      return this.run(uploadSource, size, [out]);
    }
    if (isTexture(out)) return out;
    if (Array.isArray(out)) return Float32Array.from(out as number[]);
    throw new GrokError("BACKEND_DISPOSED", `gpu.js returned an unexpected ${typeof out} from a program`);
  }

  /** Release a storage that no tensor holds any more (temporaries of multi-pass kernels). */
  release(s: GpuStorage): void {
    if (s !== null && isTexture(s)) s.delete();
  }

  private checkAlive(): void {
    if (this.disposed) throw new GrokError("BACKEND_DISPOSED", "the gpu backend was disposed");
  }
}
