import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { StudyOptions, StudyResult } from "./output.js";

/** A progress printer: one line on stderr per message, with the seconds since `started`. */
export function progressLine(started: number): (message: string) => void {
  return (m) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${m}`);
}

/**
 * Write a finished study to `outDir` — each figure as PNG (2×) and SVG, the headline numbers as
 * `headline.json` — and print its summary and tables.
 */
export async function writeStudy(
  result: StudyResult<unknown>,
  outDir: string,
  started: number,
): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const f of result.figures) {
    await writeFile(join(outDir, `${f.id}.png`), await f.chart.toPNG({ scale: 2 }));
    await writeFile(join(outDir, `${f.id}.svg`), await f.chart.toSVG());
  }
  await writeFile(join(outDir, "headline.json"), `${JSON.stringify(result.headline, null, 2)}\n`);
  console.log(`${result.title}\n\n${result.summary}\n`);
  for (const s of result.sections ?? []) console.log(`${s.title}\n${s.text}\n`);
  for (const t of result.tables) {
    console.log(`${t.title}\n${t.columns.join(" | ")}\n${t.rows.map((r) => r.join(" | ")).join("\n")}\n`);
  }
  console.log(
    `Figures and headline.json in ${outDir} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

/** The whole command line of a study with `--quick` and `--out DIR` (default `out/`). */
export async function studyCli(run: (options: StudyOptions) => Promise<StudyResult<unknown>>): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: "boolean", default: false }, out: { type: "string", default: "out" } },
  });
  const outDir = resolve(values.out);
  const started = performance.now();
  const result = await run({ quick: values.quick, outDir, onProgress: progressLine(started) });
  await writeStudy(result, outDir, started);
}
