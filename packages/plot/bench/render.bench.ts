/**
 * SVG render time per chart type after warm-up (median of repeats): re-rendering a chart, and a new
 * chart (spec build + compile + render), against the plain Vega-Lite pipeline (compile → parse →
 * View → toSVG of the same spec) measured in the same run (ratio = plain / new chart, CPU time);
 * plus the spec build time and the PNG rasterisation time. Wall and process-CPU times are both
 * printed: on a busy machine the CPU time is the better estimate of the idle-machine wall time.
 * Run: npm run bench -w @emerge/plot
 */
import * as vega from "vega";
import { compile } from "vega-lite";
import { examples } from "../scripts/examples.js";

const WARMUP = 3;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

interface Timing {
  /** Median wall-clock ms. */
  wall: number;
  /** Median CPU ms of this process (user + system): what the render costs on an idle machine. */
  cpu: number;
}

const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

async function median(fn: () => unknown): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: mid(wall), cpu: mid(cpu) };
}

async function plainVegaLite(spec: unknown): Promise<string> {
  const compiled = compile(JSON.parse(JSON.stringify(spec))).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Medians of two functions measured alternately, so warm-up and machine load hit both alike. */
async function pair(a: () => unknown, b: () => unknown): Promise<[Timing, Timing]> {
  for (let i = 0; i < WARMUP; i++) {
    await a();
    await b();
  }
  const runs: { wall: number[]; cpu: number[] }[] = [
    { wall: [], cpu: [] },
    { wall: [], cpu: [] },
  ];
  for (let i = 0; i < REPEATS; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const c = process.cpuUsage();
      const t = performance.now();
      await fn();
      runs[k]?.wall.push(performance.now() - t);
      const d = process.cpuUsage(c);
      runs[k]?.cpu.push((d.user + d.system) / 1000);
    }
  }
  const [ra, rb] = runs as [{ wall: number[]; cpu: number[] }, { wall: number[]; cpu: number[] }];
  return [
    { wall: mid(ra.wall), cpu: mid(ra.cpu) },
    { wall: mid(rb.wall), cpu: mid(rb.cpu) },
  ];
}

const [load1] = (await import("node:os")).loadavg();
console.log(
  `@emerge/plot render benchmark: median of ${REPEATS} after ${WARMUP} warm-up runs, ms (wall / process CPU); load average ${load1?.toFixed(1)}`,
);
console.log(
  "chart            build spec       toSVG (same chart)   toSVG (new chart)   plain vega-lite   ratio    toPNG 2×",
);
const cell = (t: Timing) => `${t.wall.toFixed(1).padStart(7)} /${t.cpu.toFixed(1).padStart(6)}`;
for (const [name, make] of Object.entries(examples)) {
  const build = await median(() => make());
  // A fresh chart each time: spec build, Vega-Lite compile and render, as for a new figure.
  const [svg, plain] = await pair(
    () => make().toSVG(),
    () => plainVegaLite(make().spec),
  );
  const chart = make();
  // The same chart again: compiled once, a new Vega view per call.
  const again = await median(() => chart.toSVG());
  const png = await median(() => chart.toPNG({ scale: 2 }));
  console.log(
    `${name.padEnd(16)} ${cell(build)}    ${cell(again)}    ${cell(svg)}   ${cell(plain)} ${(plain.cpu / svg.cpu).toFixed(2).padStart(6)}×  ${cell(png)}`,
  );
}
