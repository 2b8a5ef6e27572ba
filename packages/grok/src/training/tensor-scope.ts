import type { Backend, Tensor } from "../backends/contract.js";

/** A view of a backend that remembers the tensors made through it, so they can be freed together. */
export interface TensorScope {
  /** Use this in place of the backend: every tensor it makes is recorded (until freed through it). */
  readonly backend: Backend;
  /** Tensors made through the scope and not yet freed. */
  readonly live: number;
  /** Free every tensor made through the scope that is still live; the backend itself stays usable. */
  freeAll(): void;
}

/**
 * Track the tensors a trainer allocates on a backend it was lent, so disposing the trainer returns
 * them (a caller reusing one GPU backend for many runs would otherwise leak every run's buffers).
 * Methods are bound to the real backend, so backends with private state and `instanceof` checks
 * behave exactly as when called directly.
 *
 * @example
 * ```ts
 * const backend = await createBackend("cpu");
 * const scope = tensorScope(backend);
 * scope.backend.tensor([4, 4]);
 * scope.freeAll(); // backend.free called on the 4 × 4 tensor; backend still usable
 * ```
 */
export function tensorScope(backend: Backend): TensorScope {
  const made = new Set<Tensor>();
  // own methods bound once (not on every access: upload/read run every step); tensor/free record
  const methods = new Map<string | symbol, unknown>([
    [
      "tensor",
      (...args: Parameters<Backend["tensor"]>) => {
        const t = backend.tensor(...args);
        made.add(t);
        return t;
      },
    ],
    [
      "free",
      (t: Tensor) => {
        made.delete(t);
        backend.free(t);
      },
    ],
  ]);
  const tracked = new Proxy(backend, {
    get(target, key) {
      const method = methods.get(key);
      if (method) return method;
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== "function") return value;
      const fn = value.bind(target);
      methods.set(key, fn);
      return fn;
    },
  });
  return {
    backend: tracked,
    get live() {
      return made.size;
    },
    freeAll() {
      for (const t of made) backend.free(t);
      made.clear();
    },
  };
}
