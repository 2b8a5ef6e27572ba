import { stringify } from "csv-stringify/sync";
import type { Cell } from "./flatten.js";

/**
 * Write rows as RFC 4180 CSV: a header with the union of columns (first-seen order), fields quoted
 * when they contain a comma, quote or line break; `null` is an empty field, booleans are
 * `true`/`false`. The quoting and escaping are `csv-stringify`'s (a maintained, widely used writer)
 * rather than our own; only the column union is ours.
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
  if (columns.length === 0) return "\r\n";
  return stringify(
    rows.map((row) => columns.map((c) => row[c] ?? null)),
    {
      header: true,
      columns,
      record_delimiter: "\r\n",
      // csv-stringify quotes fields holding its record delimiter (\r\n), but RFC 4180 needs any line break quoted.
      quoted_match: /[\r\n]/,
      cast: { boolean: (value) => String(value), number: (value) => String(value) },
    },
  );
}
