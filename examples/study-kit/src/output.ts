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

/** What a study's `run` returns: headline numbers, figures and tables. */
export interface StudyResult<Headline> {
  readonly title: string;
  /** A few sentences stating what the study found, with its numbers. */
  readonly summary: string;
  readonly headline: Headline;
  readonly figures: readonly StudyFigure[];
  readonly tables: readonly StudyTable[];
}
