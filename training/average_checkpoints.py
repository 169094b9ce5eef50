"""Average the weights of several tagger checkpoints (a cheap ensemble with no inference cost).

    .venv/bin/python training/average_checkpoints.py A.pt B.pt --out AVG.pt
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("checkpoints", type=Path, nargs="+")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    states = [torch.load(p, map_location="cpu") for p in args.checkpoints]
    avg = {}
    for key, value in states[0].items():
        if value.is_floating_point():
            avg[key] = sum(s[key] for s in states) / len(states)
        else:
            avg[key] = value
    torch.save(avg, args.out)
    print(f"wrote {args.out} (mean of {len(states)})")


if __name__ == "__main__":
    main()
