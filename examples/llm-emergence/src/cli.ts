/**
 * `npm start -w @emerge/example-llm-emergence [-- --quick] [-- --out DIR]`: run the study, write its figures
 * (PNG + SVG) and headline numbers to DIR (default out/ in this folder) and print the summary.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { run } from "./index.js";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, out: { type: "string", default: "out" } },
});
const outDir = resolve(values.out);
const started = performance.now();
const result = await run({
  quick: values.quick,
  outDir,
  onProgress: (m) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${m}`),
});
await mkdir(outDir, { recursive: true });
for (const f of result.figures) {
  await writeFile(join(outDir, `${f.id}.png`), await f.chart.toPNG({ scale: 2 }));
  await writeFile(join(outDir, `${f.id}.svg`), await f.chart.toSVG());
}
await writeFile(join(outDir, "headline.json"), `${JSON.stringify(result.headline, null, 2)}\n`);
console.log(`${result.title}\n\n${result.summary}\n`);
for (const t of result.tables) {
  console.log(`${t.title}\n${t.columns.join(" | ")}\n${t.rows.map((r) => r.join(" | ")).join("\n")}\n`);
}
console.log(
  `Figures and headline.json in ${outDir} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
