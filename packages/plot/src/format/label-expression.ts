/**
 * A portable Vega expression that maps each of the given tick `values` to its `label`, as a chain of
 * comparisons against the midpoints between ticks (geometric midpoints on log axes). The labels are
 * computed in TypeScript with any formatter, yet the spec stays plain Vega-Lite that Altair and the
 * Vega editor can render.
 *
 * @example
 * ```ts
 * labelExpression([1e6, 1e9], ["1M", "1B"], "log");
 * // "datum.value < 31622776.6017 ? '1M' : '1B'"
 * ```
 */
export function labelExpression(
  values: readonly number[],
  labels: readonly string[],
  scale: "linear" | "log" = "linear",
): string {
  if (values.length === 0) return "''";
  const parts: string[] = [];
  for (let i = 0; i < values.length - 1; i++) {
    const a = values[i] as number;
    const b = values[i + 1] as number;
    const mid = scale === "log" ? Math.sqrt(a * b) : (a + b) / 2;
    parts.push(`datum.value < ${Number(mid.toPrecision(12))} ? ${quote(labels[i] ?? "")} : `);
  }
  return parts.join("") + quote(labels[values.length - 1] ?? "");
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
