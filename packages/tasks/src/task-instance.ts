import type { FamilyMetas, FamilyName } from "./families/family-metas.js";
import type { InstanceOf, Meta } from "./instance.js";

/**
 * One generated task instance: exactly the text a model sees and the text it should produce.
 *
 * The parameter types `meta`: a family name gives that family's meta type, so a TypeScript user reads
 * `instance.meta.digits` as a number without a cast; a meta type may be given directly; the default
 * is any JSON object.
 *
 * @example
 * ```ts
 * import { generate, type TaskInstance } from "@emerge/tasks";
 * const xs: TaskInstance<"arithmetic">[] = generate("arithmetic", { digits: 3 }, 5, 0);
 * const hardest = Math.max(...xs.map((x) => x.meta.digits)); // number, no cast
 * ```
 */
export type TaskInstance<F extends FamilyName | Meta = Meta> = InstanceOf<
  F extends FamilyName ? FamilyMetas[F] : F,
  F extends FamilyName ? F : string
>;
