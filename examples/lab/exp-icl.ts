import { trainIclMember } from "./src/run/train-icl.js";
const [w, steps, batch, lr, start, every] = process.argv.slice(2).map(Number);
const t0 = performance.now();
const r = await trainIclMember({ task: "icl", engine: "@emerge/grok", dims: 5, points: 11, model: { layers: 2, dModel: w as number, heads: 2 }, seed: 0, steps: steps as number, batch: batch as number, lr: lr as number, warmup: Math.round((steps as number) / 20), evaluations: 10, testPrompts: 300, ...(start ? { curriculum: { startDims: start as number, every: every as number } } : {}) });
console.log(w, steps, batch, lr, start, every, ((performance.now() - t0) / 1000).toFixed(1), "s", r.curve.map((v) => v.toFixed(2)).join(" "), "loss", r.finalTrainLoss.toFixed(3));
console.log("during", r.during.map((d) => `${d.step}:${d.curve[5]?.toFixed(2)}/${d.curve[10]?.toFixed(2)}`).join(" "));
