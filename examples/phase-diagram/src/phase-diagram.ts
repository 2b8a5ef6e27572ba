import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { heatmap } from "@emerge/plot";
import { writeChart } from "@emerge/plot/node";
import {
  collect,
  directoryStore,
  expandSweep,
  type RunRecord,
  runLocal,
  type SweepEvent,
  validateSweepSpec,
  writeResults,
} from "@emerge/sweep";
import { type PhaseGrid, type PhaseRun, phaseGrid, phaseTable } from "./phase-grid.js";

/** Options of {@link runPhaseDiagram}. */
export interface PhaseDiagramOptions {
  /** The sweep spec (JSON file). */
  specPath: string;
  /** Output folder: results table, run directories, figure. */
  outDir: string;
  /** Training runs at once; default: every core. */
  concurrency?: number;
  onEvent?: (event: SweepEvent) => void;
}

/** Files and numbers the phase diagram run produced. */
export interface PhaseDiagramResult {
  grid: PhaseGrid;
  table: string;
  figure: { svg?: string; png?: string; json?: string };
  results: { jsonl: string; csv: string };
  ran: number;
  skipped: number;
  wall_s: number;
}

/** Read what the diagram needs from a grokking run record. */
export function phaseRun(record: RunRecord): PhaseRun {
  const config = record.config as { trainFraction: number; optimizer: { weightDecay: number } };
  const result = record.result as { generalizationStep: number | null };
  return {
    weightDecay: config.optimizer.weightDecay,
    trainFraction: config.trainFraction,
    generalizationStep: result.generalizationStep,
  };
}

/**
 * Run the sweep on a local pool (finished runs in `outDir` are skipped, interrupted ones resume from
 * their checkpoints), collect the table and draw steps-to-generalise as a heatmap.
 */
export async function runPhaseDiagram(options: PhaseDiagramOptions): Promise<PhaseDiagramResult> {
  const spec = validateSweepSpec(JSON.parse(await readFile(options.specPath, "utf8")));
  const jobs = expandSweep(spec);
  const store = directoryStore(options.outDir);
  const report = await runLocal(
    jobs,
    { module: "@emerge/sweep/grok" },
    {
      store,
      workDir: join(options.outDir, "runs-work"),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    },
  );
  if (report.failed.length > 0) {
    throw new Error(
      `${report.failed.length} runs failed: ${report.failed.map((f) => f.error.message).join("; ")}`,
    );
  }
  const records = await collect(store, new Set(jobs.map((j) => j.id)));
  const results = await writeResults(records, options.outDir);
  const grid = phaseGrid(records.map(phaseRun));
  const budget = (spec.base as { steps?: number } | undefined)?.steps;
  const chart = heatmap({
    values: grid.steps.map((row) => row.map((s) => (s === null ? Number.NaN : s))),
    x: grid.trainFractions,
    y: grid.weightDecays,
    xTitle: "train fraction",
    yTitle: "weight decay",
    colorTitle: "steps to generalise",
    annotate: true,
    size: { width: 560, height: 380 },
    title: `Steps to grok; blank = never${budget ? ` (in ${budget})` : ""}`,
  });
  const figure = await writeChart(chart, join(options.outDir, "phase-diagram"));
  return {
    grid,
    table: phaseTable(grid),
    figure,
    results,
    ran: report.ran,
    skipped: report.skipped,
    wall_s: report.wall_s,
  };
}
