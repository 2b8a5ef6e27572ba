/** A Vega-Lite specification as plain JSON (paste it into the Vega editor or `alt.Chart.from_dict`). */
export interface VegaLiteSpec {
  readonly $schema: string;
  readonly [key: string]: unknown;
}

/** The Vega-Lite schema every spec declares. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** The kinds of chart this package builds. */
export type ChartKind = "scaling" | "emergence" | "grokking" | "heatmap" | "line" | "scatter";
