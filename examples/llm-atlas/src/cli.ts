/**
 * `npm start -w @emerge/example-llm-atlas [-- --quick] [-- --out DIR]`: run the atlas, write its figures
 * (PNG + SVG), headline numbers and atlas.json to DIR (default out/ in this folder) and print the summary.
 */
import { studyCli } from "@emerge/example-study-kit";
import { run } from "./index.js";

await studyCli(run);
