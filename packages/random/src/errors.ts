/**
 * Why a random draw refused its arguments. Stable strings, so callers branch on `error.code` rather
 * than parse messages; SCREAMING_SNAKE_CASE like every other emerge package.
 */
export type RandomErrorCode = "INVALID_SEED" | "INVALID_ARGUMENT" | "EMPTY_LIST" | "INVALID_STATE";

/**
 * Thrown for arguments no random draw can honour (a non-integer seed, an empty range, k > n). Every
 * instance carries a {@link RandomErrorCode}.
 *
 * @example
 * ```ts
 * import { RandomError, randomSource } from "@emerge/random";
 * try {
 *   randomSource(1.5);
 * } catch (e) {
 *   if (e instanceof RandomError && e.code === "INVALID_SEED") console.log(e.message);
 * }
 * ```
 */
export class RandomError extends Error {
  override readonly name = "RandomError";
  /** A stable machine-readable reason. */
  readonly code: RandomErrorCode;

  constructor(code: RandomErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
