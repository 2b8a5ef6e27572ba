/**
 * Writes the example gallery: one .svg, .png (2×) and Vega-Lite .json per chart type into
 * out/gallery/, and prints each chart's SVG render time (median of 5 renders after a warm-up).
 * Run: npm run gallery -w @emerge/plot
 */
import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { examples } from "./examples.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "out", "gallery");
await mkdir(out, { recursive: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
console.log(`gallery → ${relative(process.cwd(), out) || "."} (load average ${loadavg()[0]?.toFixed(1)})`);
console.log(
  "SVG median = median of 5 renders after the first; CPU = this process's CPU time (load-independent)",
);
console.log("chart             first SVG   SVG median (wall / CPU)   PNG (2×)   files");
for (const [name, make] of Object.entries(examples)) {
  const chart = make();
  let t = performance.now();
  const svg = await chart.toSVG();
  const first = performance.now() - t;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage();
    t = performance.now();
    await chart.toSVG();
    times.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  t = performance.now();
  const png = await chart.toPNG({ scale: 2 });
  const pngMs = performance.now() - t;
  await writeFile(join(out, `${name}.svg`), svg);
  await writeFile(join(out, `${name}.png`), png);
  await writeFile(join(out, `${name}.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
  const warnings = await chart.warnings();
  console.log(
    `${name.padEnd(16)} ${first.toFixed(0).padStart(7)} ms ${median(times).toFixed(1).padStart(9)} / ${median(
      cpu,
    )
      .toFixed(1)
      .padStart(5)} ms ${pngMs
      .toFixed(0)
      .padStart(
        7,
      )} ms   ${name}.{svg,png,json}${warnings.length ? `  (${warnings.length} warnings: ${warnings[0]})` : ""}`,
  );
}
