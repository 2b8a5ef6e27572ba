// npm start -w @emerge/example-phase-diagram [-- --concurrency N]
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runPhaseDiagram } from "./phase-diagram.js";

const here = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: { spec: { type: "string" }, out: { type: "string" }, concurrency: { type: "string" } },
});
const outDir = values.out ?? join(here, "out");
let done = 0;
const result = await runPhaseDiagram({
  specPath: values.spec ?? join(here, "sweep.json"),
  outDir,
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  onEvent: (e) => {
    if (e.type === "done") console.error(`[${++done}] ${e.id} #${e.index} in ${e.wall_s.toFixed(1)} s`);
    if (e.type === "retry" || e.type === "fail") console.error(`${e.type} ${e.id}: ${e.error.message}`);
  },
});
await writeFile(join(outDir, "phase-diagram.md"), `${result.table}\n`);
console.log(result.table);
console.log(`\nran ${result.ran}, skipped ${result.skipped} (already done) in ${result.wall_s.toFixed(0)} s`);
console.log(`figure: ${result.figure.svg}, ${result.figure.png}\ntable: ${result.results.csv}`);
