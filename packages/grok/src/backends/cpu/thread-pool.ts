import { mseRows } from "./kernels/losses.js";
import { execTask, type TaskContext, type WasmExports } from "./tasks.js";

/** Bytes per worker slot in the control block: 32 int words, 8 float args, 4 results. */
export const SLOT_BYTES = 256;
const INT_WORDS = 24; // ints start at word 4 of a slot
const SPIN = 20000;

/**
 * Worker threads sharing the backend's memory. Each call splits a task into `threads` parts with
 * a FIXED partition (so results are deterministic); the calling thread runs part 0 itself and
 * then waits (Atomics) for the workers' parts.
 */
export class ThreadPool {
  readonly threads: number;
  private readonly ctrl: Int32Array;
  private readonly floatArgs: Float64Array[];
  private readonly results: Float64Array[];
  private readonly seq: number[];
  private readonly local: { ints: Int32Array; floats: Float64Array; out: Float64Array };

  constructor(
    memory: WebAssembly.Memory,
    private readonly ctx: TaskContext,
    private readonly workers: { terminate(): unknown }[],
  ) {
    this.threads = workers.length + 1;
    this.ctrl = new Int32Array(memory.buffer, 0, (this.threads * SLOT_BYTES) / 4);
    this.floatArgs = [];
    this.results = [];
    for (let w = 0; w < this.threads; w++) {
      this.floatArgs.push(new Float64Array(memory.buffer, w * SLOT_BYTES + 128, 8));
      this.results.push(new Float64Array(memory.buffer, w * SLOT_BYTES + 192, 4));
    }
    this.seq = new Array(this.threads).fill(0);
    this.local = { ints: new Int32Array(INT_WORDS), floats: new Float64Array(8), out: new Float64Array(4) };
  }

  /**
   * Run `task` in parts: `args(part)` gives part's integer arguments; `floats` are shared.
   * Parts beyond the pool's threads run on the calling thread after its own, so every part runs
   * whatever the thread count. Returns each part's results (index = part), for reductions
   * combined in part order.
   */
  run(
    task: number,
    parts: number,
    args: (part: number) => readonly number[],
    floats: readonly number[] = [],
  ): Float64Array[] {
    const n = Math.min(parts, this.threads);
    for (let p = 1; p < n; p++) {
      const base = (p * SLOT_BYTES) / 4;
      const a = args(p);
      this.ctrl[base + 2] = task;
      for (let k = 0; k < a.length; k++) this.ctrl[base + 4 + k] = a[k] as number;
      const fa = this.floatArgs[p] as Float64Array;
      for (let k = 0; k < floats.length; k++) fa[k] = floats[k] as number;
      const s = ((this.seq[p] as number) + 1) | 0;
      this.seq[p] = s;
      Atomics.store(this.ctrl, base, s);
      Atomics.notify(this.ctrl, base);
    }
    const a0 = args(0);
    const { ints, floats: f0, out } = this.local;
    for (let k = 0; k < a0.length; k++) ints[k] = a0[k] as number;
    for (let k = 0; k < floats.length; k++) f0[k] = floats[k] as number;
    execTask(this.ctx, task, ints, f0, out);
    const res = [out];
    const extra: Float64Array[] = [];
    for (let p = n; p < parts; p++) {
      const a = args(p);
      for (let k = 0; k < a.length; k++) ints[k] = a[k] as number;
      const r = new Float64Array(4);
      execTask(this.ctx, task, ints, f0, r);
      extra.push(r);
    }
    for (let p = 1; p < n; p++) {
      const base = (p * SLOT_BYTES) / 4;
      const s = this.seq[p] as number;
      let spins = 0;
      while (Atomics.load(this.ctrl, base + 1) !== s) {
        if (++spins > SPIN) Atomics.wait(this.ctrl, base + 1, Atomics.load(this.ctrl, base + 1), 1);
      }
      res.push(this.results[p] as Float64Array);
    }
    return res.concat(extra);
  }

  dispose(): void {
    for (let p = 1; p < this.threads; p++) {
      const base = (p * SLOT_BYTES) / 4;
      this.ctrl[base + 2] = -1;
      Atomics.store(this.ctrl, base, ((this.seq[p] as number) + 1) | 0);
      Atomics.notify(this.ctrl, base);
    }
    for (const w of this.workers) w.terminate();
  }
}

/** The worker's program: instantiate the kernels on the shared memory, then serve its slot. */
function workerSource(): string {
  return `
"use strict";
var __name = (f) => f;
// the parent's flags (e.g. --input-type=module) can make this eval'd source an ES module: no require there
const { parentPort, workerData } = typeof require === "function" ? require("node:worker_threads") : process.getBuiltinModule("node:worker_threads");
const { memory, module, slot } = workerData;
const mseRows = (${mseRows.toString()});
const execTask = (${execTask.toString()});
const instance = new WebAssembly.Instance(module, { env: { memory } });
const ctx = { wasm: instance.exports, memory, mseRows };
const ctrl = new Int32Array(memory.buffer, 0, (slot + 1) * ${SLOT_BYTES / 4});
const base = slot * ${SLOT_BYTES / 4};
const ints = new Int32Array(memory.buffer, slot * ${SLOT_BYTES} + 16, ${INT_WORDS});
const floats = new Float64Array(memory.buffer, slot * ${SLOT_BYTES} + 128, 8);
const out = new Float64Array(memory.buffer, slot * ${SLOT_BYTES} + 192, 4);
parentPort.postMessage("ready");
let seen = 0;
for (;;) {
  let s = Atomics.load(ctrl, base);
  for (let i = 0; s === seen && i < ${SPIN}; i++) s = Atomics.load(ctrl, base);
  while (s === seen) {
    Atomics.wait(ctrl, base, seen);
    s = Atomics.load(ctrl, base);
  }
  seen = s;
  const task = ctrl[base + 2];
  if (task === -1) break;
  execTask(ctx, task, ints, floats, out);
  Atomics.store(ctrl, base + 1, s);
  Atomics.notify(ctrl, base + 1);
}
`;
}

/**
 * Start `threads − 1` Node worker threads on `memory` (shared) and return a pool, or undefined
 * where worker_threads are unavailable (browsers: the backend then runs single-threaded).
 */
export async function startThreadPool(
  memory: WebAssembly.Memory,
  module: WebAssembly.Module,
  ctx: TaskContext,
  threads: number,
): Promise<ThreadPool | undefined> {
  const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
  if (!isNode || threads < 2) return undefined;
  // a computed specifier keeps browser bundlers from trying to resolve a Node built-in
  const specifier = ["node", "worker_threads"].join(":");
  const { Worker } = (await import(/* @vite-ignore */ specifier)) as typeof import("node:worker_threads");
  const workers = [];
  for (let slot = 1; slot < threads; slot++) {
    const worker = new Worker(workerSource(), { eval: true, workerData: { memory, module, slot } });
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
    worker.unref();
    workers.push(worker);
  }
  return new ThreadPool(memory, ctx, workers);
}

export type { WasmExports };
