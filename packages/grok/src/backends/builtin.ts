/**
 * The backends that ship with the package register themselves here, by name, the first time a
 * backend is looked up: "cpu" (priority 2) and "gpu" (priority 1, loaded on demand so gpu.js
 * stays out of CPU-only programs). An explicit call rather than a module side effect, so bundlers
 * that honour `sideEffects: false` cannot drop the registration.
 */
import { GrokError } from "../errors.js";
import type { Backend } from "./contract.js";
import { cpuBackend } from "./cpu/cpu-backend.js";
import {
  createBackend as createRegistered,
  registerBackend,
  backendNames as registeredNames,
} from "./registry.js";

let registered = false;

/**
 * Register "cpu" and "gpu" once (idempotent; user backends register beside them).
 *
 * @example
 * ```ts
 * registerBuiltinBackends();
 * registerBackend("cpu-1", () => cpuBackend({ name: "cpu-1", threads: 1 }));
 * ```
 */
export function registerBuiltinBackends(): void {
  if (registered) return;
  registered = true;
  registerBackend("cpu", () => cpuBackend(), 2);
  registerBackend(
    "gpu",
    async () => {
      // gpu.js is an optional peer dependency: a CPU-only install does not have it
      const { createGpuBackend } = await import("./gpu/index.js").catch((e: unknown) => {
        throw new GrokError(
          "UNKNOWN_BACKEND",
          `the gpu backend needs the optional peer dependency gpu.js (npm install gpu.js): ${String(e)}`,
        );
      });
      return createGpuBackend();
    },
    1,
  );
}

/**
 * Instantiate a registered backend by name ("cpu", "gpu" or one you registered with
 * `registerBackend`), or without a name the highest-priority one that starts.
 * Throws `GrokError("UNKNOWN_BACKEND")` for an unknown name.
 *
 * @example
 * ```ts
 * const backend = await createBackend("cpu");
 * console.log(backend.description); // "cpu (wasm-simd, 2 threads)"
 * backend.dispose();
 * ```
 */
export function createBackend(name?: string): Promise<Backend> {
  registerBuiltinBackends();
  return createRegistered(name);
}

/**
 * Names of registered backends (the built-in ones included), highest priority first.
 *
 * @example
 * ```ts
 * backendNames(); // ["cpu", "gpu", …]
 * ```
 */
export function backendNames(): string[] {
  registerBuiltinBackends();
  return registeredNames();
}
