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
  /** A kernel or backend name registered twice. */
  | "ALREADY_REGISTERED"
  /** Another live process holds the run directory's lock. */
  | "RUN_LOCKED"
  /** The output directory holds another run (pass `resume` or `force`). */
  | "RUN_EXISTS"
  /** `resume` was asked to change a setting the stored run was trained with. */
  | "RESUME_CONFLICT"
  /** `resume` found run files but no checkpoint that verifies; nothing was overwritten. */
  | "NO_VERIFIED_CHECKPOINT"
  /** A file could not be written completely (full disk, short write, I/O error). */
  | "WRITE_FAILED"
  /** A run directory's files are missing or unreadable (`loadRun`). */
  | "BAD_RUN"
  /** Command-line usage error (unknown flag, bad value). */
  | "USAGE";

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
