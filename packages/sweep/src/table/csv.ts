import type { Cell } from "./flatten.js";

/**
 * Write rows as RFC 4180 CSV: a header with the union of columns (first-seen order), fields quoted
 * when they contain a comma, quote or line break; `null` is an empty field.
 *
 * @example
 * ```ts
 * toCsv([{ a: 1, b: "x,y" }, { a: 2 }]); // 'a,b\r\n1,"x,y"\r\n2,\r\n'
 * ```
 */
export function toCsv(rows: readonly Record<string, Cell>[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const field = (cell: Cell | undefined): string => {
    if (cell === null || cell === undefined) return "";
    const text = String(cell);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map(field).join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
