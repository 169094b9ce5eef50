"""Build ``crawl.warc.gz``: a small WARC with two HTML response records (and a request between them).

Run from anywhere: ``python examples/make_warc.py``. The records are written with FastWARC; each is
compressed as its own gzip member (as crawlers do), with fixed dates and record ids so that the
output is the same byte for byte on every run.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from fastwarc.warc import WarcRecord, WarcRecordType

HERE = Path(__file__).resolve().parent

PAGES = [
    (
        "https://valleyherald.example/2025/06/02/orchard-frost",
        "2025-06-02T07:30:00Z",
        "4b0f3c2e-1a6d-4f7e-9b1a-000000000001",
        """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Late frost wipes out half of Ashdown cherry harvest - Valley Herald</title>
<meta name="description" content="Growers in the Ashdown valley say two nights below freezing in May destroyed blossoms across hundreds of hectares.">
<meta property="article:published_time" content="2025-06-02T06:45:00+00:00">
<meta name="author" content="Rhys Tallant">
</head><body>
<nav><a href="/">Home</a> <a href="/farming">Farming</a> <a href="/weather">Weather</a></nav>
<article>
<h1>Late frost wipes out half of Ashdown cherry harvest</h1>
<p>Growers in the Ashdown valley say two nights below freezing in May destroyed blossoms across hundreds of hectares.</p>
<p>Cherry growers in the Ashdown valley expect to pick less than half of last year's crop after an unusually late frost, the regional growers' cooperative said on Monday.</p>
<p>"I have farmed here for thirty years and never seen blossom turn black in the middle of May," said orchard owner Mirela Oakhurst, whose family grows cherries on forty hectares above the village of Tunstead.</p>
<p>According to the cooperative, temperatures fell to minus three degrees on the nights of 14 and 15 May. Frost fans and sprinklers saved some orchards on the valley floor, but growers on higher ground were reportedly hit hardest.</p>
<p>An official at the agriculture ministry, speaking on condition of anonymity, said the government was considering emergency support for the affected farms.</p>
</article>
<footer>&copy; 2025 Valley Herald</footer>
</body></html>
""",
    ),
    (
        "https://valleyherald.example/2025/06/03/tram-line-vote",
        "2025-06-03T18:05:00Z",
        "4b0f3c2e-1a6d-4f7e-9b1a-000000000002",
        """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kessford council backs eastern tram extension - Valley Herald</title>
<meta property="article:published_time" content="2025-06-03T17:20:00+00:00">
<meta name="author" content="Ana Whitlow">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article>
<h1>Kessford council backs eastern tram extension</h1>
<p>Kessford city council voted 31 to 12 on Tuesday to extend the tram line to the eastern districts, ending a debate that has run for almost a decade.</p>
<p>"This is the day the east side stops being an afterthought," council leader Dorian Pell told the chamber after the vote.</p>
<p>Opposition councillors argued that the 180 million euro budget was unrealistic. Councillor Hattie Marsh said the cost would rise by at least a quarter once construction began, citing an internal review that the council has not published.</p>
<p>The regional broadcaster KVT reported last month, citing sources in the transport department, that the national government is prepared to fund up to 40 percent of the project.</p>
</article>
<footer>&copy; 2025 Valley Herald</footer>
</body></html>
""",
    ),
]


def _record(record_type: WarcRecordType, record_id: str, url: str, date: str, block: bytes,
            content_type: str) -> bytes:
    rec = WarcRecord()
    rec.init_headers(record_type=record_type, record_urn=f"uuid:{record_id}".encode())
    rec.headers["WARC-Date"] = date
    rec.headers["WARC-Target-URI"] = url
    rec.headers["Content-Type"] = content_type
    rec.set_bytes_content(block)
    buf = io.BytesIO()
    rec.write(buf, checksum_data=True)
    return buf.getvalue()


def build() -> bytes:
    out = io.BytesIO()
    for url, date, record_id, html in PAGES:
        body = html.encode("utf-8")
        host = url.split("/")[2]
        path = "/" + url.split("/", 3)[3]
        request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: example-crawler/1.0\r\n\r\n".encode()
        response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        req_id = record_id[:-4] + "1" + record_id[-3:]
        for rtype, rid, block, ctype in (
            (WarcRecordType.request, req_id, request, "application/http; msgtype=request"),
            (WarcRecordType.response, record_id, response, "application/http; msgtype=response"),
        ):
            # one gzip member per record, with a fixed timestamp so the file is reproducible
            out.write(gzip.compress(_record(rtype, rid, url, date, block, ctype), mtime=0))
    return out.getvalue()


if __name__ == "__main__":
    target = HERE / "crawl.warc.gz"
    target.write_bytes(build())
    print(f"wrote {target} ({target.stat().st_size} bytes)")
