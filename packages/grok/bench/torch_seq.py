"""PyTorch references for the sequence-model cases of the @emerge/grok benchmark (bench.ts runs
them with Debian's python3-torch, the machine's default threads and allocator).

--case decoder: the decoder of src/model/decoder.ts (token + position embeddings, pre-LayerNorm
blocks of causal multi-head attention without q/k/v biases and a GELU(tanh) MLP, final LayerNorm,
untied unembedding), one fixed batch of random tokens, cross-entropy on the marked positions only
(ignore_index = -1), torch.optim.AdamW.
--case nanda: the one-layer transformer of Nanda et al. (src/model/transformer.ts: tokens a b =,
token + position embeddings, causal attention, ReLU MLP, no LayerNorm, logits at the last
position), full batch of 30% of the p^2 pairs, AdamW lr 1e-3 wd 1 betas (0.9, 0.98).

Each timed step is forward, loss, backward and the optimizer step, as on the TypeScript side.
Prints one JSON line: {"steps_per_s" (median of --repeats runs), "runs_steps_per_s", "cpu_s_per_step", "threads"}.
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F


class Block(torch.nn.Module):
    def __init__(self, d, heads, d_mlp, ln, act):
        super().__init__()
        self.heads, self.ln, self.act = heads, ln, act
        self.wq = torch.nn.Linear(d, d, bias=False)
        self.wk = torch.nn.Linear(d, d, bias=False)
        self.wv = torch.nn.Linear(d, d, bias=False)
        self.wo = torch.nn.Linear(d, d, bias=ln)
        self.w_in = torch.nn.Linear(d, d_mlp)
        self.w_out = torch.nn.Linear(d_mlp, d)
        if ln:
            self.ln1 = torch.nn.LayerNorm(d)
            self.ln2 = torch.nn.LayerNorm(d)

    def forward(self, x):
        n, s, d = x.shape
        h = self.ln1(x) if self.ln else x
        q, k, v = (w(h).view(n, s, self.heads, d // self.heads).transpose(1, 2) for w in (self.wq, self.wk, self.wv))
        mask = torch.ones(s, s, dtype=torch.bool).tril()
        att = (q @ k.transpose(-1, -2)) / math.sqrt(d // self.heads)
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        z = (att @ v).transpose(1, 2).reshape(n, s, d)
        x = x + self.wo(z)
        h = self.ln2(x) if self.ln else x
        a = F.gelu(self.w_in(h), approximate="tanh") if self.act == "gelu" else F.relu(self.w_in(h))
        return x + self.w_out(a)


class Net(torch.nn.Module):
    def __init__(self, vocab, seq, layers, d, heads, d_mlp, ln, act):
        super().__init__()
        self.emb = torch.nn.Embedding(vocab, d)
        self.pos = torch.nn.Parameter(torch.randn(seq, d) * 0.02)
        self.blocks = torch.nn.ModuleList(Block(d, heads, d_mlp, ln, act) for _ in range(layers))
        self.lnf = torch.nn.LayerNorm(d) if ln else None
        self.unembed = torch.nn.Linear(d, vocab, bias=False)

    def forward(self, tokens):
        x = self.emb(tokens) + self.pos
        for b in self.blocks:
            x = b(x)
        if self.lnf is not None:
            x = self.lnf(x)
        return self.unembed(x)


def setup(case, p):
    g = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    if case == "decoder":
        vocab, seq, batch = 20, 32, 64
        net = Net(vocab, seq, 2, 128, 4, 512, True, "gelu")
        tokens = torch.randint(0, vocab, (batch, seq), generator=g)
        targets = torch.randint(0, vocab, (batch, seq), generator=g)
        targets[:, : seq // 2] = -1  # loss on the second half only, like answer tokens
        opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0.1, betas=(0.9, 0.99))

        def step():
            logits = net(tokens)
            loss = F.cross_entropy(logits.reshape(-1, vocab), targets.reshape(-1), ignore_index=-1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
    else:
        net = Net(p + 1, 3, 1, 128, 4, 512, False, "relu")
        perm = torch.randperm(p * p, generator=g)[: round(0.3 * p * p)]
        a, b = perm // p, perm % p
        tokens = torch.stack([a, b, torch.full_like(a, p)], 1)
        y = (a + b) % p
        opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))

        def step():
            logits = net(tokens)[:, -1, :p]
            loss = F.cross_entropy(logits, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
    return step


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", choices=("decoder", "nanda"), required=True)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--p", type=int, default=113)
    args = ap.parse_args()
    step = setup(args.case, args.p)
    for _ in range(3):
        step()  # warm-up
    walls, cpus = [], []
    for _ in range(args.repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(args.steps):
            step()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    wall, cpu = sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2]
    print(json.dumps({"steps_per_s": args.steps / wall, "runs_steps_per_s": [args.steps / w for w in walls],
                      "cpu_s_per_step": cpu / args.steps, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
