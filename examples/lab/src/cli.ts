/**
 * `npm start -w @emerge/example-lab [-- --smoke|--quick] [--out DIR] [--redis URL] [--concurrency N] [--cached-only] [--members DIR]`:
 * train the lab's families (full preset by default; results cached by config hash in DIR/members, or
 * the --members folder),
 * write each study's figures (PNG + SVG), tables and headline.json, and print the summary.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { progressLine, writeStudy } from "@emerge/example-study-kit";
import { runLab } from "./index.js";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    out: { type: "string", default: "out" },
    redis: { type: "string" },
    concurrency: { type: "string" },
    "cached-only": { type: "boolean", default: false },
    members: { type: "string" },
  },
});
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256)) {
  console.error(`lab: error: --concurrency must be an integer in [1, 256], got ${values.concurrency}`);
  process.exit(2);
}
const outDir = resolve(values.out);
const started = performance.now();
const result = await runLab({
  preset: values.smoke ? "smoke" : values.quick ? "quick" : "full",
  outDir,
  ...(values.redis ? { redis: values.redis } : {}),
  ...(concurrency ? { concurrency } : {}),
  onProgress: progressLine(started),
  ...(values["cached-only"] ? { cachedOnly: true } : {}),
  ...(values.members ? { membersDir: resolve(values.members) } : {}),
});
await writeStudy(result, outDir, started);
