/**
 * The main job of the emerge examples: runs the grokking, mirage, Chinchilla and LLM-emergence studies and
 * writes one self-contained HTML report, a PNG per figure and summary.json with every headline number.
 * @packageDocumentation
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ReportSection, report } from "@emerge/plot";
import { svgToPNG } from "@emerge/plot/node";
import { type RenderedFigure, studySections } from "./report.js";
import { type AnyStudyResult, type StudyId, type StudyResults, studies, studyIds } from "./studies.js";
import { type StudySummary, studySummary } from "./summary.js";

export { keyNumbers, type RenderedFigure, studySections } from "./report.js";
export {
  type AnyStudyResult,
  type StudyEntry,
  type StudyId,
  type StudyResults,
  studies,
  studyIds,
} from "./studies.js";
export { type StudySummary, studySummary } from "./summary.js";

/** Options of {@link runStudy}. */
export interface StudyOptions {
  readonly quick: boolean;
  /** Where index.html, the PNGs and summary.json go (per-study raw data in subfolders). */
  readonly outDir: string;
  /** Which studies to run (default all four). */
  readonly only?: readonly StudyId[];
  /** Progress: the study it comes from and a short message. */
  readonly onProgress?: (study: StudyId, message: string) => void;
}

/** What {@link runStudy} wrote. */
export interface StudyOutput {
  readonly summary: StudySummary;
  readonly results: StudyResults;
  readonly files: { readonly html: string; readonly summary: string; readonly pngs: readonly string[] };
}

/**
 * Run the studies one after the other and write the report.
 *
 * @example
 * ```ts
 * const { files } = await runStudy({ quick: true, outDir: "out/study" });
 * console.log(files.html);
 * ```
 */
export async function runStudy(options: StudyOptions): Promise<StudyOutput> {
  const ids = options.only ?? studyIds;
  for (const id of ids)
    if (!studyIds.includes(id)) throw new RangeError(`unknown study "${id}" (have: ${studyIds.join(", ")})`);
  await mkdir(options.outDir, { recursive: true });
  const results: StudyResults = {};
  const wallS: Partial<Record<StudyId | "total", number>> = {};
  const sections: Partial<Record<StudyId, ReportSection[]>> = {};
  const pngs: string[] = [];
  const started = performance.now();
  for (const id of studyIds.filter((s) => ids.includes(s))) {
    const t0 = performance.now();
    const entry = studies[id];
    const onProgress = (m: string) => options.onProgress?.(id, m);
    onProgress("starting");
    const result: AnyStudyResult = await entry.run({
      quick: options.quick,
      outDir: join(options.outDir, id),
      onProgress,
    });
    (results as Record<StudyId, AnyStudyResult>)[id] = result;
    onProgress("rendering figures");
    const figures: RenderedFigure[] = [];
    for (const f of result.figures) {
      const svg = await f.chart.toSVG();
      const png = await svgToPNG(svg, { scale: 2 });
      const file = join(options.outDir, `${f.id}.png`);
      await writeFile(file, png);
      pngs.push(file);
      figures.push({ id: f.id, title: f.title, caption: f.caption, svg, png });
    }
    wallS[id] = Number(((performance.now() - t0) / 1000).toFixed(1));
    sections[id] = studySections(id, result, figures, results, wallS[id] as number);
    onProgress(`done in ${wallS[id]} s`);
  }
  wallS.total = Number(((performance.now() - started) / 1000).toFixed(1));
  const summary = studySummary(results, options.quick, wallS);
  const intro: ReportSection[] = [
    {
      type: "text",
      text:
        "Four small studies of emergence built from the emerge packages: grokking of modular addition " +
        '(@emerge/grok), the exact-match "mirage" on a model family trained here (@emerge/grok, @emerge/tasks, ' +
        "@emerge/fit), a refit of the Chinchilla scaling law (@emerge/fit) and emergence fits of OPT's zero-shot " +
        "results (@emerge/fit). Figures by @emerge/plot. Rerun with `npm run study` (add `-- --quick` for the " +
        "short version).",
    },
  ];
  // Studies run fastest first, but the page follows the order of the story.
  const order: StudyId[] = ["grokking", "mirage", "chinchilla", "llmEmergence"];
  const html = report([...intro, ...order.flatMap((id) => sections[id] ?? [])], {
    title: "emerge study report",
    subtitle: `${options.quick ? "quick run" : "full run"}, ${summary.generatedAt}, ${wallS.total} s`,
  });
  const htmlFile = join(options.outDir, "index.html");
  const summaryFile = join(options.outDir, "summary.json");
  await writeFile(htmlFile, html);
  await writeFile(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  return { summary, results, files: { html: htmlFile, summary: summaryFile, pngs } };
}
