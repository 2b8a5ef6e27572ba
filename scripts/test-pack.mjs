#!/usr/bin/env node
// Pack every publishable package, install each tarball (with the tarballs of the @emerge packages it
// needs) into a fresh project outside the workspace, then import it with ESM `import` and CJS `require`
// and call one function. This is what "install a single package from npm" means for a user.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
// Packages a plain install must NOT pull in (optional peers), and bins that must run from the install.
const mustNotInstall = { "@emerge/grok": ["gpu.js"] };
const binsPrintingVersion = { "@emerge/grok": ["emerge-grok"] };
// `node scripts/test-pack.mjs @emerge/grok` checks one package's install (all are still packed)
const only = process.argv[2];
const smoke = JSON.parse(readFileSync(join(root, "scripts/pack-smoke.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "emerge-pack-"));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const packages = readdirSync(join(root, "packages"))
  .map((dir) => ({
    dir: join(root, "packages", dir),
    pkg: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")),
  }))
  .filter(({ pkg }) => !pkg.private);

const tarballs = new Map();
for (const { dir, pkg } of packages) {
  const out = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], dir));
  tarballs.set(pkg.name, join(work, out[0].filename));
}

const internalDeps = (name, seen = new Set()) => {
  if (seen.has(name)) return seen;
  seen.add(name);
  const pkg = packages.find((p) => p.pkg.name === name)?.pkg;
  for (const dep of Object.keys(pkg?.dependencies ?? {})) if (tarballs.has(dep)) internalDeps(dep, seen);
  return seen;
};

let failed = 0;
for (const { pkg } of packages) {
  if (only && pkg.name !== only) continue;
  const check = smoke[pkg.name];
  if (!check) {
    console.error(`✗ ${pkg.name}: no entry in scripts/pack-smoke.json`);
    failed++;
    continue;
  }
  const project = join(work, pkg.name.replace("/", "__"));
  run("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "pack-check", private: true }));
  const started = Date.now();
  try {
    const deps = [...internalDeps(pkg.name)].map((n) => tarballs.get(n));
    // --ignore-scripts: native optional dependencies (gpu.js's gl builds ANGLE from source where X11
    // dev headers exist) are not what this checks, and must not make the check take minutes
    run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts", ...deps],
      project,
    );
    const esm = `import * as m from ${JSON.stringify(pkg.name)}; const r = await (async () => { ${check} })(); console.log(JSON.stringify(r));`;
    const cjs = `const m = require(${JSON.stringify(pkg.name)}); (async () => { ${check} })().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`;
    const viaImport = run("node", ["--input-type=module", "-e", esm], project).trim();
    const viaRequire = run("node", ["-e", cjs], project).trim();
    if (viaImport !== viaRequire) throw new Error(`import gave ${viaImport}, require gave ${viaRequire}`);
    for (const dep of mustNotInstall[pkg.name] ?? []) {
      if (existsSync(join(project, "node_modules", dep)))
        throw new Error(`installing it also installed ${dep}`);
    }
    for (const bin of binsPrintingVersion[pkg.name] ?? []) {
      const printed = run(join(project, "node_modules", ".bin", bin), ["--version"], project).trim();
      if (printed !== pkg.version) throw new Error(`${bin} --version printed ${JSON.stringify(printed)}`);
    }
    console.log(
      `✓ ${pkg.name}: import and require both give ${viaImport.slice(0, 80)} (${Date.now() - started} ms)`,
    );
  } catch (error) {
    failed++;
    console.error(`✗ ${pkg.name}: ${error.stderr || error.message}`);
  }
}
rmSync(work, { recursive: true, force: true });
const checked = only ? 1 : packages.length;
console.log(`pack-and-install: ${checked - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
