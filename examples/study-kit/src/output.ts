import type { Chart } from "@emerge/plot";

/** Options every example's `run` takes. */
export interface StudyOptions {
  /** A smaller, faster version of the study (seconds instead of minutes). */
  readonly quick: boolean;
  /** Where the study may write its raw data (metrics, tables). */
  readonly outDir: string;
  /** Progress messages, one short line each. */
  readonly onProgress?: (message: string) => void;
}

/** One figure of a study. */
export interface StudyFigure {
  /** File-name-safe id, e.g. "grokking-curves". */
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly chart: Chart;
}

/** One table of a study. */
export interface StudyTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly caption?: string;
}

/**
 * One part of a long study's report: a heading, its paragraph, and the figures and tables (by id) that
 * belong to it. The report places each section's figures and tables under its heading.
 */
export interface StudySection {
  readonly title: string;
  readonly text: string;
  readonly figureIds: readonly string[];
  readonly tableIds: readonly string[];
}

/** What a study's `run` returns: headline numbers, figures and tables. */
export interface StudyResult<Headline> {
  readonly title: string;
  /** A few sentences stating what the study found, with its numbers. */
  readonly summary: string;
  readonly headline: Headline;
  readonly figures: readonly StudyFigure[];
  readonly tables: readonly StudyTable[];
  /** For a study of several parts: each part's heading, text, figures and tables (optional). */
  readonly sections?: readonly StudySection[];
}
