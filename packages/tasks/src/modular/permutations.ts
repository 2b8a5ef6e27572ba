/**
 * The symmetric group S5 as token ids: the 120 permutations of {0,…,4} in lexicographic order of
 * their one-line notation, so token 0 is the identity [0,1,2,3,4] and token 119 is [4,3,2,1,0].
 * Composition is right-to-left like functions: (x∘y)(i) = x(y(i)).
 */

/** A permutation of {0,…,n−1} in one-line notation: `perm[i]` is the image of i. */
export type Permutation = readonly number[];

function lexicographicPermutations(n: number): Permutation[] {
  const out: Permutation[] = [];
  const used = new Array<boolean>(n).fill(false);
  const current: number[] = [];
  const visit = (): void => {
    if (current.length === n) {
      out.push(current.slice());
      return;
    }
    for (let v = 0; v < n; v++) {
      if (used[v]) continue;
      used[v] = true;
      current.push(v);
      visit();
      current.pop();
      used[v] = false;
    }
  };
  visit();
  return out;
}

/** The 120 elements of S5, indexed by token id. */
export const S5: readonly Permutation[] = lexicographicPermutations(5);

const indexOf = new Map<string, number>(S5.map((perm, i) => [perm.join(""), i]));

/** The token id of a permutation of {0,…,4}. */
export function permutationIndex(perm: Permutation): number {
  const i = indexOf.get(perm.join(""));
  if (i === undefined) throw new RangeError(`not a permutation of 0..4: [${perm.join(",")}]`);
  return i;
}

/** x∘y: apply y first, then x. */
export function compose(x: Permutation, y: Permutation): Permutation {
  return y.map((yi) => x[yi] as number);
}

/** The inverse permutation. */
export function invert(x: Permutation): Permutation {
  const out = new Array<number>(x.length);
  x.forEach((xi, i) => {
    out[xi] = i;
  });
  return out;
}

function table(f: (x: Permutation, y: Permutation) => Permutation): Int32Array {
  const t = new Int32Array(S5.length * S5.length);
  for (let a = 0; a < S5.length; a++) {
    for (let b = 0; b < S5.length; b++) {
      t[a * S5.length + b] = permutationIndex(f(S5[a] as Permutation, S5[b] as Permutation));
    }
  }
  return t;
}

let tables: Record<"s5" | "s5-conj" | "s5-xyx", Int32Array> | undefined;

/** The 120×120 result table of an S5 operation (computed once, lazily). */
export function permutationTable(op: "s5" | "s5-conj" | "s5-xyx"): Int32Array {
  tables ??= {
    s5: table(compose),
    "s5-conj": table((x, y) => compose(compose(x, y), invert(x))),
    "s5-xyx": table((x, y) => compose(compose(x, y), x)),
  };
  return tables[op];
}
