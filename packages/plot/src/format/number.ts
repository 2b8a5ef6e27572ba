/**
 * A compact label for a plain number (linear axes, table cells, fitted parameters): at most `digits`
 * significant digits, no trailing zeros, a real minus sign, and scientific notation outside [1e-3, 1e6).
 *
 * @example
 * ```ts
 * formatNumber(0.123456); // "0.123"
 * formatNumber(-2.5); // "−2.5"
 * ```
 */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  const sign = value < 0 ? "−" : "";
  if (abs >= 1e6 || abs < 1e-3) {
    const [mantissa, exponent] = abs.toExponential(digits - 1).split("e");
    return `${sign}${Number(mantissa)}e${Number(exponent)}`;
  }
  return `${sign}${Number(abs.toPrecision(digits))}`;
}
