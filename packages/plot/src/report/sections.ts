/** A heading; level 1 is the largest below the report title. */
export interface HeadingSection {
  readonly type: "heading";
  readonly text: string;
  readonly level?: 1 | 2 | 3;
}

/**
 * Prose in Markdown (CommonMark: `code`, **bold**, lists, links) with TeX maths between `$…$` and
 * `$$…$$`; raw HTML is shown as text. `format: "plain"` shows the text as is (blank lines still
 * separate paragraphs).
 */
export interface TextSection {
  readonly type: "text";
  readonly text: string;
  /** `markdown` (default) or `plain`. */
  readonly format?: "markdown" | "plain";
}

/** Verbatim text in a monospace block: prompts, model outputs, logs. */
export interface CodeSection {
  readonly type: "code";
  readonly text: string;
  readonly caption?: string;
}

/** A rendered figure: inline SVG and/or a PNG embedded as a data URI. Make one with `figure(chart)`. */
export interface FigureSection {
  readonly type: "figure";
  readonly svg?: string;
  readonly png?: Uint8Array;
  /** Markdown with TeX maths, like a text section, on one line. */
  readonly caption?: string;
  /** Text alternative for screen readers. */
  readonly alt?: string;
}

/** A table cell value; numbers are formatted and right-aligned. */
export type TableCell = string | number | boolean | null | undefined;

/** A table with a header row; every row must have one cell per column. */
export interface TableSection {
  readonly type: "table";
  readonly columns: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
  /** Markdown with TeX maths, on one line. */
  readonly caption?: string;
}

/** One highlighted number. */
export interface KeyNumber {
  readonly label: string;
  readonly value: string | number;
  readonly detail?: string;
}

/** A row of highlighted numbers (e.g. fitted exponent, threshold, steps to grok). */
export interface KeyNumbersSection {
  readonly type: "keyNumbers";
  readonly items: readonly KeyNumber[];
}

/** Anything {@link report} can lay out. */
export type ReportSection =
  | HeadingSection
  | TextSection
  | CodeSection
  | FigureSection
  | TableSection
  | KeyNumbersSection;
