"""Containers and collections: WARC records, JSON Lines, directories, stdin."""

from __future__ import annotations

import gzip
import io
import json

from reportedly.readers import Failure, read_inputs

WARC_IDS = ("<urn:uuid:4b0f3c2e-1a6d-4f7e-9b1a-000000000001>", "<urn:uuid:4b0f3c2e-1a6d-4f7e-9b1a-000000000002>")


def test_warc_gives_one_document_per_html_response(examples) -> None:
    path = examples / "crawl.warc.gz"
    docs = list(read_inputs([str(path)]))
    assert [d.meta.record_id for d in docs] == list(WARC_IDS)
    assert [d.input for d in docs] == [f"{path}#{rid}" for rid in WARC_IDS]
    assert docs[0].meta.url == "https://valleyherald.example/2025/06/02/orchard-frost"
    assert docs[0].meta.format == "warc"
    assert docs[0].meta.title == "Late frost wipes out half of Ashdown cherry harvest"
    assert docs[0].meta.extra["crawl_date"] == "2025-06-02T07:30:00Z"
    assert "cherry growers in the ashdown valley" in docs[0].body.lower()
    assert "Kessford city council voted" in docs[1].body


def test_uncompressed_warc(examples, tmp_path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(gzip.decompress((examples / "crawl.warc.gz").read_bytes()))
    docs = list(read_inputs([str(path)]))
    assert [d.meta.record_id for d in docs] == list(WARC_IDS)


def test_truncated_warc_keeps_the_good_records(examples, tmp_path) -> None:
    data = (examples / "crawl.warc.gz").read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 300])  # inside the last record's gzip member
    items = list(read_inputs([str(path)]))
    docs = [i for i in items if not isinstance(i, Failure)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [d.meta.record_id for d in docs] == [WARC_IDS[0]]
    assert len(fails) == 1
    assert fails[0].input == str(path)
    assert "truncated" in fails[0].reason


def test_jsonl_lines(tmp_path) -> None:
    lines = [
        {"id": "a1", "text": "Plain text article.\n\nIt has two paragraphs, and it is long enough to read.",
         "title": "Given title", "date": "2025-01-02", "author": "Kim Example", "outlet_rank": 3},
        "not an object",
        {"html": "<html><body><p>The council met on Friday and approved the new budget after a long debate.</p>"
                 "<p>The vote was close, officials said.</p></body></html>", "url": "https://x.example/a"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert len(items) == 4
    first, second, third, fourth = items
    assert first.input == f"{path}#a1" and first.meta.title == "Given title"
    assert first.meta.authors == ["Kim Example"] and first.meta.date == "2025-01-02"
    assert first.meta.extra["outlet_rank"] == 3
    assert isinstance(second, Failure) and second.input == f"{path}:2"
    assert third.meta.url == "https://x.example/a" and "approved the new budget" in third.body
    assert isinstance(fourth, Failure) and fourth.input == f"{path}:4" and "invalid JSON" in fourth.reason


def test_directory_is_walked_recursively(examples, tmp_path) -> None:
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "story.txt.gz").write_bytes(gzip.compress((examples / "harbour-dispute.txt").read_bytes()))
    (tmp_path / "page.htm").write_bytes((examples / "library-reopens.html").read_bytes())
    (tmp_path / "notes.md").write_text("not read")
    (tmp_path / ".hidden.txt").write_text("not read")
    docs = list(read_inputs([str(tmp_path)]))
    assert sorted(d.input for d in docs) == sorted([str(sub / "story.txt.gz"), str(tmp_path / "page.htm")])
    assert all(not isinstance(d, Failure) for d in docs)


def test_empty_directory_fails(tmp_path) -> None:
    (fail,) = list(read_inputs([str(tmp_path)]))
    assert isinstance(fail, Failure) and "no readable files" in fail.reason


def test_stdin(examples) -> None:
    data = (examples / "harbour-dispute.txt").read_bytes()
    (doc,) = list(read_inputs(["-"], stdin=io.BytesIO(gzip.compress(data))))
    assert doc.input == "-"
    assert doc.text == data.decode("utf-8")


def test_cut_uncompressed_warc_names_the_record(examples, tmp_path) -> None:
    data = gzip.decompress((examples / "crawl.warc.gz").read_bytes())
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 400])
    items = list(read_inputs([str(path)]))
    assert [d.meta.record_id for d in items if not isinstance(d, Failure)] == [WARC_IDS[0]]
    (fail,) = [i for i in items if isinstance(i, Failure)]
    assert fail.input == f"{path}#{WARC_IDS[1]}" and "truncated record" in fail.reason


def test_truncated_gzip_text(examples, tmp_path) -> None:
    data = gzip.compress((examples / "harbour-dispute.txt").read_bytes() * 20)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    (fail,) = list(read_inputs([str(path)]))
    assert isinstance(fail, Failure) and "truncated gzip" in fail.reason


def test_pipe_is_read_as_a_stream(examples, tmp_path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = (examples / "harbour-dispute.txt").read_bytes()

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(data)

    t = threading.Thread(target=feed)
    t.start()
    (doc,) = list(read_inputs([str(fifo)]))
    t.join()
    assert doc.text == data.decode("utf-8")
