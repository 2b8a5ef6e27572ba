/**
 * The main job of the emerge examples: runs every study listed in `studies.ts` and writes one
 * self-contained HTML report, a PNG per figure and summary.json with every headline number.
 * @packageDocumentation
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Study, StudyResult } from "@emerge/example-study-kit";
import { type ReportSection, report } from "@emerge/plot";
import { svgToPNG } from "@emerge/plot/node";
import { questionSections } from "./questions.js";
import { type RenderedFigure, studySections } from "./report.js";
import { type StudyId, studies, studyIds } from "./studies.js";
import type { StudySummary } from "./summary.js";

export { type RenderedFigure, studySections } from "./report.js";
export { type StudyId, studies, studyIds } from "./studies.js";
export type { StudySummaries, StudySummary } from "./summary.js";

/** Options of {@link runStudy}. */
export interface StudyOptions {
  readonly quick: boolean;
  /** Where index.html, the PNGs and summary.json go (per-study raw data in subfolders). */
  readonly outDir: string;
  /** Which studies to run (default all). */
  readonly only?: readonly StudyId[];
  /** Progress: the study it comes from and a short message. */
  readonly onProgress?: (study: StudyId, message: string) => void;
}

/** What {@link runStudy} wrote. */
export interface StudyOutput {
  readonly summary: StudySummary;
  /** Each study's full result (headline, figures, tables), by id. */
  readonly results: Readonly<Partial<Record<StudyId, StudyResult<unknown>>>>;
  /** What each study prints on the terminal after the run, by id. */
  readonly console: Readonly<Partial<Record<StudyId, string>>>;
  readonly files: { readonly html: string; readonly summary: string; readonly pngs: readonly string[] };
}

/** A study error that names the offending option. */
export class StudyError extends Error {
  readonly code: "UNKNOWN_STUDY";
  constructor(code: "UNKNOWN_STUDY", message: string) {
    super(message);
    this.name = "StudyError";
    this.code = code;
  }
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
    if (!studyIds.includes(id))
      throw new StudyError("UNKNOWN_STUDY", `only: unknown study "${id}" (have: ${studyIds.join(", ")})`);
  await mkdir(options.outDir, { recursive: true });
  const results: Partial<Record<StudyId, StudyResult<unknown>>> = {};
  const summaries: Record<string, unknown> = {};
  const printed: Partial<Record<StudyId, string>> = {};
  const wallS: Partial<Record<StudyId | "total", number>> = {};
  const sections: ReportSection[] = [];
  const pngs: string[] = [];
  const started = performance.now();
  const chosen: readonly Study[] = studies.filter((s) => ids.includes(s.id));
  for (const study of chosen) {
    const id = study.id as StudyId;
    const t0 = performance.now();
    const onProgress = (m: string) => options.onProgress?.(id, m);
    onProgress("starting");
    const result = await study.run({ quick: options.quick, outDir: join(options.outDir, id), onProgress });
    results[id] = result;
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
    const seconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    wallS[id] = seconds;
    summaries[id] = study.summary(result.headline);
    const text = study.console?.(result.headline, { color: process.stdout.isTTY === true });
    if (text !== undefined) printed[id] = text;
    sections.push(...studySections(result, study.keyNumbers(result.headline), figures, seconds));
    onProgress(`done in ${seconds} s`);
  }
  wallS.total = Number(((performance.now() - started) / 1000).toFixed(1));
  const generatedAt = new Date().toISOString();
  const summary = { generatedAt, quick: options.quick, wallS, ...summaries } as StudySummary;
  const blurbs = chosen.map((s) => s.blurb);
  const intro: ReportSection = {
    type: "text",
    text:
      `${chosen.length === 1 ? "One small study" : `${chosen.length} small studies`} of emergence built from the emerge packages: ` +
      `${blurbs.join("; ")}. Figures by @emerge/plot. Rerun with \`npm run study\` (add \`-- --quick\` for the short version).`,
  };
  const html = report([intro, ...questionSections(summary), ...sections], {
    title: "emerge study report",
    subtitle: `${options.quick ? "quick run" : "full run"}, ${generatedAt}, ${wallS.total} s`,
  });
  const htmlFile = join(options.outDir, "index.html");
  const summaryFile = join(options.outDir, "summary.json");
  await writeFile(htmlFile, html);
  await writeFile(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  return { summary, results, console: printed, files: { html: htmlFile, summary: summaryFile, pngs } };
}
