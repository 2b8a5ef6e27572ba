import { writeFileSync } from "node:fs";
import { TaskError } from "../errors.js";
import { families, family, generate } from "../families/registry.js";
import { gpt3JsonLine } from "../gpt3/format.js";
import type { TaskInstance } from "../instance.js";

/** Output formats of `emerge-tasks generate`. */
export type OutputFormat = "jsonl" | "json" | "gpt3";

/** Serialise instances: JSONL (one object per line), a JSON array, or GPT-3 `{context, completion}` lines. */
export function formatInstances(instances: readonly TaskInstance[], format: OutputFormat): string {
  if (format === "jsonl") return instances.map((t) => `${JSON.stringify(t)}\n`).join("");
  if (format === "json") return `${JSON.stringify(instances, null, 2)}\n`;
  if (format === "gpt3") return instances.map((t) => `${gpt3JsonLine(t)}\n`).join("");
  throw new TaskError("INVALID_ARGUMENT", `format must be jsonl, json or gpt3, got "${String(format)}"`);
}

const globalFlags = new Set(["n", "seed", "format", "out", "--", "help", "h", "version", "v"]);

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The raw text of `--flag value` / `--flag=value` in argv (cac turns `""` and `"007"` into numbers). */
export function rawFlag(argv: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  argv.forEach((a, i) => {
    if (a === `--${flag}` && i + 1 < argv.length) value = argv[i + 1];
    else if (a.startsWith(`--${flag}=`)) value = a.slice(flag.length + 3);
  });
  return value;
}

/** `emerge-tasks generate <family> …`: returns the text to write. */
export function runGenerate(
  name: string,
  flags: Record<string, unknown>,
  argv: readonly string[] = [],
): string {
  const n = Number(flags.n ?? 10);
  // "--seed 7" is the number 7; anything else ("run-3", "007") is a string seed.
  const rawSeed = rawFlag(argv, "seed") ?? flags.seed ?? 0;
  const seed =
    typeof rawSeed === "number"
      ? rawSeed
      : /^(0|-?[1-9]\d{0,14})$/.test(String(rawSeed))
        ? Number(rawSeed)
        : String(rawSeed);
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flags)) {
    if (globalFlags.has(k) || k.includes("-")) continue; // cac also provides the camelCase form
    options[camel(k)] = v;
  }
  // String options keep their exact text (an empty instruction, a seed-like "007").
  for (const o of family(name).options) {
    if (o.type !== "string") continue;
    const kebab = o.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const raw = rawFlag(argv, kebab);
    if (raw !== undefined) options[o.name] = raw;
  }
  const instances = generate(name, options, n, seed);
  const text = formatInstances(instances, String(flags.format ?? "jsonl") as OutputFormat);
  if (typeof flags.out === "string") {
    writeFileSync(flags.out, text);
    return "";
  }
  return text;
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
  const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
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
