/** A JSON value, for instance metadata. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Instance metadata: any JSON object. Each family narrows it to its own type (see {@link FamilyMetas}). */
export type Meta = { readonly [key: string]: JsonValue };

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

/** A seeded generator of task instances. */
export interface GenerateOptions {
  /** Number of instances. */
  n: number;
  /** Seed: instance i depends only on (seed, i), so a longer run extends a shorter one. */
  seed: number | string;
}
