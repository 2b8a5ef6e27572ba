/**
 * The emergence lab (issue "the emergence lab"): model families trained here, three studies —
 * "mirage, for real" (addition with carries: exact match vs per-digit metrics), "chain of thought turns
 * a jump into a slope" (direct vs Nye et al.'s scratchpad) and "in-context learning appears with scale
 * and training" (Garg et al.'s linear regression in context). Members fan out over @emerge/sweep and are
 * cached by config hash.
 * @packageDocumentation
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StudyFigure, StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
import { cotStudy, type LabCotHeadline } from "./cot/study.js";
import { iclStudy, type LabIclHeadline } from "./icl/study.js";
import { type LabMirageHeadline, mirageStudy } from "./mirage/study.js";
import { additionMembers, iclMembers, type LabPreset, labPlan } from "./presets.js";
import { fanOut } from "./run/fanout.js";
import type { AdditionMemberConfig, AdditionMemberResult } from "./run/train-addition.js";
import type { IclMemberConfig, IclMemberResult } from "./run/train-icl.js";

export { type CotPoint, crossingSize, type ThresholdShift, thresholdShift } from "./cot/threshold-shift.js";
export { type EmergenceView, fitEmergence, viewEmergence } from "./fit/emergence-view.js";
export { type IclCurve, iclBaselines, iclCurve } from "./icl/curves.js";
export { type AdditionMember, analyseMirage, type MirageAnalysis, rowsBySize } from "./mirage/analyse.js";
export { additionMembers, iclMembers, type LabPlan, type LabPreset, labPlan } from "./presets.js";
export { fanOut, LAB_JOB_MODULE } from "./run/fanout.js";
export { type AdditionMemberConfig, trainAdditionMember } from "./run/train-addition.js";
export { type IclMemberConfig, trainIclMember } from "./run/train-icl.js";
export { type AnswerScores, carryChains, scoreAnswers } from "./score/answers.js";
export type { LabCotHeadline, LabIclHeadline, LabMirageHeadline };

/** headline.json of the lab: one entry per study, plus what was trained and how long it took. */
export interface LabHeadline {
  readonly preset: LabPreset;
  readonly mirage: LabMirageHeadline;
  readonly cot: LabCotHeadline;
  readonly icl: LabIclHeadline;
  readonly members: { readonly trained: number; readonly cached: number; readonly wallS: number };
}

/** Options of {@link runLab}. */
export interface LabOptions {
  readonly preset: LabPreset;
  readonly outDir: string;
  /** Where member results are cached (default `<outDir>/members`). */
  readonly membersDir?: string;
  readonly redis?: string;
  readonly concurrency?: number;
  readonly onProgress?: (message: string) => void;
  /** Analyse only the members already trained (cached); say so in the summary. */
  readonly cachedOnly?: boolean;
}

/** One study's part of the lab's result. */
interface Part {
  readonly figures: readonly StudyFigure[];
  readonly tables: readonly StudyTable[];
  readonly summary: string;
  readonly headline: unknown;
}

async function writePart(dir: string, part: Part): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "headline.json"), `${JSON.stringify(part.headline, null, 2)}\n`);
  for (const f of part.figures) await writeFile(join(dir, `${f.id}.svg`), await f.chart.toSVG());
  const md = part.tables
    .map(
      (t) =>
        `### ${t.title}\n\n| ${t.columns.join(" | ")} |\n|${t.columns.map(() => "---").join("|")}|\n${t.rows.map((r) => `| ${r.map((c) => (c === null ? "" : String(c))).join(" | ")} |`).join("\n")}\n`,
    )
    .join("\n");
  await writeFile(join(dir, "tables.md"), `${part.summary}\n\n${md}`);
}

/**
 * Train the three families of a preset (over @emerge/sweep, cached by config hash), analyse them and
 * write each study's figures (SVG), tables (Markdown) and headline.json under `outDir/<study>/`.
 *
 * @example
 * ```ts
 * const lab = await runLab({ preset: "smoke", outDir: "out/lab" });
 * lab.headline.cot.shift.shiftDecades;
 * ```
 */
export async function runLab(options: LabOptions): Promise<StudyResult<LabHeadline>> {
  const plan = labPlan(options.preset);
  const direct = additionMembers(plan, "direct");
  const scratchpad = additionMembers(plan, "scratchpad");
  const icl = iclMembers(plan);
  const fan = await fanOut<unknown>([...direct, ...scratchpad, ...icl], {
    resultsDir: options.membersDir ?? join(options.outDir, "members"),
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.cachedOnly ? { cachedOnly: true } : {}),
  });
  type AdditionRun = { config: AdditionMemberConfig; result: AdditionMemberResult };
  type IclRun = { config: IclMemberConfig; result: IclMemberResult };
  const additionRuns = fan.results.filter((r) => r.config.task === "addition") as AdditionRun[];
  const directRuns = additionRuns.filter((r) => r.config.style === "direct");
  const padRuns = additionRuns.filter((r) => r.config.style === "scratchpad");
  const iclRuns = fan.results.filter((r) => r.config.task === "icl") as IclRun[];
  if (directRuns.length === 0 || padRuns.length === 0 || iclRuns.length === 0)
    throw new Error(
      "the lab needs at least one member of each family (direct, scratchpad, icl) in the cache",
    );
  options.onProgress?.(
    `members: ${fan.ran} trained, ${fan.cached} from the cache, ${fan.wallS.toFixed(1)} s`,
  );
  const mirage = mirageStudy(plan, directRuns);
  const cot = cotStudy(plan, directRuns, padRuns);
  const incontext = iclStudy(plan, iclRuns);
  await writePart(join(options.outDir, "mirage"), mirage);
  await writePart(join(options.outDir, "cot"), cot);
  await writePart(join(options.outDir, "icl"), incontext);
  const headline: LabHeadline = {
    preset: plan.preset,
    mirage: mirage.headline,
    cot: cot.headline,
    icl: incontext.headline,
    members: { trained: fan.ran, cached: fan.cached, wallS: Number(fan.wallS.toFixed(1)) },
  };
  return {
    title: "The emergence lab: families trained here",
    summary:
      `Preset "${plan.preset}" (${fan.ran + fan.cached} of ${direct.length + scratchpad.length + icl.length} members` +
      `${fan.ran + fan.cached < direct.length + scratchpad.length + icl.length ? ": a partial run, only what was trained in time" : ""}). Mirage (${mirage.headline.task}): ${mirage.summary} ` +
      `Chain of thought: ${cot.summary} In-context learning (${incontext.headline.task}): ${incontext.summary}`,
    headline,
    figures: [...mirage.figures, ...cot.figures, ...incontext.figures],
    tables: [...mirage.tables, ...cot.tables, ...incontext.tables],
  };
}

/**
 * The lab as the study report runs it: `--quick` (CI) is the smoke preset, the default the quick one;
 * the full preset is `npm start -w @emerge/example-lab`.
 */
export function run(options: StudyOptions): Promise<StudyResult<LabHeadline>> {
  return runLab({
    preset: options.quick ? "smoke" : "quick",
    outDir: options.outDir,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

export { study } from "./study.js";
