import { Command, CommanderError, Option } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { TaskError } from "../errors.js";
import { limits } from "../limits.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { scorerNames } from "../scoring/score.js";
import type { CliIo } from "./cli-io.js";
import { decodeEscapes, type EvalFlags, runEval } from "./eval.js";
import {
  familyOptions,
  formatInstances,
  generateForCli,
  type OutputFormat,
  oneLine,
  outputFormats,
  parseSeed,
  runList,
} from "./generate.js";
import { choiceFlag, flagBounds, intFlag, UsageError } from "./usage-error.js";

const BIN = "emerge-tasks";

/** The package version `--version` prints. */
export const VERSION: string = packageJson.version;

const int = (bounds: readonly [number, number]) => intFlag(bounds[0], bounds[1]);

function program(io: CliIo, setCode: (code: number) => void): Command {
  const cli = new Command(BIN)
    .description("Seeded task instances for in-context learning studies, and an evaluation runner.")
    .version(VERSION, "-V, --version", "print the version and exit")
    .option("--debug", "print stack traces of errors")
    .exitOverride()
    // Commander writes to stderr only the full help after a missing command; report() prints one line instead.
    .configureOutput({ writeOut: io.out, writeErr: () => {}, outputError: () => {} })
    .showSuggestionAfterError(true);

  cli
    .command("list")
    .description("list the task families and their options")
    .argument("[family]", "only this family")
    .option("--json", "machine-readable output")
    .action((name: string | undefined, flags: { json?: boolean }) => {
      io.out(usageOnUnknownFamily(() => runList(Boolean(flags.json), name)));
    });

  cli
    .command("generate")
    .description("generate seeded task instances; family options follow (see `list <family>`)")
    .argument("<family>", "task family")
    .addOption(
      new Option("--n <n>", `number of instances (≤ ${flagBounds.n[1]})`)
        .argParser(int(flagBounds.n))
        .default(10),
    )
    .option("--seed <seed>", "seed: an integer or any string", "0")
    .addOption(
      new Option("--format <format>", "jsonl | json | gpt3 (GPT-3's {context, completion} lines)")
        .argParser(choiceFlag(outputFormats))
        .default("jsonl"),
    )
    .option("--out <file>", "write to this file (atomically) instead of stdout")
    .option("--json", "with --out: print {out, instances, format} as JSON; without: same as --format json")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      (
        name: string,
        flags: { n: number; seed: string; format: OutputFormat; out?: string; json?: boolean },
        command: Command,
      ) => {
        const familyArgs = command.args.slice(1);
        const options = usageOnUnknownFamily(() => familyOptions(name, familyArgs));
        const format = flags.json && flags.out === undefined ? "json" : flags.format;
        const instances = generateForCli(name, options, flags.n, parseSeed(flags.seed));
        const text = formatInstances(instances, format);
        if (flags.out === undefined) {
          io.out(text);
          return;
        }
        writeFileAtomic(flags.out, text);
        const report = { out: flags.out, instances: instances.length, format };
        io.out(
          flags.json
            ? `${JSON.stringify(report)}\n`
            : `wrote ${instances.length} instances to ${flags.out}\n`,
        );
      },
    );

  cli
    .command("eval")
    .description("evaluate a JSONL file of instances against an OpenAI-compatible endpoint")
    .argument("<tasks>", "JSONL file of instances (as written by generate)")
    .requiredOption(
      "--base-url <url>",
      "endpoint base URL, e.g. http://127.0.0.1:8080/v1 (credentials are redacted)",
    )
    .requiredOption("--model <name>", "model name sent in requests")
    .addOption(
      new Option("--api <api>", "completions | chat")
        .argParser(choiceFlag(["completions", "chat"] as const))
        .default("completions"),
    )
    .option("--api-key-env <name>", "environment variable holding the API key", "OPENAI_API_KEY")
    .option("--out <dir>", "output directory (results.jsonl, summary.json, cache.jsonl)", "emerge-eval")
    .option("--cache <file>", "response cache (JSONL, a regular file); default <out>/cache.jsonl")
    .addOption(
      new Option("--concurrency <n>", "parallel requests").argParser(int(flagBounds.concurrency)).default(8),
    )
    .addOption(
      new Option("--retries <n>", "retries on 429/5xx/timeouts/garbage")
        .argParser(int(flagBounds.retries))
        .default(5),
    )
    .addOption(
      new Option("--timeout <ms>", "per-request timeout in ms")
        .argParser(int(flagBounds.timeout))
        .default(60_000),
    )
    .addOption(
      new Option("--max-tokens <n>", "max_tokens per request")
        .argParser(int(flagBounds.maxTokens))
        .default(256),
    )
    .addOption(
      new Option("--max-response-bytes <n>", "largest response body read (default 4 MiB)")
        .argParser(int(flagBounds.maxResponseBytes))
        .default(limits.defaultResponseBytes),
    )
    .addOption(
      new Option("--stop <s>", "stop sequence, repeatable ('\\n' is a newline); default: none")
        .argParser((v: string, previous: string[] | undefined) => [...(previous ?? []), decodeEscapes(v)])
        .default([]),
    )
    .addOption(
      new Option(
        "--max-prompt-chars <n>",
        "truncate prompts from the left to this many characters",
      ).argParser(int(flagBounds.maxPromptChars)),
    )
    .addOption(
      new Option("--scorer <name>", "answer extraction").argParser(choiceFlag(scorerNames)).default("auto"),
    )
    .option("--progress", "draw the progress bar even when stderr is not a terminal")
    .option("--no-progress", "never draw the progress bar")
    .option("--json", "print the totals and groups as JSON")
    .action(async (file: string, flags: EvalFlags) => {
      setCode(await runEval(file, flags, io));
    });

  return cli;
}

function usageOnUnknownFamily<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof TaskError && error.code === "UNKNOWN_FAMILY") throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Run the `emerge-tasks` command line and resolve to its exit status, never throwing: 0 done, 1 a
 * typed runtime error (`emerge-tasks: CODE: message`, one line; the stack only with `--debug`) or
 * failed instances, 2 a usage error (`emerge-tasks: error: message`).
 *
 * @example
 * ```ts
 * const code = await main(["generate", "arithmetic", "--n", "3"], processIo());
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const cli = program(io, (c) => {
    code = c;
  });
  const dashDash = argv.indexOf("--");
  const debug = (dashDash < 0 ? argv : argv.slice(0, dashDash)).includes("--debug");
  try {
    if (argv.length === 0) {
      io.err(`${BIN}: error: no command given; try '${BIN} --help'\n`);
      return 2;
    }
    await cli.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    return report(error, debug, io);
  }
}

function report(error: unknown, debug: boolean, io: CliIo): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
    if (error.code === "commander.help" && error.exitCode === 0) return 0;
    if (error.code === "commander.help") {
      io.err(`${BIN}: error: no command given; try '${BIN} --help'\n`);
      return 2;
    }
    io.err(`${BIN}: error: ${oneLine(error.message.replace(/^error: /, ""))}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    io.err(`${BIN}: error: ${oneLine(error.message)}\n`);
    return 2;
  }
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const code =
    error instanceof TaskError
      ? error.code
      : typeof errno === "string" && /^E[A-Z]+$/.test(errno)
        ? "IO_ERROR"
        : "INTERNAL";
  const message = error instanceof Error ? error.message : String(error);
  io.err(`${BIN}: ${code}: ${oneLine(message)}\n`);
  if (debug && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return 1;
}
