/**
 * `npm run study [-- --quick] [-- --only grokking,mirage] [-- --out DIR]` from the repository root: runs
 * the studies with a progress display and writes out/study/ (index.html, PNGs, summary.json) at the root.
 */
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { terminalPlot } from "@emerge/plot";
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

const grok = output.results.grokking;
if (grok) {
  const runs = grok.headline.seeds;
  console.log(
    `\nGrokking: generalisation steps per seed ${runs.map((s) => s.generalizationStep ?? "never").join(", ")}`,
  );
}
const { summary } = output;
if (summary.mirage)
  console.log(
    `Mirage: ${Object.entries(summary.mirage.verdicts)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
if (summary.chinchilla) {
  const e = summary.chinchilla.estimates;
  const f = (k: string) => `${k} ${e[k]?.value} [${e[k]?.ci.join(", ")}]`;
  console.log(
    `Chinchilla (${summary.chinchilla.level * 100}% CI): ${["E", "A", "B", "alpha", "beta"].map(f).join(", ")}`,
  );
}
if (summary.llmEmergence) {
  console.log(
    `LLM emergence: ${summary.llmEmergence.emergent.length} emergent, ${summary.llmEmergence.smooth.length} smooth, ${summary.llmEmergence.inconclusive.length} inconclusive`,
  );
}
const mirage = output.results.mirage;
if (mirage) {
  const { rows } = mirage.headline;
  const x = rows.map((r) => r.params);
  console.log(
    `\n${terminalPlot(
      [
        { name: "exact match", x, y: rows.map((r) => r.exactMatch) },
        { name: "per-digit accuracy", x, y: rows.map((r) => r.perDigitAccuracy) },
      ],
      {
        logX: true,
        yDomain: [0, 1],
        width: 50,
        height: 8,
        title: "mirage: score vs parameters",
        color: tty === true,
      },
    )}`,
  );
}
const shown = (p: string) => relative(process.env.INIT_CWD ?? process.cwd(), p) || p;
console.log(
  `\nReport: ${shown(output.files.html)}\nSummary: ${shown(output.files.summary)} (${output.files.pngs.length} PNGs)`,
);
console.log(`Total ${summary.wallS.total} s`);
