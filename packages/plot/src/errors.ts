/** Machine-readable reasons a plot call can fail. */
export type PlotErrorCode =
  | "EMPTY_DATA"
  | "INVALID_VALUE"
  | "INVALID_OPTION"
  | "LOG_SCALE_NON_POSITIVE"
  | "RENDER_FAILED"
  | "NODE_ONLY"
  | "BROWSER_ONLY"
  | "UNSAFE_SVG"
  | "TOO_LARGE";

/**
 * The one error class of `@emerge/plot`: every bad input is reported with a {@link PlotErrorCode}
 * instead of a blank or NaN-filled figure.
 *
 * @example
 * ```ts
 * try {
 *   scatter({ points: [] });
 * } catch (error) {
 *   if (error instanceof PlotError && error.code === "EMPTY_DATA") console.error(error.message);
 * }
 * ```
 */
export class PlotError extends Error {
  /** Why the call failed. */
  readonly code: PlotErrorCode;

  /**
   * `instanceof PlotError` also holds for errors from another copy of this class: the CommonJS build
   * loads the ESM-only renderers (and `./node`) through `import()`, which brings in the ESM copy.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      value instanceof Error && value.name === "PlotError" && typeof (value as PlotError).code === "string"
    );
  }

  constructor(code: PlotErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PlotError";
    this.code = code;
  }
}
