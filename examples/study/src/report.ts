import type { StudyResult } from "@emerge/example-study-kit";
import type { KeyNumber, ReportSection } from "@emerge/plot";

/** A figure already rendered to SVG (inlined in the page) and PNG (written next to it). */
export interface RenderedFigure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
  readonly png: Uint8Array;
}

/**
 * The report's sections for one study: heading, summary, key numbers, each figure, each table.
 *
 * @example
 * ```ts
 * const sections = studySections(result, study.keyNumbers(result.headline), figures, 12.3);
 * ```
 */
export function studySections(
  result: StudyResult<unknown>,
  keyNumbers: readonly KeyNumber[],
  figures: readonly RenderedFigure[],
  wallS: number,
): ReportSection[] {
  const figure = (f: RenderedFigure, level: 2 | 3): ReportSection[] => [
    { type: "heading", text: f.title, level },
    { type: "figure", svg: f.svg, caption: `${f.caption} (${f.id}.png)`, alt: f.title },
  ];
  const table = (t: StudyResult<unknown>["tables"][number], level: 2 | 3): ReportSection[] => [
    { type: "heading", text: t.title, level },
    { type: "table", columns: t.columns, rows: t.rows, ...(t.caption ? { caption: t.caption } : {}) },
  ];
  const parts = result.sections ?? [];
  const placedFigures = new Set(parts.flatMap((p) => p.figureIds));
  const placedTables = new Set(parts.flatMap((p) => p.tableIds));
  return [
    { type: "heading", text: result.title, level: 1 },
    { type: "text", text: result.summary },
    ...(keyNumbers.length ? [{ type: "keyNumbers" as const, items: keyNumbers }] : []),
    // A study of several parts: each part's heading and paragraph, then its own figures and tables.
    ...parts.flatMap((p): ReportSection[] => [
      { type: "heading", text: p.title, level: 2 },
      { type: "text", text: p.text },
      ...figures.filter((f) => p.figureIds.includes(f.id)).flatMap((f) => figure(f, 3)),
      ...result.tables.filter((t) => p.tableIds.includes(t.id)).flatMap((t) => table(t, 3)),
    ]),
    ...figures.filter((f) => !placedFigures.has(f.id)).flatMap((f) => figure(f, 2)),
    ...result.tables.filter((t) => !placedTables.has(t.id)).flatMap((t) => table(t, 2)),
    { type: "text", text: `Study wall time: ${wallS.toFixed(1)} s.` },
  ];
}
