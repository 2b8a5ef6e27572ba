import { parseArgs } from "node:util";
import { TaskError } from "../errors.js";
import { families, family, generate } from "../families/registry.js";
import { gpt3JsonLine } from "../gpt3/format.js";
import type { TaskInstance } from "../instance.js";
import { UsageError } from "./usage-error.js";

/** Output formats of `emerge-tasks generate`. */
export type OutputFormat = "jsonl" | "json" | "gpt3";

/** Every {@link OutputFormat}. */
export const outputFormats: readonly OutputFormat[] = ["jsonl", "json", "gpt3"];

/** Serialise instances: JSONL (one object per line), a JSON array, or GPT-3 `{context, completion}` lines. */
export function formatInstances(instances: readonly TaskInstance[], format: OutputFormat): string {
  if (format === "jsonl") return instances.map((t) => `${JSON.stringify(t)}\n`).join("");
  if (format === "json") return `${JSON.stringify(instances, null, 2)}\n`;
  if (format === "gpt3") return instances.map((t) => `${gpt3JsonLine(t)}\n`).join("");
  throw new TaskError("INVALID_ARGUMENT", `format must be jsonl, json or gpt3, got "${String(format)}"`);
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `--seed 7` is the number 7; anything else (`run-3`, `007`, `1e3`) is a string seed. */
export function parseSeed(text: string): number | string {
  return /^(0|-?[1-9]\d{0,14})$/.test(text) ? Number(text) : text;
}

/**
 * Parse a family's own flags (`--digits 3`, `--train-fraction=0.4`) strictly against its spec: an
 * unknown or repeated-without-value flag is a {@link UsageError}, never a silent default. Values stay
 * strings here; {@link generate} converts and validates them.
 */
export function familyOptions(name: string, args: readonly string[]): Record<string, string> {
  const f = family(name);
  const spec: Record<string, { type: "string" }> = {};
  for (const o of f.options) spec[kebab(o.name)] = { type: "string" };
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...args], options: spec, strict: true, allowPositionals: false }));
  } catch (error) {
    const known = f.options.map((o) => `--${kebab(o.name)}`).join(", ") || "none";
    throw new UsageError(
      `${oneLine((error as Error).message)} (${f.name} takes ${known}; see \`list ${f.name}\`)`,
    );
  }
  const out: Record<string, string> = {};
  for (const o of f.options) {
    const v = values[kebab(o.name)];
    if (typeof v === "string") out[o.name] = v;
  }
  return out;
}

/**
 * Generate a family's instances for the CLI; option values that the family refuses are usage errors.
 *
 * @example
 * ```ts
 * const text = formatInstances(generateForCli("arithmetic", { digits: "3" }, 5, 0), "jsonl");
 * ```
 */
export function generateForCli(
  name: string,
  options: Readonly<Record<string, string>>,
  n: number,
  seed: number | string,
): TaskInstance[] {
  try {
    return generate(name, options, n, seed);
  } catch (error) {
    if (
      error instanceof TaskError &&
      (error.code === "INVALID_ARGUMENT" || error.code === "LIMIT_EXCEEDED")
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

/** `emerge-tasks list`: families and options, as text or JSON. */
export function runList(json: boolean, only?: string): string {
  const chosen = only === undefined ? families : [family(only)];
  if (json) {
    return `${JSON.stringify(
      chosen.map((f) => ({ name: f.name, description: f.description, source: f.source, options: f.options })),
      null,
      2,
    )}\n`;
  }
  return chosen
    .map((f) => {
      const opts = f.options.map((o) => {
        const choices = o.choices ? ` (${o.choices.join("|")})` : "";
        return `    --${kebab(o.name)} <${o.type}>${choices}  ${o.description} [default: ${JSON.stringify(o.default)}]`;
      });
      return [`${f.name}  ${f.description}`, `    source: ${f.source}`, ...opts].join("\n");
    })
    .join("\n\n")
    .concat("\n");
}

/** Collapse a message onto one line (the CLI prints every error as exactly one line). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
