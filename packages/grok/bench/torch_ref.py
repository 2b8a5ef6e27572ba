"""PyTorch reference for the @emerge/grok benchmark (run by bench.ts with Debian's python3-torch).

The same model as the cpu backend: Gromov's MLP with layer 1 as an embedding lookup of rows
a and p + b of W1 ([2p, width], nn.Linear's default U(-1/sqrt(2p), 1/sqrt(2p)) init), the
activation, W2 ([width, p], U(-1/sqrt(width), ...)), no biases, mean cross-entropy, full-batch
torch.optim.AdamW. The split is all pairs (a, b) shuffled by a seeded generator; its exact
membership differs from @emerge/tasks' split, its size is the same.

Prints one JSON line: {"steps_per_s" (median of --repeats runs), "cpu_s_per_step", "runs_steps_per_s",
"demo_wall_s", "demo_step", "threads", "layer1"}.
"""
import argparse
import json
import os
import time

import torch


def build(p, frac, width, seed):
    g = torch.Generator().manual_seed(seed)
    a = torch.arange(p).repeat_interleave(p)
    b = torch.arange(p).repeat(p)
    y = (a + b) % p
    perm = torch.randperm(p * p, generator=g)
    n = round(frac * p * p)
    tr, te = perm[:n], perm[n:]
    bound1 = 1 / (2 * p) ** 0.5
    bound2 = 1 / width ** 0.5
    w1 = ((torch.rand(2 * p, width, generator=g) * 2 - 1) * bound1).requires_grad_()
    w2 = ((torch.rand(width, p, generator=g) * 2 - 1) * bound2).requires_grad_()
    return (a[tr], b[tr] + p, y[tr]), (a[te], b[te] + p, y[te]), w1, w2


LAYER1 = {"mode": "embedding"}


def forward(w1, w2, a, b):
    if LAYER1["mode"] == "onehot":
        # the textbook form: one-hot(a) ++ one-hot(b) as a dense input times W1 (BLAS GEMM)
        x = torch.zeros(a.shape[0], w1.shape[0])
        x[torch.arange(a.shape[0]), a] = 1
        x[torch.arange(a.shape[0]), b] = 1
        h = x @ w1
    else:
        h = w1[a] + w1[b]  # embedding gather (backward: index_put with accumulate)
    return (h * h) @ w2


def run(p, frac, width, lr, wd, steps, eval_every, seed, stop_at_generalization):
    train, test, w1, w2 = build(p, frac, width, seed)
    opt = torch.optim.AdamW([w1, w2], lr=lr, weight_decay=wd, betas=(0.9, 0.98))
    ce = torch.nn.functional.cross_entropy
    start = time.perf_counter()
    for step in range(steps + 1):
        logits = forward(w1, w2, train[0], train[1])
        loss = ce(logits, train[2])
        if step % eval_every == 0:
            with torch.no_grad():
                test_logits = forward(w1, w2, test[0], test[1])
                test_acc = (test_logits.argmax(1) == test[2]).float().mean().item()
            if stop_at_generalization and test_acc >= 0.99:
                return step, time.perf_counter() - start
        if step == steps:
            break
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return None, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=200, help="steps per timed run (0: no timed runs)")
    ap.add_argument("--eval-every", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=1, help="timed runs; the median is reported")
    ap.add_argument("--demo", action="store_true", help="also time the default demo until test acc >= 99%%")
    ap.add_argument("--layer1", choices=("auto", "embedding", "onehot"), default="auto",
                    help="layer-1 formulation (auto: time a few steps of each, keep the faster)")
    ap.add_argument("--set-threads", type=int, default=0, help="torch.set_num_threads (0 = leave the default)")
    args = ap.parse_args()
    if args.set_threads > 0:
        torch.set_num_threads(args.set_threads)
    if args.layer1 == "auto":
        timing = {}
        for mode in ("embedding", "onehot"):
            LAYER1["mode"] = mode
            run(97, 0.5, 512, 1e-3, 1.0, 3, 10, 0, False)  # warm-up
            timing[mode] = run(97, 0.5, 512, 1e-3, 1.0, 10, 1000, 0, False)[1]
        LAYER1["mode"] = min(timing, key=timing.get)
    else:
        LAYER1["mode"] = args.layer1
        run(97, 0.5, 512, 1e-3, 1.0, 3, 10, 0, False)  # warm-up
    out = {"threads": torch.get_num_threads(), "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
           "layer1": LAYER1["mode"]}
    if args.steps > 0:
        walls, cpus = [], []
        for _ in range(args.repeats):
            cpu0 = time.process_time()
            walls.append(run(97, 0.5, 512, 1e-3, 1.0, args.steps, args.eval_every, 0, False)[1])
            cpus.append(time.process_time() - cpu0)
        wall, cpu = sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2]
        out.update({"steps_per_s": args.steps / wall, "cpu_s_per_step": cpu / args.steps,
                    "runs_steps_per_s": [args.steps / w for w in walls]})
    if args.demo:
        step, wall = run(97, 0.3, 512, 3e-3, 1.0, 5000, 10, 0, True)
        out["demo_step"] = step
        out["demo_wall_s"] = wall
    print(json.dumps(out))


if __name__ == "__main__":
    main()
