import { randomSource } from "@emerge/random";
import { cpuBackend, kernels } from "./src/index.js";
import { decoder } from "./src/model/decoder.js";

const backend = await cpuBackend({ threads: Number(process.env.T ?? 2) });
const k0 = kernels(backend);
const times: Record<string, number> = {};
const k = Object.fromEntries(
  Object.entries(k0).map(([n, f]) => [
    n,
    (a: never) => {
      const t = performance.now();
      (f as (a: never) => void)(a);
      times[n] = (times[n] ?? 0) + performance.now() - t;
    },
  ]),
) as typeof k0;
const [vocab, seq, rows] = [20, 32, 64];
const model = decoder(
  { backend, k, rng: randomSource(1) },
  { kind: "decoder", layers: 2, dModel: 128, heads: 4, dMlp: 512, tiedEmbeddings: false },
  vocab,
  seq,
);
const rng = randomSource(2);
const batch = model.batch(rows);
const tokens = Int32Array.from({ length: rows * seq }, () => rng.int(vocab));
const targets = Int32Array.from({ length: rows * seq }, (_, i) => (i % seq > 16 ? rng.int(vocab) : -1));
model.load(batch, { tokens, targets });
const step = () => {
  model.forward(batch);
  k.softmaxCrossEntropy({
    logits: batch.logits,
    targets: batch.targets,
    stats: batch.stats,
    dLogits: batch.dLogits,
    scale: 0.01,
  });
  model.backward(batch);
};
for (let i = 0; i < 3; i++) step();
for (const key of Object.keys(times)) delete times[key];
const N = 10;
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) step();
const wall = (performance.now() - t0) / N;
const cpu = process.cpuUsage(c0);
console.log(
  `ms/step ${wall.toFixed(1)}  cpu-ms/step(main) ${((cpu.user + cpu.system) / 1000 / N).toFixed(1)}`,
);
console.log(
  Object.entries(times)
    .sort((a, b) => b[1] - a[1])
    .map(([n, t]) => `${n} ${(t / N).toFixed(1)}`)
    .join("\n"),
);
backend.dispose();
