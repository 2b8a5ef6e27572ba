/**
 * `npm start -w @emerge/example-llm-emergence [-- --quick] [-- --out DIR]`: run the study, write its figures
 * (PNG + SVG) and headline numbers to DIR (default out/ in this folder) and print the summary.
 */
import { studyCli } from "@emerge/example-study-kit";
import { run } from "./index.js";

await studyCli(run);
