// Assemble src/backends/cpu/wasm/kernels.wat (WebAssembly SIMD) into a base64 TypeScript module,
// once with a shared memory import (threads) and once without, so the package ships the binary
// inside its JavaScript: no fs, no fetch, works in Node and browsers.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "..", "src", "backends", "cpu", "wasm");
const wabt = await wabtInit();

/**
 * The GEMM micro-kernel for a 2 x `width` tile (width 4, 8, 12, 16):
 * C[rows][width] (+)= Apack[kc][2] . Bpack[kc][16] (its first `width` columns), rows 1 or 2.
 * Written out per width (the loop body is straight-line code on `width / 4` vectors per row);
 * no unrolling over k, which is what lets TurboFan keep all accumulators in registers.
 */
function microKernel(width) {
  const vectors = width / 4;
  const acc = [];
  for (let r = 0; r < 2; r++) for (let v = 0; v < vectors; v++) acc.push(`$c${r}${v}`);
  const b = Array.from({ length: vectors }, (_, v) => `$b${v}`);
  const lines = [];
  lines.push(`  (func $micro${width} ${PARAMS}`);
  lines.push(`    (local $a v128) ${[...b, ...acc].map((name) => `(local ${name} v128)`).join(" ")}`);
  lines.push("    (loop $k");
  for (let v = 0; v < vectors; v++)
    lines.push(`      (local.set $b${v} (v128.load offset=${16 * v} (local.get $bp)))`);
  for (let r = 0; r < 2; r++) {
    lines.push(`      (local.set $a (v128.load32_splat offset=${4 * r} (local.get $ap)))`);
    for (let v = 0; v < vectors; v++) {
      lines.push(
        `      (local.set $c${r}${v} (f32x4.add (local.get $c${r}${v}) (f32x4.mul (local.get $a) (local.get $b${v}))))`,
      );
    }
  }
  lines.push("      (local.set $ap (i32.add (local.get $ap) (i32.const 8)))");
  lines.push("      (local.set $bp (i32.add (local.get $bp) (i32.const 64)))");
  lines.push("      (local.set $kc (i32.sub (local.get $kc) (i32.const 1)))");
  lines.push("      (br_if $k (local.get $kc)))");
  const row = (r) => {
    const out = [];
    for (let v = 0; v < vectors; v++) {
      const at = `(i32.add (i32.add (local.get $dst) (i32.mul (i32.const ${r}) (local.get $ld))) (i32.const ${16 * v}))`;
      out.push(
        `(v128.store ${at} (if (result v128) (local.get $first) (then (local.get $c${r}${v})) (else (f32x4.add (v128.load ${at}) (local.get $c${r}${v})))))`,
      );
    }
    return out.join("\n    ");
  };
  lines.push(`    ${row(0)}`);
  lines.push(`    (if (i32.eq (local.get $rows) (i32.const 2)) (then\n    ${row(1)})))`);
  return lines.join("\n");
}

/**
 * The micro-kernel for the last 1-3 columns of a panel: C[rows][cols] (+)= Apack . Bpack, two
 * depths per step. An A vector holds (row 0, row 1) at depths p and p + 1; each column's B values
 * at those depths are shuffled into (b_p, b_p, b_p+1, b_p+1): one multiply-add per two depths and
 * column, where a 4-wide tile would spend four on a single useful column.
 */
function narrowKernel(cols) {
  const lines = [];
  const cs = Array.from({ length: cols }, (_, j) => j);
  lines.push(`  (func $narrow${cols} ${PARAMS}`);
  lines.push(
    `    (local $a v128) (local $u v128) (local $w v128) (local $x f32) ${cs.map((j) => `(local $c${j} v128)`).join(" ")}`,
  );
  lines.push("    (block $done (loop $k");
  lines.push("      (br_if $done (i32.lt_u (local.get $kc) (i32.const 2)))");
  lines.push("      (local.set $a (v128.load (local.get $ap)))");
  lines.push("      (local.set $u (v128.load (local.get $bp)))");
  lines.push("      (local.set $w (v128.load offset=64 (local.get $bp)))");
  for (const j of cs) {
    const l = 4 * j;
    const m = 16 + 4 * j;
    const shuffle = `(i8x16.shuffle ${[l, l + 1, l + 2, l + 3, l, l + 1, l + 2, l + 3, m, m + 1, m + 2, m + 3, m, m + 1, m + 2, m + 3].join(" ")} (local.get $u) (local.get $w))`;
    lines.push(
      `      (local.set $c${j} (f32x4.add (local.get $c${j}) (f32x4.mul (local.get $a) ${shuffle})))`,
    );
  }
  lines.push("      (local.set $ap (i32.add (local.get $ap) (i32.const 16)))");
  lines.push("      (local.set $bp (i32.add (local.get $bp) (i32.const 128)))");
  lines.push("      (local.set $kc (i32.sub (local.get $kc) (i32.const 2)))");
  lines.push("      (br $k)))");
  // an odd depth left: (row 0, row 1, 0, 0) times the column's b
  lines.push("    (if (local.get $kc) (then");
  lines.push("      (local.set $a (v128.load64_zero (local.get $ap)))");
  lines.push("      (local.set $u (v128.load (local.get $bp)))");
  for (const j of cs) {
    lines.push(
      `      (local.set $c${j} (f32x4.add (local.get $c${j}) (f32x4.mul (local.get $a) (i8x16.shuffle ${Array.from({ length: 4 }, () => [4 * j, 4 * j + 1, 4 * j + 2, 4 * j + 3].join(" ")).join(" ")} (local.get $u) (local.get $u)))))`,
    );
  }
  lines.push("    ))");
  for (let r = 0; r < 2; r++) {
    const store = cs.map((j) => {
      const at = `(i32.add (i32.add (local.get $dst) (i32.mul (i32.const ${r}) (local.get $ld))) (i32.const ${4 * j}))`;
      const value = `(f32.add (f32x4.extract_lane ${r} (local.get $c${j})) (f32x4.extract_lane ${r + 2} (local.get $c${j})))`;
      return `(local.set $x ${value})\n      (f32.store ${at} (if (result f32) (local.get $first) (then (local.get $x)) (else (f32.add (f32.load ${at}) (local.get $x)))))`;
    });
    lines.push(
      r === 0
        ? `    ${store.join("\n    ")}`
        : `    (if (i32.eq (local.get $rows) (i32.const 2)) (then\n      ${store.join("\n      ")})))`,
    );
  }
  return lines.join("\n");
}

/** Parameters of every micro-kernel: packed A and B, depth, C tile and its row stride in bytes. */
const PARAMS =
  "(param $ap i32) (param $bp i32) (param $kc i32) (param $dst i32) (param $ld i32) (param $first i32) (param $rows i32)";

/** (F4 c) and (D2 c): a v128 of four float32 / two float64 c (shorthand of sequence-kernels.wat). */
function expandConstants(text) {
  return text
    .replace(/\(F4 ([^()\s]+)\)/g, (_, c) => `(v128.const f32x4 ${c} ${c} ${c} ${c})`)
    .replace(/\(D2 ([^()\s]+)\)/g, (_, c) => `(v128.const f64x2 ${c} ${c})`);
}

const source = readFileSync(join(dir, "kernels.wat"), "utf8")
  .replace(
    ";; @micro-kernels",
    [...[4, 8, 12, 16].map(microKernel), ...[1, 2, 3].map(narrowKernel)].join("\n"),
  )
  .replace(";; @sequence-kernels", expandConstants(readFileSync(join(dir, "sequence-kernels.wat"), "utf8")));
function assemble(shared) {
  const text = source.replace("MEMORY_SHARING", shared ? "shared" : "");
  const module = wabt.parseWat("kernels.wat", text, { simd: true, threads: true, bulk_memory: true });
  // (wabt.js validate() ignores the feature flags; WebAssembly.validate below checks the binary)
  const { buffer } = module.toBinary({});
  module.destroy();
  if (!WebAssembly.validate(buffer)) throw new Error(`kernels.wat (shared=${shared}) does not validate`);
  return Buffer.from(buffer).toString("base64");
}

const out = `// Generated by scripts/build-wasm.mjs from kernels.wat — do not edit; run \`npm run build:wasm\`.
/** The SIMD kernels, importing a shared memory (for worker threads). */
export const kernelsWasmShared =
  "${assemble(true)}";
/** The SIMD kernels, importing an ordinary memory (single-threaded). */
export const kernelsWasm =
  "${assemble(false)}";
`;
writeFileSync(join(dir, "kernels-wasm.ts"), out);
console.log(`wrote ${join(dir, "kernels-wasm.ts")} (${out.length} bytes)`);
