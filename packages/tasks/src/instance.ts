import type { FamilyMetas } from "./families/family-metas.js";

/** A JSON value, for instance metadata. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Instance metadata: any JSON object. Each family narrows it to its own type (see {@link FamilyMetas}). */
export type Meta = { readonly [key: string]: JsonValue };

/** The names of the built-in task families (`"arithmetic"`, `"coin-flip"`, …). */
export type FamilyName = keyof FamilyMetas;

/**
 * One generated task instance with meta of type `M` from family `N`. Use {@link TaskInstance}: this
 * is its structural form, kept separate so that TypeScript sees instances of one family as instances.
 */
export interface InstanceOf<M extends Meta, N extends string> {
  /** A stable id: `<family>/<seed>/<index>`. */
  readonly id: string;
  /** The generator family, e.g. `"arithmetic"`. */
  readonly family: N;
  /** The exact prompt (for GPT-3 families, the source's `context`). */
  readonly prompt: string;
  /** The exact expected continuation (for GPT-3 families, the source's `completion`, e.g. `" 143"`). */
  readonly target: string;
  /** The bare answer a scorer compares against (e.g. `"143"`), after extraction. */
  readonly answer: string;
  /** A step-by-step rationale ending in the answer, for chain-of-thought families. */
  readonly rationale?: string;
  /** The generator's parameters and the instance's latent variables (operands, word, steps). */
  readonly meta: M;
}

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

/** A seeded generator of task instances. */
export interface GenerateOptions {
  /** Number of instances. */
  n: number;
  /** Seed: instance i depends only on (seed, i), so a longer run extends a shorter one. */
  seed: number | string;
}
