"""scipy peer for the @emerge/fit benchmark (run with Debian's /usr/bin/python3).

Measures, on the same data files the TypeScript bench uses:
  * NIST StRD: scipy.optimize.least_squares with DEFAULT options (trf, 2-point Jacobian) from both
    certified starts; counts runs whose minimum parameter LRE is >= 6.
  * Chinchilla: the 4500-start Hoffmann grid with scipy.optimize.minimize(method="L-BFGS-B",
    jac=True), Huber delta 1e-3 on the log-space log-sum-exp objective, numpy-vectorised.
Prints one JSON object. Exits with {"available": false} when scipy cannot be imported.
"""
import json
import math
import sys
import time

try:
    import numpy as np
    from scipy.optimize import least_squares, minimize
except Exception:  # noqa: BLE001 - any import failure means "peer unavailable"
    print(json.dumps({"available": False}))
    sys.exit(0)


def lre(est, cert):
    if not math.isfinite(est):
        return 0.0
    err = abs(est) if cert == 0 else abs(est - cert) / abs(cert)
    if err == 0:
        return 11.0
    return max(0.0, min(11.0, -math.log10(err)))


def nist(path):
    problems = json.load(open(path))["problems"]
    ns = {"exp": np.exp, "sin": np.sin, "cos": np.cos, "atan": np.arctan, "pi": np.pi, "log": np.log}
    runs = []
    for p in problems:
        expr = p["expression"].replace("^", "**")
        code = compile(expr, p["name"], "eval")
        xs = {v: np.asarray(p["x"][v], dtype=float) for v in p["variables"]}
        y = np.asarray(p["y"], dtype=float)
        if p["response"] == "log(y)":
            y = np.log(y)

        def resid(b, code=code, xs=xs, y=y, names=p["params"]):
            env = dict(ns)
            env.update(xs)
            env.update({n: b[i] for i, n in enumerate(names)})
            with np.errstate(all="ignore"):
                return eval(code, {"__builtins__": {}}, env) - y  # noqa: S307 - trusted bundled data

        for k, start in enumerate(p["starts"]):
            t0 = time.perf_counter()
            try:
                r = least_squares(resid, np.asarray(start, dtype=float))
                est = r.x
                score = min(lre(float(est[i]), c) for i, c in enumerate(p["certified"]["values"]))
            except Exception:  # noqa: BLE001
                score = 0.0
            runs.append({"problem": p["name"], "start": k + 1, "lre": round(score, 2),
                         "ms": (time.perf_counter() - t0) * 1000})
    return runs


def chinchilla(path):
    pts = json.load(open(path))
    ln = np.log(np.asarray(pts["N"], dtype=float))
    ld = np.log(np.asarray(pts["D"], dtype=float))
    ll = np.log(np.asarray(pts["loss"], dtype=float))
    delta = 1e-3

    def fg(p):
        a, b, e, al, be = p
        t = np.stack([a - al * ln, b - be * ld, np.full_like(ln, e)])
        m = t.max(axis=0)
        w = np.exp(t - m)
        s = w.sum(axis=0)
        r = m + np.log(s) - ll
        small = np.abs(r) <= delta
        f = np.where(small, 0.5 * r * r, delta * (np.abs(r) - 0.5 * delta)).sum()
        dr = np.where(small, r, delta * np.sign(r)) / s
        g = np.array([(dr * w[0]).sum(), (dr * w[1]).sum(), (dr * w[2]).sum(),
                      -(dr * w[0] * ln).sum(), -(dr * w[1] * ld).sum()])
        return f, g

    grid = [[a, b, e, al, be] for al in (0, .5, 1, 1.5, 2) for be in (0, .5, 1, 1.5, 2)
            for e in (-1, -.5, 0, .5, 1) for a in range(0, 30, 5) for b in range(0, 30, 5)]
    t0 = time.perf_counter()
    best = None
    for s in grid:
        r = minimize(fg, np.asarray(s, dtype=float), jac=True, method="L-BFGS-B")
        if best is None or r.fun < best.fun:
            best = r
    secs = time.perf_counter() - t0
    a, b, e, al, be = best.x
    return {"grid_s": secs, "A": math.exp(a), "B": math.exp(b), "E": math.exp(e), "alpha": al, "beta": be,
            "objective": float(best.fun)}


if __name__ == "__main__":
    nist_path, chin_path = sys.argv[1], sys.argv[2]
    skip_grid = len(sys.argv) > 3 and sys.argv[3] == "--no-grid"
    runs = nist(nist_path)
    out = {"available": True, "scipy": __import__("scipy").__version__, "nist_runs": len(runs),
           "nist_lre6": sum(1 for r in runs if r["lre"] >= 6), "runs": runs}
    out["chinchilla"] = None if skip_grid else chinchilla(chin_path)
    print(json.dumps(out))
