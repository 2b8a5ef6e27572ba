/** Machine-readable reasons a grok call can fail. */
export type GrokErrorCode =
  | "INVALID_CONFIG"
  | "INVALID_INPUT"
  | "UNKNOWN_BACKEND"
  | "KERNEL_NOT_FOUND"
  | "SHAPE_MISMATCH"
  | "BAD_CHECKPOINT"
  | "NOT_FINITE"
  | "ABORTED"
  | "BACKEND_DISPOSED"
  | "ALREADY_REGISTERED";

/**
 * The one error class of `@emerge/grok`: every failure carries a `code` to branch on.
 *
 * @example
 * ```ts
 * try { await train({ p: 1 }); } catch (e) { if (e instanceof GrokError) console.log(e.code); }
 * ```
 */
export class GrokError extends Error {
  override readonly name = "GrokError";
  /** Why it failed. */
  readonly code: GrokErrorCode;
  constructor(code: GrokErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
