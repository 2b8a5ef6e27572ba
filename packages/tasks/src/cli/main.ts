#!/usr/bin/env node
import { cac } from "cac";
import { TaskError } from "../errors.js";
import { runEval } from "./eval.js";
import { runGenerate, runList } from "./generate.js";

const cli = cac("emerge-tasks");

cli
  .command("list [family]", "List the task families and their options")
  .option("--json", "Machine-readable output")
  .action((name: string | undefined, flags: { json?: boolean }) => {
    process.stdout.write(runList(Boolean(flags.json), name));
  });

cli
  .command("generate <family>", "Generate seeded task instances (see `list` for each family's options)")
  .option("--n <n>", "Number of instances", { default: 10 })
  .option("--seed <seed>", "Seed (integer or string)", { default: 0 })
  .option("--format <format>", "jsonl | json | gpt3 (GPT-3's {context, completion} lines)", {
    default: "jsonl",
  })
  .option("--out <file>", "Write to a file instead of stdout")
  .allowUnknownOptions()
  .action((name: string, flags: Record<string, unknown>) => {
    process.stdout.write(runGenerate(name, flags, process.argv.slice(2)));
  });

cli
  .command("eval <tasks>", "Evaluate a JSONL file of instances against an OpenAI-compatible endpoint")
  .option("--base-url <url>", "Endpoint base URL, e.g. http://127.0.0.1:8080/v1")
  .option("--model <name>", "Model name sent in requests")
  .option("--api <api>", "completions | chat", { default: "completions" })
  .option("--api-key-env <name>", "Environment variable holding the API key", { default: "OPENAI_API_KEY" })
  .option("--out <dir>", "Output directory (results.jsonl, summary.json, cache.jsonl)", {
    default: "emerge-eval",
  })
  .option("--cache <file>", "Response cache (JSONL); default <out>/cache.jsonl")
  .option("--concurrency <n>", "Parallel requests", { default: 8 })
  .option("--retries <n>", "Retries on 429/5xx/timeouts/garbage", { default: 5 })
  .option("--timeout <ms>", "Per-request timeout in ms", { default: 60000 })
  .option("--max-tokens <n>", "max_tokens per request", { default: 256 })
  .option("--stop <s>", "Stop sequence (repeatable); default: none")
  .option("--max-prompt-chars <n>", "Truncate prompts from the left to this many characters")
  .option("--scorer <name>", "exact | answer | last-number | first-number | kojima-<kind> ", {
    default: "auto",
  })
  .option("--no-progress", "Hide the progress bar")
  .action(async (file: string, flags: Record<string, unknown>) => {
    await runEval(file, flags);
  });

cli.help();
cli.version("0.1.0");

async function main(): Promise<void> {
  try {
    cli.parse(process.argv, { run: false });
    if (cli.matchedCommand === undefined) {
      if (cli.args.length > 0) throw new TaskError("INVALID_ARGUMENT", `unknown command "${cli.args[0]}"`);
      cli.outputHelp();
      return;
    }
    await cli.runMatchedCommand();
  } catch (e) {
    const code = e instanceof TaskError ? ` [${e.code}]` : "";
    process.stderr.write(`emerge-tasks: ${e instanceof Error ? e.message : String(e)}${code}\n`);
    process.exitCode = 1;
  }
}

void main();
