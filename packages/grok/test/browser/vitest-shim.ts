/**
 * The slice of vitest's API the shared conformance suite uses (describe/it/beforeAll/afterAll,
 * expect(…, message) with toBe / toBeLessThanOrEqual / toBeGreaterThan / toBeCloseTo / toEqual /
 * toThrow(expect.objectContaining)), so the SAME suite runs inside a browser page, where vitest
 * itself does not. The page bundle aliases "vitest" to this file. Any matcher not implemented
 * here throws, so a test can never pass by accident.
 */

type Fn = () => unknown;

interface Case {
  name: string;
  fn: Fn;
  suite: Suite;
}
interface Suite {
  name: string;
  beforeAll: Fn[];
  afterAll: Fn[];
  cases: Case[];
}

/** One test outcome, as reported to the Node side. */
export interface CaseResult {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

const suites: Suite[] = [];
let current: Suite | null = null;

export function describe(name: string, body: () => void): void {
  const suite: Suite = { name, beforeAll: [], afterAll: [], cases: [] };
  suites.push(suite);
  const outer = current;
  current = suite;
  try {
    body();
  } finally {
    current = outer;
  }
}

function suiteFor(what: string): Suite {
  if (!current) throw new Error(`vitest-shim: ${what} outside describe()`);
  return current;
}

export function it(name: string, fn: Fn): void {
  const suite = suiteFor("it");
  suite.cases.push({ name, fn, suite });
}
export const test = it;

export function beforeAll(fn: Fn): void {
  suiteFor("beforeAll").beforeAll.push(fn);
}
export function afterAll(fn: Fn): void {
  suiteFor("afterAll").afterAll.push(fn);
}

class AssertionError extends Error {
  override readonly name = "AssertionError";
}

const ASYMMETRIC = Symbol("asymmetric");
interface Asymmetric {
  [ASYMMETRIC]: true;
  test(value: unknown): boolean;
  describe: string;
}
const isAsymmetric = (x: unknown): x is Asymmetric => typeof x === "object" && x !== null && ASYMMETRIC in x;

function show(x: unknown): string {
  if (isAsymmetric(x)) return x.describe;
  try {
    return typeof x === "string" ? JSON.stringify(x) : (JSON.stringify(x) ?? String(x));
  } catch {
    return String(x);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (isAsymmetric(b)) return b.test(a);
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function matchers(actual: unknown, message: string | undefined, negate: boolean) {
  const assert = (ok: boolean, what: string) => {
    if (ok === negate)
      throw new AssertionError(
        `${message ? `${message}: ` : ""}expected ${show(actual)} ${negate ? "not " : ""}${what}`,
      );
  };
  const num = () => actual as number;
  return {
    toBe: (want: unknown) => assert(Object.is(actual, want), `to be ${show(want)}`),
    toEqual: (want: unknown) => assert(deepEqual(actual, want), `to equal ${show(want)}`),
    toBeLessThanOrEqual: (want: number) => assert(num() <= want, `to be ≤ ${want}`),
    toBeLessThan: (want: number) => assert(num() < want, `to be < ${want}`),
    toBeGreaterThan: (want: number) => assert(num() > want, `to be > ${want}`),
    toBeGreaterThanOrEqual: (want: number) => assert(num() >= want, `to be ≥ ${want}`),
    toBeCloseTo: (want: number, digits = 2) =>
      assert(Math.abs(num() - want) < 10 ** -digits / 2, `to be close to ${want}`),
    toBeTruthy: () => assert(Boolean(actual), "to be truthy"),
    toBeFalsy: () => assert(!actual, "to be falsy"),
    toThrow: (want?: unknown) => {
      if (typeof actual !== "function") throw new AssertionError("toThrow needs a function");
      let thrown: unknown;
      let threw = false;
      try {
        (actual as () => unknown)();
      } catch (e) {
        threw = true;
        thrown = e;
      }
      const matches =
        threw &&
        (want === undefined ||
          (isAsymmetric(want) && want.test(thrown)) ||
          (typeof want === "string" && String((thrown as Error)?.message).includes(want)));
      if (!isAsymmetric(want) && want !== undefined && typeof want !== "string") {
        throw new AssertionError(
          "vitest-shim: toThrow supports no argument, a string or expect.objectContaining",
        );
      }
      assert(
        matches,
        `to throw ${want === undefined ? "" : show(want)} (threw ${threw ? show(String(thrown)) : "nothing"})`,
      );
    },
  };
}

type Matchers = ReturnType<typeof matchers>;

/** `expect(actual, message?)` with `.not`, plus `expect.objectContaining`. */
export const expect = Object.assign(
  (actual: unknown, message?: string): Matchers & { not: Matchers } =>
    Object.assign(matchers(actual, message, false), { not: matchers(actual, message, true) }),
  {
    objectContaining(subset: Record<string, unknown>): Asymmetric {
      return {
        [ASYMMETRIC]: true,
        describe: `objectContaining(${show(subset)})`,
        test: (value: unknown) =>
          typeof value === "object" &&
          value !== null &&
          Object.entries(subset).every(([k, v]) => deepEqual((value as Record<string, unknown>)[k], v)),
      };
    },
  },
);

/** Run every registered suite in order (hooks included); never throws, reports per case. */
export async function runRegistered(onResult?: (r: CaseResult) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const record = (r: CaseResult) => {
    results.push(r);
    onResult?.(r);
  };
  for (const suite of suites) {
    let setupError: unknown = null;
    for (const hook of suite.beforeAll) {
      try {
        await hook();
      } catch (e) {
        setupError = e;
        break;
      }
    }
    for (const c of suite.cases) {
      // yield to the event loop between cases, so the page stays responsive to the test driver
      await new Promise((ok) => setTimeout(ok, 0));
      const name = `${suite.name} > ${c.name}`;
      const t0 = performance.now();
      if (setupError !== null) {
        record({ name, ok: false, error: `beforeAll failed: ${String(setupError)}`, ms: 0 });
        continue;
      }
      try {
        await c.fn();
        record({ name, ok: true, ms: performance.now() - t0 });
      } catch (e) {
        record({
          name,
          ok: false,
          error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
          ms: performance.now() - t0,
        });
      }
    }
    for (const hook of suite.afterAll) {
      try {
        await hook();
      } catch (e) {
        record({ name: `${suite.name} > afterAll`, ok: false, error: String(e), ms: 0 });
      }
    }
  }
  return results;
}
