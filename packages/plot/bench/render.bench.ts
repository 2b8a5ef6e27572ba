/**
 * SVG render time per chart type after warm-up (median of repeats), against the plain Vega-Lite
 * pipeline (compile → parse → View → toSVG on every call) measured in the same run; plus the spec
 * build time and the PNG rasterisation time.
 * Run: npm run bench -w @emerge/plot
 */
import * as vega from "vega";
import { compile } from "vega-lite";
import { examples } from "../scripts/examples.js";

const WARMUP = 3;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

async function median(fn: () => unknown): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1] as number;
}

async function plainVegaLite(spec: unknown): Promise<string> {
  const compiled = compile(JSON.parse(JSON.stringify(spec))).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

console.log(`@emerge/plot render benchmark: median of ${REPEATS} after ${WARMUP} warm-up runs (ms)`);
console.log("chart            build spec   toSVG   plain vega-lite   ratio   toPNG 2×");
for (const [name, make] of Object.entries(examples)) {
  const chart = make();
  const build = await median(() => make());
  const svg = await median(() => chart.toSVG());
  const plain = await median(() => plainVegaLite(chart.spec));
  const png = await median(() => chart.toPNG({ scale: 2 }));
  console.log(
    `${name.padEnd(16)} ${build.toFixed(2).padStart(10)} ${svg.toFixed(1).padStart(7)} ${plain
      .toFixed(1)
      .padStart(17)} ${(plain / svg).toFixed(2).padStart(6)}× ${png.toFixed(0).padStart(9)}`,
  );
}
