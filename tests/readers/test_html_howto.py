"""A how-to page: its materials list once, its steps in order, each step photo's caption kept in the
caption layer (not lost, not mixed into the body)."""

from __future__ import annotations

from reportedly.readers.html import read_html_bytes

PAGE = """
<!doctype html><html><head><title>How to build a raised garden bed | Home Projects</title>
<meta property="og:title" content="How to build a raised garden bed"></head>
<body><nav><a href="/">Home</a> <a href="/garden">Garden</a> <a href="/diy">DIY</a></nav>
<article>
<h1>How to build a raised garden bed</h1>
<p class="byline">By Dana Fields</p>
<p>A raised bed warms up sooner in spring, drains better than clay soil and saves your back. This weekend project takes about three hours and costs less than a hundred dollars in lumber.</p>
<h2>What you'll need</h2>
<ul><li>Four cedar boards, 2 by 10 inches by 8 feet</li><li>A box of 3-inch exterior screws</li><li>A drill with a driver bit</li><li>Landscape fabric</li><li>Twelve bags of garden soil</li></ul>
<h2>Step 1: Cut the boards</h2>
<figure><img src="cut.jpg" alt=""><figcaption>Mark each board at four feet and cut it on a flat surface.</figcaption></figure>
<p>Cut two of the boards in half so that you have four short sides and two long ones. Sand the cut ends so that nobody catches a splinter when weeding later in the season.</p>
<h2>Step 2: Screw the frame together</h2>
<figure><img src="frame.jpg" alt=""><figcaption>Drive three screws through each corner, staggered so the wood does not split.</figcaption></figure>
<p>Stand the boards on edge and join the corners with three screws each. Check that the frame is square by measuring both diagonals; they should be the same length.</p>
<h2>Step 3: Fill the bed</h2>
<p>Lay landscape fabric on the bottom to keep weeds out, then pour in the soil and rake it level. Water it well and wait a day before planting so that the soil settles.</p>
</article>
<aside><h3>Related projects</h3><ul><li><a href="/a">How to build a compost bin</a></li><li><a href="/b">Ten shade plants</a></li></ul></aside>
<footer>© 2024 Home Projects. All rights reserved.</footer>
</body></html>
"""


def test_a_how_to_keeps_its_list_once_its_steps_in_order_and_its_captions() -> None:
    doc = read_html_bytes(PAGE.encode("utf-8"), input="howto.html")
    body = doc.body
    assert body.count("Four cedar boards") == 1 and body.count("What you'll need") == 1
    steps = [body.find(f"Step {n}:") for n in (1, 2, 3)]
    assert -1 not in steps and steps == sorted(steps)
    assert body.rstrip().endswith("so that the soil settles.")
    captions = [doc.slice(s) for s in doc.layer("caption")]
    assert any("Mark each board at four feet" in c for c in captions)
    assert any("Drive three screws through each corner" in c for c in captions)
    for junk in ("Related projects", "compost bin", "All rights reserved"):
        assert junk not in body
    assert doc.meta.authors == ["Dana Fields"] and doc.meta.title == "How to build a raised garden bed"
