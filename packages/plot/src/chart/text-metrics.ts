import { dejaVuWidths } from "../data/dejavu-widths.js";

type Table = Map<number, number>;

function decode(ranges: readonly (readonly [number, string])[]): Table {
  const table: Table = new Map();
  for (const [first, widths] of ranges) {
    widths.split(",").forEach((w, i) => {
      const value = Number(w);
      if (value > 0) table.set(first + i, value / 1000);
    });
  }
  return table;
}

let tables: { regular: Table; bold: Table } | undefined;

/** Average advance of DejaVu Sans lower-case text, for characters outside the table. */
const FALLBACK_EM = 0.6;

/**
 * The width in pixels of `text` set in DejaVu Sans at `fontSize`, from the font's advance widths.
 * Vega's headless renderer otherwise guesses 0.8 em per character, which makes legends and labels far
 * wider than drawn: legends then cover the data and titles get truncated.
 */
export function dejaVuTextWidth(text: string, fontSize: number, bold = false): number {
  tables ??= { regular: decode(dejaVuWidths.regular), bold: decode(dejaVuWidths.bold) };
  const table = bold ? tables.bold : tables.regular;
  let em = 0;
  for (const ch of text) em += table.get(ch.codePointAt(0) as number) ?? FALLBACK_EM;
  return em * fontSize;
}

interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
}

interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
  canvas: (use: boolean) => void;
  estimateWidth: unknown;
}

/**
 * Makes Vega measure text with DejaVu Sans widths when it has no canvas (Node). In a browser Vega
 * measures with a real canvas and this does nothing.
 */
export function installTextMetrics(textMetrics: TextMetrics): void {
  if (textMetrics.width !== textMetrics.estimateWidth) return;
  textMetrics.width = (item, raw) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const weight = item.fontWeight;
    const bold = weight === "bold" || (typeof weight === "number" && weight >= 600) || Number(weight) >= 600;
    // No truncation here: Vega's own truncate() calls this with candidate strings and must see true widths.
    const text = raw == null ? "" : String(raw).trim();
    return dejaVuTextWidth(text, size, bold);
  };
}
