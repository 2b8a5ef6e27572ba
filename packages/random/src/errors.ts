/** Thrown for arguments no random draw can honour (a non-integer seed, an empty range, k > n). */
export class RandomError extends Error {
  override readonly name = "RandomError";
}
