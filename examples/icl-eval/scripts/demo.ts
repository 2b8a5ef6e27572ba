/**
 * See the whole pipeline without a language model: starts the test suite's fake OpenAI-compatible
 * server (seven "models" whose skill grows with their size: right up to a difficulty, off by one
 * beyond), runs the study against it, and writes the report to out/demo/.
 *   npm run demo -w @emerge/example-icl-eval
 */
import { main } from "../src/cli.js";
import { startFakeOpenAI } from "../test/fake-openai.js";

/** Seven "models": fractional limits give partial accuracy at the level just past each limit. */
const models = {
  "lm-10m": { digits: 1, depth: 0.2, people: 1.3 },
  "lm-30m": { digits: 1.6, depth: 0.5, people: 1.8 },
  "lm-100m": { digits: 2.2, depth: 0.9, people: 2.2 },
  "lm-300m": { digits: 2.7, depth: 1.4, people: 2.6 },
  "lm-1b": { digits: 3.3, depth: 1.9, people: 3.2 },
  "lm-3b": { digits: 3.9, depth: 2.5, people: 4 },
  "lm-10b": { digits: 4.6, depth: 3.2, people: 5 },
};
const sizes: Record<keyof typeof models, string> = {
  "lm-10m": "10M",
  "lm-30m": "30M",
  "lm-100m": "100M",
  "lm-300m": "300M",
  "lm-1b": "1B",
  "lm-3b": "3B",
  "lm-10b": "10B",
};

const server = await startFakeOpenAI(models);
try {
  const argv = ["--endpoint", server.url, "--out", "out/demo", "--n", "20", ...process.argv.slice(2)];
  for (const [name, size] of Object.entries(sizes)) argv.push("--model", `${name}=${size}`);
  process.exitCode = await main(argv);
} finally {
  await server.close();
}
