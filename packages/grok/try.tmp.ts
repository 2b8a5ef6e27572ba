import { cpuBackend, createTrainer } from "./src/index.js";

const backend = await cpuBackend({ threads: 1 });
const t = await createTrainer(
  {
    p: 97,
    trainFraction: 0.5,
    steps: 40,
    evalEvery: 10,
    optimizer: { lr: 1e-3 },
    stopAfterGeneralization: null,
  },
  { backend },
);
const c0 = process.cpuUsage();
await t.run({});
console.log("cpu s/step", process.cpuUsage(c0).user / 1e6 / 40);
backend.dispose();
