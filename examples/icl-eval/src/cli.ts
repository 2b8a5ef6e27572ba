/**
 * icl-eval: few-shot and chain-of-thought tasks at several difficulties against any
 * OpenAI-compatible endpoint, fitted and plotted. `npm run eval -- --help` lists the flags.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { svgToPNG } from "@emerge/plot/node";
import { parseStudyArgs, type StudyOptions, UsageError, usage } from "./args.js";
import { buildReport } from "./report.js";
import { runStudy, stderrProgress, suiteInstances } from "./study.js";
import { suites } from "./suites.js";

/** Where the CLI writes text; tests capture it. */
export interface Console {
  out(text: string): void;
  err(text: string): void;
}

const processConsole: Console = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Every prompt the study would send, with its reference answer, as plain text. */
export function* dryRunLines(options: StudyOptions): Generator<string> {
  const models =
    options.models.length > 0 ? options.models.map((m) => m.name).join(", ") : "(no --model given)";
  let total = 0;
  for (const name of options.suites) {
    const suite = suites[name];
    for (const { level, instances } of suiteInstances(suite, options)) {
      for (const [i, t] of instances.entries()) {
        total++;
        yield `===== ${suite.name} · ${suite.difficulty.key} ${level} · #${i} (${t.id}) =====\n`;
        yield `${t.prompt}\n`;
        yield `----- expected answer: ${JSON.stringify(t.answer)} · stop ${JSON.stringify(suite.stop)} · max_tokens ${suite.maxTokens} · scorer ${suite.scorer}\n\n`;
      }
    }
  }
  yield `dry run: ${total} prompt(s) per model, ${options.models.length || 1} model(s) [${models}]; nothing was sent.\n`;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The command line that reproduces a run (the API key's variable name only, never its value). */
function commandOf(argv: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return `npm run eval -w @emerge/example-icl-eval -- ${argv.map(quote).join(" ")}`;
}

/**
 * Run the CLI: parse, then dry-run or evaluate, analyse and write `report.html`, `summary.json`,
 * `results.jsonl` and `figures/*.svg` and `*.png` into `--out`. Resolves to the exit code: 0 done, 1 usage or
 * runtime error, 2 finished but some requests failed (rerun to retry only those).
 *
 * @example
 * ```ts
 * await main(["--dry-run", "--suites", "coin-flip", "--n", "1"]);
 * ```
 */
export async function main(argv: readonly string[], io: Console = processConsole): Promise<number> {
  let options: StudyOptions;
  try {
    const parsed = parseStudyArgs(argv);
    if (parsed === "help") {
      io.out(usage);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`icl-eval: ${error.message}\n\n${usage}`);
      return 1;
    }
    throw error;
  }
  if (options.dryRun) {
    for (const line of dryRunLines(options)) io.out(line);
    return 0;
  }
  try {
    const data = await runStudy(options, {
      log: (line) => io.err(`${line}\n`),
      ...(options.quiet || !process.stderr.isTTY ? {} : { progress: stderrProgress }),
    });
    const built = await buildReport(options, data, commandOf(argv));
    const out = resolve(options.out);
    mkdirSync(join(out, "figures"), { recursive: true });
    writeAtomic(join(out, "report.html"), built.html);
    writeAtomic(join(out, "summary.json"), `${JSON.stringify(built.summary, null, 2)}\n`);
    writeAtomic(
      join(out, "results.jsonl"),
      `${data.runs
        .flatMap((run) =>
          run.results.map((r) => JSON.stringify({ model: run.model.name, suite: run.suite, ...r })),
        )
        .join("\n")}\n`,
    );
    for (const [stem, svg] of built.figures) {
      writeAtomic(join(out, "figures", `${stem}.svg`), svg);
      writeFileSync(join(out, "figures", `${stem}.png`), await svgToPNG(svg));
    }
    io.err(
      `icl-eval: wrote ${join(out, "report.html")} (${data.requests} requests, ${data.cached} cached, ${data.errors} errors, ${(data.elapsedMs / 1000).toFixed(1)} s)\n`,
    );
    if (data.errors > 0) {
      io.err(`icl-eval: ${data.errors} request(s) failed; rerun the same command to retry only those\n`);
      return 2;
    }
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    io.err(`icl-eval: ${typeof code === "string" ? `${code}: ` : ""}${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
