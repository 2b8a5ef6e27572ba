import { superscript } from "./superscript.js";

/**
 * A tick label in scientific notation with a superscript exponent: `1e9` → `"10⁹"`, `2e-3` → `"2×10⁻³"`.
 * Unlike `1,000,000,000`, the label width hardly grows with the value, so log-axis labels never overlap.
 *
 * @example
 * ```ts
 * formatPow10(1e6); // "10⁶"
 * formatPow10(5e9); // "5×10⁹"
 * ```
 */
export function formatPow10(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const sign = value < 0 ? "−" : "";
  const abs = Math.abs(value);
  let exponent = Math.floor(Math.log10(abs) + 1e-9);
  let mantissa = Number((abs / 10 ** exponent).toPrecision(3));
  if (mantissa >= 10) {
    exponent += 1;
    mantissa = Number((mantissa / 10).toPrecision(3));
  }
  const power = `10${superscript(exponent)}`;
  return mantissa === 1 ? `${sign}${power}` : `${sign}${mantissa}×${power}`;
}
