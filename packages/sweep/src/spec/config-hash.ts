import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

/** Hex digits kept from the SHA-256 of a config: 64 bits, collision-free for any sweep a lab will run. */
const ID_LENGTH = 16;

/**
 * The id of a job: the first 16 hex digits of the SHA-256 of the config's {@link canonicalJson}.
 * Equal configs get equal ids on every machine, which is what makes results idempotent: a result is
 * stored under the id of the config that produced it, so the same run is never stored twice.
 *
 * @example
 * ```ts
 * configHash({ lr: 0.001, seed: 0 }) === configHash({ seed: 0, lr: 0.001 }); // true
 * ```
 */
export function configHash(config: unknown): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex").slice(0, ID_LENGTH);
}
