"""The packaged taggers against references computed without onnxruntime's kernels.

Two checks. (1) Every quantised weight matrix of both taggers, multiplied by onnxruntime's integer
kernel with the activations that stress it most (all 255, and random), gives exactly the int64
product numpy computes: no pair of u8 x s8 products saturates on this processor, whatever its
instruction set. 8-bit weights fail this on x86-64 without VNNI. (2) The whole tagger, recomputed
in numpy by :mod:`.reference_tagger`, gives onnxruntime's tags: the scores agree up to the shift
that a last-bit float difference causes when it moves an activation across a quantisation step.
"""

from __future__ import annotations

import numpy as np
import pytest

from reportedly.attribution.tagger import CLS_ID, PACKAGED_MODELS, ROLE_TAGS, ROLES, SEP_ID, Tagger

from .reference_tagger import ReferenceTagger

SENTENCES = [
    "The ministry said on Monday that talks had stalled, according to two officials.",
    "“We will not give up,” said Ilse Brandvold, the union secretary, who spoke to reporters on Thursday.",
    "Officials are said to disagree. A move made to preserve the lives of Russian soldiers, he added.",
]


def _weights(model_dir):
    onnx = pytest.importorskip("onnx")
    from onnx import numpy_helper

    model = onnx.load(str(model_dir / "model.onnx"))
    init = {i.name: i for i in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "MatMulInteger":
            yield node.name, numpy_helper.to_array(init[node.input[1]]), numpy_helper.to_array(init[node.input[3]])


def _integer_session(weight: np.ndarray, zero_point: np.ndarray):
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["a", "w", "a_zp", "w_zp"], ["y"])], "one_product",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, ["m", weight.shape[0]]),
         helper.make_tensor_value_info("a_zp", TensorProto.UINT8, [])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, ["m", weight.shape[1]])],
        [numpy_helper.from_array(weight, "w"), numpy_helper.from_array(zero_point, "w_zp")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])


@pytest.mark.parametrize("name", sorted(PACKAGED_MODELS))
def test_integer_products_are_exact(name: str) -> None:
    rng = np.random.default_rng(19)
    found = 0
    for node, weight, zero_point in _weights(PACKAGED_MODELS[name]):
        assert weight.min() >= -64 and weight.max() <= 64, node  # 255 * 64 * 2 < 32,767
        session = _integer_session(weight, zero_point)
        a = np.concatenate([np.full((2, weight.shape[0]), 255, np.uint8),
                            rng.integers(0, 256, (6, weight.shape[0]), dtype=np.uint8)])
        for zp in (0, 128):
            got = session.run(None, {"a": a, "a_zp": np.array(zp, np.uint8)})[0]
            want = (a.astype(np.int64) - zp) @ (weight.astype(np.int64) - zero_point.astype(np.int64))
            assert (got == want).all(), (node, zp)
        found += 1
    assert found >= 19  # three layers at least: six products each, and the head


@pytest.mark.parametrize("name", sorted(PACKAGED_MODELS))
def test_tags_match_a_numpy_reference(name: str) -> None:
    model_dir = PACKAGED_MODELS[name]
    tagger = Tagger.load(model_dir, threads=1)
    reference = ReferenceTagger(model_dir / "model.onnx")
    cols = np.cumsum([0, *(len(ROLE_TAGS[r]) for r in ROLES)])
    for sentence in SENTENCES:
        ids = [CLS_ID, *tagger.tokenizer.encode(sentence, add_special_tokens=False).ids, SEP_ID]
        x = np.array([ids], dtype=np.int64)
        got = tagger.session.run(None, {"input_ids": x, "attention_mask": np.ones_like(x)})[0][0]
        want = reference.logits(ids)
        assert np.abs(got - want).mean() < 0.05, (name, sentence)
        for k in range(len(ROLES)):
            g, w = got[1:-1, cols[k]:cols[k + 1]], want[1:-1, cols[k]:cols[k + 1]]
            margin = np.sort(w, axis=1)[:, -1] - np.sort(w, axis=1)[:, -2]
            clear = margin > 0.5  # a tag the reference does not leave to a near tie
            assert (g.argmax(1)[clear] == w.argmax(1)[clear]).all(), (name, sentence, ROLES[k])
