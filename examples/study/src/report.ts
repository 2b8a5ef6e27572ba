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
  return [
    { type: "heading", text: result.title, level: 1 },
    { type: "text", text: result.summary },
    ...(keyNumbers.length ? [{ type: "keyNumbers" as const, items: keyNumbers }] : []),
    ...figures.flatMap((f): ReportSection[] => [
      { type: "heading", text: f.title, level: 2 },
      { type: "figure", svg: f.svg, caption: `${f.caption} (${f.id}.png)`, alt: f.title },
    ]),
    ...result.tables.flatMap((t): ReportSection[] => [
      { type: "heading", text: t.title, level: 2 },
      { type: "table", columns: t.columns, rows: t.rows, ...(t.caption ? { caption: t.caption } : {}) },
    ]),
    { type: "text", text: `Study wall time: ${wallS.toFixed(1)} s.` },
  ];
}
