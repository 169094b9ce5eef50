"""The packaged tagger recomputed in numpy, independently of onnxruntime's kernels.

Reads the weights out of ``model.onnx`` and runs the BERT encoder and tagging head as the model
was trained (embeddings, self-attention, feed-forward, layer norms), quantising activations
exactly as ONNX's ``DynamicQuantizeLinear`` defines it and multiplying the quantised integers in
exact int64 arithmetic. The float steps (layer norm, softmax, erf) are numpy's own, in float32 as
onnxruntime's, so the result agrees with onnxruntime's to float rounding wherever onnxruntime's
integer products are exact — unless a last-bit difference moves one activation across a rounding
step of its quantisation, which shifts the scores by about one quantisation step — and is far off
wherever the products saturate.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

F32 = np.float32


def _erf(x: np.ndarray) -> np.ndarray:
    return np.vectorize(math.erf, otypes=[np.float64])(x).astype(F32)


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True, dtype=np.float64).astype(F32)
    var = ((x - mu) ** 2).mean(-1, keepdims=True, dtype=np.float64).astype(F32)
    return ((x - mu) / np.sqrt(var + F32(eps)) * w + b).astype(F32)


def _quantize(x: np.ndarray) -> tuple[np.ndarray, np.float32, np.int64]:
    """ONNX DynamicQuantizeLinear: uint8 values, scale and zero point of a float32 tensor."""
    x = x.astype(np.float32)
    lo, hi = min(0.0, float(x.min())), max(0.0, float(x.max()))
    scale = np.float32((hi - lo) / 255.0) or np.float32(1.0)
    zp = np.int64(np.clip(np.round(np.float32(0.0) - np.float32(lo) / scale), 0, 255))
    q = np.clip(np.round(x / scale) + zp, 0, 255).astype(np.int64)
    return q, scale, zp


class ReferenceTagger:
    """``logits(ids)`` for one window of token ids (with [CLS] and [SEP]), no padding."""

    def __init__(self, model_path: Path):
        import onnx
        from onnx import numpy_helper

        model = onnx.load(str(model_path))
        init = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
        self.params: dict[str, np.ndarray] = {}
        self.linear: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # module -> (q, zp, scale)
        for name, arr in init.items():
            if name.startswith(("encoder.", "head.")) and not name.endswith(("_quantized", "_scale", "_zero_point")):
                self.params[name] = arr.astype(F32)
            elif name.endswith(".weight_quantized"):
                base = name[: -len("_quantized")]
                q = arr.astype(F32) - init[base + "_zero_point"].astype(F32)
                self.params[base] = q * init[base + "_scale"].astype(F32)
        for node in model.graph.node:
            if node.op_type == "MatMulInteger":
                module = node.name.strip("/").rsplit("/", 1)[0].replace("/", ".")
                base = node.input[1][: -len("_quantized")]
                self.linear[module] = (init[base + "_quantized"].astype(np.int64),
                                       init[base + "_zero_point"].astype(np.int64),
                                       init[base + "_scale"].astype(np.float32))
        self.layers = len({m.split(".")[3] for m in self.linear if m.startswith("encoder.encoder.layer.")})
        self.heads = 12

    def _dense(self, module: str, x: np.ndarray) -> np.ndarray:
        q, zp, scale = self.linear[module]
        xq, xs, xzp = _quantize(x)
        acc = (xq - xzp) @ (q - zp)  # exact: int64
        out = acc.astype(F32) * (F32(xs) * scale)
        return (out + self.params[module + ".bias"]).astype(F32)

    def logits(self, ids: list[int]) -> np.ndarray:
        p = self.params
        n = len(ids)
        h = (p["encoder.embeddings.word_embeddings.weight"][ids] + p["encoder.embeddings.position_embeddings.weight"][:n]
             + p["encoder.embeddings.token_type_embeddings.weight"][0])
        h = _layer_norm(h, p["encoder.embeddings.LayerNorm.weight"], p["encoder.embeddings.LayerNorm.bias"])
        width = h.shape[-1]
        d = width // self.heads
        for i in range(self.layers):
            pre = f"encoder.encoder.layer.{i}."
            q, k, v = (self._dense(pre + f"attention.self.{m}", h).reshape(n, self.heads, d).transpose(1, 0, 2)
                       for m in ("query", "key", "value"))
            scores = (q @ k.transpose(0, 2, 1)) * F32(1 / math.sqrt(d))
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            ctx = ((scores / scores.sum(-1, keepdims=True)) @ v).astype(F32)
            a = self._dense(pre + "attention.output.dense", ctx.transpose(1, 0, 2).reshape(n, width))
            h = _layer_norm(a + h, p[pre + "attention.output.LayerNorm.weight"], p[pre + "attention.output.LayerNorm.bias"])
            f = self._dense(pre + "intermediate.dense", h)
            f = (f * (F32(1.0) + _erf(f / F32(math.sqrt(2.0)))) * F32(0.5)).astype(F32)
            f = self._dense(pre + "output.dense", f)
            h = _layer_norm(f + h, p[pre + "output.LayerNorm.weight"], p[pre + "output.LayerNorm.bias"])
        return self._dense("head", h)
