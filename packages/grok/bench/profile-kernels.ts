/**
 * Where a step's time goes: `tsx --conditions @emerge/source bench/profile-kernels.ts [decoder|nanda|mlp|all]`
 * runs the benchmark's sequence cases on a cpu backend whose kernels are wrapped in wall-clock timers
 * (the calling thread waits for the pool, so a kernel's wall time includes its workers' share),
 * and prints milliseconds per step by kernel (matMul by shape, with GFLOP/s). Env: PROFILE_STEPS
 * (default 10), PROFILE_THREADS (default 2).
 */

import type { KernelArgs, KernelFunc, KernelName } from "../src/backends/backend.js";
import { cpuKernels } from "../src/backends/cpu/kernels/fast.js";
import { registerKernels } from "../src/backends/registry.js";
import { cpuBackend, createTrainer } from "../src/index.js";
import { mlpBenchConfig } from "./mlp-case.js";
import { decoderCase, nandaCase } from "./sequence-cases.js";

const STEPS = Number(process.env.PROFILE_STEPS ?? 10);
const THREADS = Number(process.env.PROFILE_THREADS ?? 2);
const totals = new Map<string, { ms: number; calls: number; flop: number }>();
let counting = false;

function label(name: string, args: unknown): { key: string; flop: number } {
  if (name !== "matMul") return { key: name, flop: 0 };
  const a = args as KernelArgs["matMul"];
  // rows of an embedding bag (the MLP's hidden layer): [indices / bag, table columns]
  const as = "shape" in a.a ? a.a.shape : [a.a.indices.size / a.a.bag, a.a.table.shape[1] ?? 0];
  const bs = a.b.shape;
  const m = (a.transposeA ? as[1] : as[0]) ?? 0;
  const k = (a.transposeA ? as[0] : as[1]) ?? 0;
  const n = (a.transposeB ? bs[0] : bs[1]) ?? 0;
  const t = `${a.transposeA ? "T" : "N"}${a.transposeB ? "T" : "N"}`;
  return { key: `matMul ${t} ${m}x${k}x${n}`, flop: 2 * m * n * k };
}

const timed = Object.fromEntries(
  Object.entries(cpuKernels).map(([name, f]) => [
    name,
    ((b: never, a: never) => {
      if (!counting) return (f as KernelFunc<KernelName>)(b, a);
      const t0 = performance.now();
      (f as KernelFunc<KernelName>)(b, a);
      const ms = performance.now() - t0;
      const { key, flop } = label(name, a);
      const e = totals.get(key) ?? { ms: 0, calls: 0, flop: 0 };
      e.ms += ms;
      e.calls++;
      e.flop += flop;
      totals.set(key, e);
    }) as KernelFunc<KernelName>,
  ]),
) as { [K in KernelName]: KernelFunc<K> };
registerKernels("cpu-prof", timed);

async function profile(name: string, run: (b: never, steps: number) => Promise<unknown>) {
  const real = await cpuBackend({ threads: THREADS });
  // the same backend under another name, so that kernels(backend) binds the timed table
  const backend = new Proxy(real, {
    get(target, prop) {
      if (prop === "name") return "cpu-prof";
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  totals.clear();
  counting = false;
  await run(backend as never, 2);
  counting = true;
  const t0 = performance.now();
  await run(backend as never, STEPS);
  const wall = (performance.now() - t0) / (STEPS + 3);
  counting = false;
  real.dispose();
  const rows = [...totals.entries()].sort((x, y) => y[1].ms - x[1].ms);
  const sum = rows.reduce((s, [, e]) => s + e.ms, 0) / (STEPS + 3);
  console.log(
    `\n${name}: ${wall.toFixed(1)} ms/step wall, ${sum.toFixed(1)} in kernels (${THREADS} threads)`,
  );
  for (const [key, e] of rows) {
    const ms = e.ms / (STEPS + 3);
    const gf = e.flop ? `  ${(e.flop / e.ms / 1e6).toFixed(1)} GFLOP/s` : "";
    console.log(
      `${key.padEnd(34)} ${ms.toFixed(2).padStart(8)} ms ${(e.calls / (STEPS + 3)).toFixed(0).padStart(4)} calls${gf}`,
    );
  }
}

/**
 * The benchmark's MLP case (bench.ts: p 97, MLP 512 quadratic, full batch, eval every 10 steps):
 * steps + 3 training steps, like the sequence cases' 3 warm-up steps + steps (evaluation included).
 */
async function mlpCase(backend: never, steps: number): Promise<void> {
  const trainer = await createTrainer({ ...mlpBenchConfig, steps: steps + 3 }, { backend });
  await trainer.run();
}

const which = process.argv[2] ?? "all";
if (which === "all" || which === "decoder") await profile("decoder", decoderCase as never);
if (which === "all" || which === "nanda") await profile("nanda", nandaCase as never);
if (which === "all" || which === "mlp") await profile("mlp", mlpCase as never);
