import { mseRows } from "./kernels/losses.js";
import { execTask, type TaskContext, type WasmExports } from "./tasks.js";

/**
 * Bytes per part slot in the control block: a header (slot 0 only), 24 int arguments, the shared
 * float arguments (slot 0 only), 4 results.
 */
export const SLOT_BYTES = 256;
const INT_WORD = 8; // a slot's ints start at word 8
const INT_WORDS = 24;
const FLOAT_BYTE = 128;
const RESULT_BYTE = 192;
const SPIN = 20000;
/** Header words in slot 0. */
const SEQ = 0; // job number (22 bits, wrapping) · parts (9 bits), in one word; workers wait on it
const DONE = 2; // parts finished
const TASK = 3;
/** Word of slot p: the last job whose part p was claimed. */
const CLAIMED = 4;
const JOB_MASK = 0x3fffff;
/** Serial-number order of 22-bit job numbers: a is at or after b. */
const atOrAfter = (a: number, b: number) => ((a - b) << 10) >> 10 >= 0;

/**
 * Worker threads sharing the backend's memory. Each call splits a task into parts with a FIXED
 * partition (so results are deterministic). Thread t runs part t when it gets there first (so a
 * thread keeps working on the rows it produced), but parts are claimed, not assigned (a
 * compare-and-swap on the part's word): after its own part a thread takes any part not yet
 * claimed, so a worker the OS has not scheduled (a busy machine) delays nothing — the calling
 * thread runs its part — and the caller waits only for parts a worker has started. A part's
 * result does not depend on which thread runs it: its arguments (scratch space included) belong
 * to the part.
 */
export class ThreadPool {
  readonly threads: number;
  private readonly ctrl: Int32Array;
  private readonly ints: Int32Array[];
  private readonly floats: Float64Array;
  private readonly results: Float64Array[];
  private job = 0;
  /** Arguments of parts beyond the pool's threads (run on the calling thread). */
  private readonly extraInts = new Int32Array(INT_WORDS);

  constructor(
    memory: WebAssembly.Memory,
    private readonly ctx: TaskContext,
    private readonly workers: { terminate(): unknown }[],
  ) {
    this.threads = workers.length + 1;
    this.ctrl = new Int32Array(memory.buffer, 0, (this.threads * SLOT_BYTES) / 4);
    this.floats = new Float64Array(memory.buffer, FLOAT_BYTE, 8);
    this.ints = [];
    this.results = [];
    for (let p = 0; p < this.threads; p++) {
      this.ints.push(new Int32Array(memory.buffer, p * SLOT_BYTES + INT_WORD * 4, INT_WORDS));
      this.results.push(new Float64Array(memory.buffer, p * SLOT_BYTES + RESULT_BYTE, 4));
    }
  }

  /**
   * Run `task` in parts: `args(part)` gives part's integer arguments; `floats` are shared.
   * Parts beyond the pool's threads run on the calling thread afterwards, so every part runs
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
    const ctrl = this.ctrl;
    for (let p = 0; p < n; p++) {
      const a = args(p);
      const ints = this.ints[p] as Int32Array;
      for (let k = 0; k < a.length; k++) ints[k] = a[k] as number;
    }
    for (let k = 0; k < floats.length; k++) this.floats[k] = floats[k] as number;
    const job = (this.job + 1) & JOB_MASK;
    this.job = job;
    ctrl[TASK] = task;
    // parts this job does not have count as claimed in it: every part's word then stays within
    // one job of the current one, so the 22-bit job numbers never wrap past it
    for (let p = n; p < this.threads; p++) Atomics.store(ctrl, (p * SLOT_BYTES) / 4 + CLAIMED, job);
    Atomics.store(ctrl, DONE, 0);
    Atomics.store(ctrl, SEQ, (job << 9) | n);
    if (n > 1) Atomics.notify(ctrl, SEQ);
    // claim parts like any worker: part 0 first, then any other still unclaimed
    let mine = 0;
    for (let p = 0; p < n; p++) {
      const at = (p * SLOT_BYTES) / 4 + CLAIMED;
      const old = Atomics.load(ctrl, at);
      if (atOrAfter(old, job) || Atomics.compareExchange(ctrl, at, old, job) !== old) continue;
      execTask(this.ctx, task, this.ints[p] as Int32Array, this.floats, this.results[p] as Float64Array);
      mine++;
    }
    let done = Atomics.add(ctrl, DONE, mine) + mine;
    let spins = 0;
    while (done !== n) {
      if (++spins > SPIN) Atomics.wait(ctrl, DONE, done, 1);
      done = Atomics.load(ctrl, DONE);
    }
    const res = this.results.slice(0, n);
    const ints = this.extraInts;
    for (let p = n; p < parts; p++) {
      const a = args(p);
      for (let k = 0; k < a.length; k++) ints[k] = a[k] as number;
      const r = new Float64Array(4);
      execTask(this.ctx, task, ints, this.floats, r);
      res.push(r);
    }
    return res;
  }

  dispose(): void {
    const job = (this.job + 1) & JOB_MASK;
    this.job = job;
    this.ctrl[TASK] = -1;
    Atomics.store(this.ctrl, SEQ, job << 9);
    Atomics.notify(this.ctrl, SEQ);
    for (const w of this.workers) w.terminate();
  }
}

/** The worker's program: instantiate the kernels on the shared memory, then claim parts of each job. */
function workerSource(): string {
  return `
"use strict";
var __name = (f) => f;
// the parent's flags (e.g. --input-type=module) can make this eval'd source an ES module: no require there
const { parentPort, workerData } = typeof require === "function" ? require("node:worker_threads") : process.getBuiltinModule("node:worker_threads");
const { memory, module, threads, slot } = workerData;
const mseRows = (${mseRows.toString()});
const execTask = (${execTask.toString()});
const instance = new WebAssembly.Instance(module, { env: { memory } });
const ctx = { wasm: instance.exports, memory, mseRows };
const ctrl = new Int32Array(memory.buffer, 0, threads * ${SLOT_BYTES / 4});
const ints = [];
const results = [];
for (let p = 0; p < threads; p++) {
  ints.push(new Int32Array(memory.buffer, p * ${SLOT_BYTES} + ${INT_WORD * 4}, ${INT_WORDS}));
  results.push(new Float64Array(memory.buffer, p * ${SLOT_BYTES} + ${RESULT_BYTE}, 4));
}
const floats = new Float64Array(memory.buffer, ${FLOAT_BYTE}, 8);
parentPort.postMessage("ready");
let seen = Atomics.load(ctrl, ${SEQ});
for (;;) {
  let s = Atomics.load(ctrl, ${SEQ});
  for (let i = 0; s === seen && i < ${SPIN}; i++) s = Atomics.load(ctrl, ${SEQ});
  while (s === seen) {
    Atomics.wait(ctrl, ${SEQ}, seen);
    s = Atomics.load(ctrl, ${SEQ});
  }
  seen = s;
  if (ctrl[${TASK}] === -1) break;
  // its own part first, then the others. A part's word holds the last job that claimed it, and
  // the caller publishes a job only after every part of the one before is done: so every part
  // of a job this thread saw but slept through is claimed by then, and a claim that succeeds is
  // of the current job, whose task and arguments are in place
  const job = s >>> 9;
  const n = s & 511;
  for (let i = 0; i < n; i++) {
    const p = (slot + i) % n;
    const at = p * ${SLOT_BYTES / 4} + ${CLAIMED};
    const old = Atomics.load(ctrl, at);
    if (((old - job) << 10) >> 10 >= 0 || Atomics.compareExchange(ctrl, at, old, job) !== old) continue;
    execTask(ctx, ctrl[${TASK}], ints[p], floats, results[p]);
    Atomics.add(ctrl, ${DONE}, 1);
    Atomics.notify(ctrl, ${DONE});
  }
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
    const worker = new Worker(workerSource(), { eval: true, workerData: { memory, module, threads, slot } });
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
