/**
 * `npm start -w @emerge/example-grokking [-- --quick | --preset demo|study|quick] [-- --out DIR]`: run the
 * study, write its figures (PNG + SVG) and headline numbers to DIR (default out/ in this folder) and print
 * the summary.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { progressLine, writeStudy } from "@emerge/example-study-kit";
import { type GrokkingPreset, run } from "./index.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    preset: { type: "string" },
    out: { type: "string", default: "out" },
  },
});
const presets: readonly GrokkingPreset[] = ["demo", "study", "quick"];
const preset = (values.preset ?? (values.quick ? "quick" : "demo")) as GrokkingPreset;
if (!presets.includes(preset)) throw new RangeError(`--preset must be one of ${presets.join(", ")}`);
const outDir = resolve(values.out);
const started = performance.now();
const result = await run({ quick: preset === "quick", preset, outDir, onProgress: progressLine(started) });
await writeStudy(result, outDir, started);
