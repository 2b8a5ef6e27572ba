/**
 * The two registries of the seam (TensorFlow.js style): kernels by (backend, kernel name), and
 * backend factories by name. Registering the same kernel or backend name twice is an error, not a
 * silent replace: two modules fighting over one name is a bug worth hearing about at startup.
 */
import { GrokError } from "../errors.js";
import type { Backend } from "./contract.js";
import { type KernelArgs, type KernelName, kernelNames } from "./kernel-args.js";

/** A kernel implementation: runs `args` on `backend`. */
export type KernelFunc<K extends KernelName> = (backend: Backend, args: KernelArgs[K]) => void;

/** One registry entry. */
export interface KernelConfig<K extends KernelName = KernelName> {
  kernelName: K;
  backendName: string;
  kernelFunc: KernelFunc<K>;
}

/** Kernels bound to one backend: `k.matMul({...})`. */
export type BoundKernels = { readonly [K in KernelName]: (args: KernelArgs[K]) => void };

/** A table of kernel implementations, one per name (a backend may leave some out). */
export type KernelTable = { readonly [K in KernelName]?: KernelFunc<K> };

const registry = new Map<string, KernelFunc<KernelName>>();
const key = (kernelName: string, backendName: string) => `${backendName}/${kernelName}`;

/**
 * Register a kernel implementation for one backend. Throws `GrokError("ALREADY_REGISTERED")` if
 * that backend already has the kernel ({@link unregisterKernel} first to replace it on purpose).
 *
 * @example
 * ```ts
 * registerKernel({ kernelName: "fill", backendName: "mine", kernelFunc: (b, { out, value }) => {} });
 * ```
 */
export function registerKernel<K extends KernelName>(config: KernelConfig<K>): void {
  const k = key(config.kernelName, config.backendName);
  if (registry.has(k)) {
    throw new GrokError(
      "ALREADY_REGISTERED",
      `kernel "${config.kernelName}" is already registered for backend "${config.backendName}"`,
    );
  }
  registry.set(k, config.kernelFunc as KernelFunc<KernelName>);
}

/**
 * Remove a kernel registration (no-op if absent).
 *
 * @example
 * ```ts
 * unregisterKernel("fill", "mine");
 * ```
 */
export function unregisterKernel(kernelName: KernelName, backendName: string): void {
  registry.delete(key(kernelName, backendName));
}

/**
 * Register a whole table of kernels for `backendName` (each one through {@link registerKernel}:
 * a name registered before is an error).
 *
 * @example
 * ```ts
 * registerKernels("mine", { fill: (b, { out, value }) => {} });
 * ```
 */
export function registerKernels(backendName: string, table: KernelTable): void {
  for (const name of kernelNames) {
    const kernelFunc = table[name];
    if (kernelFunc) registerKernel({ kernelName: name, backendName, kernelFunc } as KernelConfig);
  }
}

/**
 * The implementation of `kernelName` on `backendName`, or undefined.
 *
 * @example
 * ```ts
 * const fill = getKernel("fill", "cpu");
 * ```
 */
export function getKernel<K extends KernelName>(
  kernelName: K,
  backendName: string,
): KernelFunc<K> | undefined {
  return registry.get(key(kernelName, backendName)) as KernelFunc<K> | undefined;
}

/**
 * Bind every registered kernel of `backend` into a typed object. Throws
 * `GrokError("KERNEL_NOT_FOUND")` naming the kernels the backend lacks.
 *
 * @example
 * ```ts
 * const k = kernels(await createBackend("cpu"));
 * ```
 */
export function kernels(backend: Backend): BoundKernels {
  const missing = kernelNames.filter((n) => !getKernel(n, backend.name));
  if (missing.length > 0) {
    throw new GrokError("KERNEL_NOT_FOUND", `backend "${backend.name}" lacks kernels: ${missing.join(", ")}`);
  }
  const bound: Record<string, (args: never) => void> = {};
  for (const name of kernelNames) {
    const f = getKernel(name, backend.name) as KernelFunc<KernelName>;
    bound[name] = (args: never) => f(backend, args);
  }
  return bound as unknown as BoundKernels;
}

/** Makes a backend (possibly async: workers, GPU contexts). */
export type BackendFactory = () => Backend | Promise<Backend>;

interface BackendEntry {
  factory: BackendFactory;
  priority: number;
}
const backends = new Map<string, BackendEntry>();

/**
 * Make a backend available by name; higher `priority` wins in {@link createBackend}() without a
 * name. Throws `GrokError("ALREADY_REGISTERED")` if the name is taken.
 *
 * @example
 * ```ts
 * registerBackend("cpu-1", () => cpuBackend({ name: "cpu-1", threads: 1 }));
 * ```
 */
export function registerBackend(name: string, factory: BackendFactory, priority = 0): void {
  if (backends.has(name)) {
    throw new GrokError("ALREADY_REGISTERED", `backend "${name}" is already registered`);
  }
  backends.set(name, { factory, priority });
}

/**
 * Names of registered backends, highest priority first.
 *
 * @example
 * ```ts
 * backendNames(); // ["cpu", "gpu"]
 * ```
 */
export function backendNames(): string[] {
  return [...backends.entries()].sort((x, y) => y[1].priority - x[1].priority).map(([n]) => n);
}

/**
 * Instantiate a registered backend by name, or the highest-priority one that starts.
 * Throws `GrokError("UNKNOWN_BACKEND")` for an unknown name.
 *
 * @example
 * ```ts
 * const backend = await createBackend("cpu");
 * backend.dispose();
 * ```
 */
export async function createBackend(name?: string): Promise<Backend> {
  if (name !== undefined) {
    const entry = backends.get(name);
    if (!entry) {
      throw new GrokError(
        "UNKNOWN_BACKEND",
        `unknown backend "${name}" (have: ${backendNames().join(", ")})`,
      );
    }
    return entry.factory();
  }
  let lastError: unknown;
  for (const n of backendNames()) {
    try {
      return await (backends.get(n) as BackendEntry).factory();
    } catch (e) {
      lastError = e;
    }
  }
  throw new GrokError("UNKNOWN_BACKEND", `no backend could start: ${String(lastError)}`);
}
