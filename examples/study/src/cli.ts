/**
 * `npm run study [-- --quick] [-- --only grokking,mirage] [-- --out DIR]` from the repository root: runs
 * the studies with a progress display and writes out/study/ (index.html, PNGs, summary.json) at the root.
 */
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runStudy, type StudyId, studyIds } from "./index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    only: { type: "string" },
  },
});
const outDir = values.out
  ? resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
  : resolve(root, "out/study");
const only = values.only?.split(",").map((s) => s.trim()) as StudyId[] | undefined;
const started = performance.now();
const clock = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`;
const tty = process.stderr.isTTY;
let lastStudy: StudyId | undefined;

console.error(`emerge study (${values.quick ? "quick" : "full"}): ${(only ?? studyIds).join(", ")}`);
const output = await runStudy({
  quick: values.quick,
  outDir,
  ...(only ? { only } : {}),
  onProgress: (study, message) => {
    // On a terminal, progress within a study rewrites one line; each study keeps its last line.
    const line = `[${clock()}] ${study.padEnd(12)} ${message}`;
    if (tty) {
      if (lastStudy === study) process.stderr.write(`\r\x1b[2K${line}`);
      else process.stderr.write(`${lastStudy ? "\n" : ""}${line}`);
    } else console.error(line);
    lastStudy = study;
  },
});
if (tty) process.stderr.write("\n");

// Each study prints its own headline lines (and the mirage its terminal plot), in the report's order.
for (const id of studyIds) {
  const text = output.console[id];
  if (text !== undefined) console.log(`\n${text}`);
}
const shown = (p: string) => relative(process.env.INIT_CWD ?? process.cwd(), p) || p;
console.log(
  `\nReport: ${shown(output.files.html)}\nSummary: ${shown(output.files.summary)} (${output.files.pngs.length} PNGs)`,
);
console.log(`Total ${output.summary.wallS.total} s`);
