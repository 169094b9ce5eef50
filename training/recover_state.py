"""Recover a PyTorch state dict from a packaged int8 tagger, for re-exporting it in another format.

    .venv/bin/python training/recover_state.py src/reportedly/models/attribution-tagger \
        training/work/default-recovered.pt

Each quantised weight becomes its dequantised value ``(q - zero_point) * scale`` — exactly the
weight the int8 model multiplies by — so a model exported from the result computes what the
packaged one computes, less only the rounding of its activations. The training checkpoints are
not kept in the repository (tens of MB each); this makes every later format change reproducible
from what is committed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper


def recover(model_path: Path) -> dict[str, torch.Tensor]:
    model = onnx.load(str(model_path))
    init = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    state: dict[str, torch.Tensor] = {}

    def dequant(base: str) -> np.ndarray:
        q = init[base + "_quantized"].astype(np.float32)
        zp = init[base + "_zero_point"].astype(np.float32)
        scale = init[base + "_scale"].astype(np.float32)
        return ((q - zp) * scale).astype(np.float32)

    for name, arr in init.items():
        if name.startswith(("encoder.", "head.")) and not re.search(r"_(quantized|scale|zero_point)$", name):
            state[name] = torch.from_numpy(np.array(arr, dtype=np.float32))
        elif name.endswith(".weight_quantized"):  # embeddings, dequantised after their Gather
            base = name[: -len("_quantized")]
            state[base] = torch.from_numpy(dequant(base))
    for node in model.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        # "/encoder/encoder/layer.0/attention/self/query/MatMul_quant" -> "encoder.encoder.layer.0.attention.self.query"
        module = node.name.strip("/").rsplit("/", 1)[0].replace("/", ".")
        weight = node.input[1][: -len("_quantized")]
        state[module + ".weight"] = torch.from_numpy(dequant(weight).T.copy())  # ONNX B is (in, out)
    return state


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model_dir", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    state = recover(args.model_dir / "model.onnx")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from train_tagger import build_model, layer_count

    model = build_model(layers=layer_count(state))
    missing, unexpected = model.load_state_dict(state, strict=False)
    # the pooler is not used by the tagger, so the ONNX graph holds none: keep its initial weights
    missing = [k for k in missing if not k.endswith("position_ids") and ".pooler." not in k]
    if missing or unexpected:
        raise SystemExit(f"state does not fit the model: missing {missing}, unexpected {unexpected}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out)
    print(f"{len(state)} tensors -> {args.out}")


if __name__ == "__main__":
    main()
