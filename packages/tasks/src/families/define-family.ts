import type { FamilyName, JsonValue, TaskInstance } from "../instance.js";
import type { FamilyMetas } from "./family-metas.js";

/** One option of a family as its file declares it: type, default (written once) and description. */
export type OptionSpec =
  | { readonly type: "integer" | "number"; readonly default: number; readonly description: string }
  | {
      readonly type: "string";
      readonly default: string;
      readonly choices?: readonly string[];
      readonly description: string;
    };

/** The value type of an option: its choices, a string, or a number. */
export type OptionValue<O extends OptionSpec> = O extends { type: "string"; choices: readonly (infer C)[] }
  ? C
  : O extends { type: "string" }
    ? string
    : number;

/** The validated option values a family's generator receives, typed from its spec. */
export type OptionValues<S extends Readonly<Record<string, OptionSpec>>> = {
  readonly [K in keyof S]: OptionValue<S[K]>;
};

/** An integer option. */
export const integerOption = (def: number, description: string) =>
  ({ type: "integer", default: def, description }) as const;
/** A real-number option. */
export const numberOption = (def: number, description: string) =>
  ({ type: "number", default: def, description }) as const;
/** A string option restricted to `choices`. */
export const choiceOption = <const C extends readonly string[]>(
  def: C[number],
  choices: C,
  description: string,
) => ({ type: "string", default: def, choices, description }) as const;
/** A free-text option. */
export const textOption = (def: string, description: string) =>
  ({ type: "string", default: def, description }) as const;

/** One option of a family, for the CLI and `list`. */
export interface FamilyOption {
  /** The option's name (camelCase; the CLI flag is its kebab-case form). */
  readonly name: string;
  readonly type: "integer" | "number" | "string";
  readonly default: JsonValue;
  readonly choices?: readonly string[];
  readonly description: string;
}

/** A task family: a named, seeded generator with documented options. */
export interface Family<N extends FamilyName = FamilyName> {
  readonly name: N;
  readonly description: string;
  /** The paper or benchmark whose format it follows. */
  readonly source: string;
  readonly options: readonly FamilyOption[];
  /** Generate n instances; `options` holds validated values (defaults filled in, see `generate`). */
  generate(options: Readonly<Record<string, JsonValue>>, n: number, seed: number | string): TaskInstance<N>[];
}

/** What a family file declares: its name, documentation, typed options and typed generator. */
export interface FamilySpec<N extends FamilyName, S extends Readonly<Record<string, OptionSpec>>> {
  readonly name: N;
  readonly description: string;
  readonly source: string;
  readonly options: S;
  generate(options: OptionValues<S>, n: number, seed: number | string): TaskInstance<N>[];
}

/**
 * Turn a family file's typed spec into a registry entry. The option defaults are written once, in the
 * spec; the generator receives them typed, with no casts. A family of your own declares its meta by
 * merging into {@link FamilyMetas}.
 *
 * @example
 * ```ts
 * import { defineFamily, integerOption, type TaskInstance } from "@emerge/tasks";
 *
 * declare module "@emerge/tasks" {
 *   interface FamilyMetas {
 *     echo: { readonly times: number };
 *   }
 * }
 *
 * const echo = defineFamily({
 *   name: "echo",
 *   description: "repeat a word",
 *   source: "a toy",
 *   options: { times: integerOption(2, "repetitions") },
 *   generate: (o, n, seed) =>
 *     Array.from({ length: n }, (_, i): TaskInstance<"echo"> => ({
 *       id: `echo/${seed}/${i}`,
 *       family: "echo",
 *       prompt: `Say hi ${o.times} times:`,
 *       target: ` ${Array(o.times).fill("hi").join(" ")}`,
 *       answer: Array(o.times).fill("hi").join(" "),
 *       meta: { times: o.times },
 *     })),
 * });
 * echo.generate({ times: 3 }, 1, 0)[0]?.meta.times; // 3
 * ```
 */
export function defineFamily<N extends FamilyName, const S extends Readonly<Record<string, OptionSpec>>>(
  spec: FamilySpec<N, S>,
): Family<N> {
  const options: FamilyOption[] = Object.entries(spec.options).map(([name, o]) => ({ name, ...o }));
  return {
    name: spec.name,
    description: spec.description,
    source: spec.source,
    options,
    // `generate()` in the registry validated every value against `options` (type, integer, choices)
    // and filled in the defaults, which is exactly what OptionValues<S> states.
    generate: (values, n, seed) => spec.generate(values as OptionValues<S>, n, seed),
  };
}
