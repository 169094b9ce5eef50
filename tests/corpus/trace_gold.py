"""A gold set for statements across outlets: fictional articles from five outlets, hand-labelled.

Every attribution carries a gold label: attributions with one label report the same statement
(``None``: a statement of its own). ``ALTERED`` lists the attributions whose quoted words differ from
the first quotation of their statement. The set holds faithful relays (one naming the outlet it
relays), quotes with words changed, added or dropped, a quotation cut before its qualifier, the same
indirect content in other words around it, the same words credited to another speaker, and
unrelated statements that share words ("The economy is strong …" / "The economy is weak …"); and
two cases it gets wrong on purpose: a paraphrase that shares no run of words, and opposite claims
that share six words in a row ("The new stadium will cost taxpayers nothing" / "… millions").
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

from reportedly.corpus import Store
from reportedly.document import Attribution, Document, Metadata, Source

from .sample import at

# (outlet, date, title, body, [(att id, gold label, source, entity, kind, cue, content, via)])
ARTICLES: list[tuple[str, str, str, str, list[tuple]]] = [
    ("Daily Meridian", "2024-03-01", "Mayor promises full audit",
     "Mayor Elena Duarte said on Friday: \"We will publish the audit in full before the end of the month.\"\n\n"
     "Duarte said the city would hire forty new firefighters by the summer.\n\n"
     "Police Chief Omar Reyes said: \"The bridge will reopen on Monday, but only for buses.\"\n\n"
     "\"The economy is strong and jobs are coming back to the valley,\" Duarte told reporters.",
     [("m1", "audit", "Mayor Elena Duarte", "Elena Duarte", "person", "said", "\"We will publish the audit in full before the end of the month.\"", None),
      ("m2", "firefighters", "Duarte", "Elena Duarte", "person", "said", "the city would hire forty new firefighters by the summer", None),
      ("m3", "bridge", "Police Chief Omar Reyes", "Omar Reyes", "person", "said", "\"The bridge will reopen on Monday, but only for buses.\"", None),
      ("m4", "economy-strong", "Duarte", "Elena Duarte", "person", "told reporters", "\"The economy is strong and jobs are coming back to the valley,\"", None)]),
    ("Harbor Post", "2024-03-02", "Audit coming, mayor says",
     "The Daily Meridian reported that Mayor Elena Duarte said \"We will publish the audit in full before the end of the month.\"\n\n"
     "Senator Ana Whitfield said: \"This budget is a disgrace to every family in the valley.\"\n\n"
     "Governor Paul Hendricks said: \"Our schools need teachers more than they need new buildings.\"\n\n"
     "\"The economy is weak and jobs are leaving the valley,\" Whitfield said.",
     [("h1", "audit", "The Daily Meridian", "The Daily Meridian", "outlet", "reported",
       "Mayor Elena Duarte said \"We will publish the audit in full before the end of the month.\"", None),
      ("h2", "audit", "Mayor Elena Duarte", "Elena Duarte", "person", "said", "\"We will publish the audit in full before the end of the month.\"", "h1"),
      ("h3", "budget", "Senator Ana Whitfield", "Ana Whitfield", "person", "said", "\"This budget is a disgrace to every family in the valley.\"", None),
      ("h4", "schools", "Governor Paul Hendricks", "Paul Hendricks", "person", "said", "\"Our schools need teachers more than they need new buildings.\"", None),
      ("h5", "economy-weak", "Whitfield", "Ana Whitfield", "person", "said", "\"The economy is weak and jobs are leaving the valley,\"", None)]),
    ("Valley Courier", "2024-03-03", "Audit before month's end",
     "Mayor Elena Duarte said: \"We will publish the audit before the end of the month.\"\n\n"
     "Mayor Duarte said that the city would hire forty new firefighters by summer, a promise her rivals doubt.\n\n"
     "Chief Omar Reyes said: \"The bridge will reopen on Monday.\"\n\n"
     "The council will vote on the stadium plan next week, clerk Dana Moss said.",
     [("c1", "audit", "Mayor Elena Duarte", "Elena Duarte", "person", "said", "\"We will publish the audit before the end of the month.\"", None),
      ("c2", "firefighters", "Mayor Duarte", "Elena Duarte", "person", "said", "the city would hire forty new firefighters by summer", None),
      ("c3", "bridge", "Chief Omar Reyes", "Omar Reyes", "person", "said", "\"The bridge will reopen on Monday.\"", None),
      ("c4", None, "clerk Dana Moss", "Dana Moss", "person", "said", "The council will vote on the stadium plan next week", None)]),
    ("Northern Wire", "2024-03-04", "Senator attacks budget",
     "According to the Harbor Post, Senator Ana Whitfield said: \"This budget is a disaster for every family in the valley.\"\n\n"
     "Deputy Governor Lisa Tran said: \"Our schools need teachers more than they need new buildings.\"\n\n"
     "Councillor Ivan Petrov said the council will not support the stadium plan.\n\n"
     "Reyes said: \"Traffic on the eastern road will be heavy for weeks to come.\"",
     [("w1", "budget", "the Harbor Post", "Harbor Post", "outlet", "According to",
       "Senator Ana Whitfield said: \"This budget is a disaster for every family in the valley.\"", None),
      ("w2", "budget", "Senator Ana Whitfield", "Ana Whitfield", "person", "said", "\"This budget is a disaster for every family in the valley.\"", "w1"),
      ("w3", "schools", "Deputy Governor Lisa Tran", "Lisa Tran", "person", "said", "\"Our schools need teachers more than they need new buildings.\"", None),
      ("w4", None, "Councillor Ivan Petrov", "Ivan Petrov", "person", "said", "the council will not support the stadium plan", None),
      ("w5", None, "Reyes", "Omar Reyes", "person", "said", "\"Traffic on the eastern road will be heavy for weeks to come.\"", None)]),
    ("The Civic Ledger", "2024-03-05", "What the mayor promised",
     "Elena Duarte promised: \"We will publish the whole audit in full before the end of this month.\"\n\n"
     "Governor Paul Hendricks said: \"Our schools need teachers far more than they need new buildings.\"\n\n"
     "The bridge will reopen on Monday, but only for buses, Reyes said.\n\n"
     "Hendricks said the state would sell the old armoury to pay for the new library.",
     [("l1", "audit", "Elena Duarte", "Elena Duarte", "person", "promised", "\"We will publish the whole audit in full before the end of this month.\"", None),
      ("l2", "schools", "Governor Paul Hendricks", "Paul Hendricks", "person", "said", "\"Our schools need teachers far more than they need new buildings.\"", None),
      ("l3", "bridge", "Reyes", "Omar Reyes", "person", "said", "The bridge will reopen on Monday, but only for buses", None),
      ("l4", None, "Hendricks", "Paul Hendricks", "person", "said", "the state would sell the old armoury to pay for the new library", None)]),
    # hard cases, kept to show the limits: the same promise in other words (missed), and opposite
    # claims that share a long run of words (put together)
    ("Coastal Herald", "2024-03-06", "Firefighters and a stadium",
     "Mayor Elena Duarte said the city plans to recruit 40 more firefighters before summer.\n\n"
     "Developer Hugo Lind said: \"The new stadium will cost taxpayers nothing at all.\"",
     [("x1", "firefighters", "Mayor Elena Duarte", "Elena Duarte", "person", "said", "the city plans to recruit 40 more firefighters before summer", None),
      ("x2", "stadium-free", "Developer Hugo Lind", "Hugo Lind", "person", "said", "\"The new stadium will cost taxpayers nothing at all.\"", None)]),
    ("Lakeside Times", "2024-03-07", "Stadium row",
     "Councillor Ivan Petrov said: \"The new stadium will cost taxpayers millions every single year.\"\n\n"
     "Lind said the new stadium would cost taxpayers nothing at all.",
     [("y1", None, "Councillor Ivan Petrov", "Ivan Petrov", "person", "said", "\"The new stadium will cost taxpayers millions every single year.\"", None),
      ("y2", "stadium-free", "Lind", "Hugo Lind", "person", "said", "the new stadium would cost taxpayers nothing at all", None)]),
]

#: Attributions whose quoted words differ from the first quotation of their statement: a qualifier
#: dropped inside ("in full"), words changed ("disgrace to" → "disaster for"), a quotation cut
#: before "but only for buses", words added ("whole", "this"; "far").
ALTERED = {("Valley Courier", "c1"), ("Northern Wire", "w1"), ("Northern Wire", "w2"), ("Valley Courier", "c3"),
           ("The Civic Ledger", "l1"), ("The Civic Ledger", "l2")}


def document(outlet: str, date: str, title: str, body: str, atts: list[tuple]) -> Document:
    text = f"{title}\n\n{body}"
    slug = outlet.lower().replace(" ", "-")
    doc = Document(text, input=f"{slug}.txt", meta=Metadata(title=title, date=date, sitename=outlet))
    doc.add_span("title", 0, len(title))
    pos = len(title) + 2
    for para in body.split("\n\n"):
        doc.add_span("paragraph", pos, pos + len(para))
        pos += len(para) + 2
    doc.record("structure", "gold")
    doc.record("attribution", "gold")
    taken: dict[str, int] = {}
    for att_id, _label, source, entity, kind, cue, content, via in atts:
        spans = {}
        for role, needle in (("source", source), ("cue", cue), ("content", content)):
            start = text.index(needle, taken.get(role + needle, len(title)))
            spans[role] = (start, start + len(needle))
        doc.add_attribution(Attribution(
            id=att_id, source=Source(spans=[spans["source"]], entity=entity, kind=kind), cue=[spans["cue"]],
            content=[spans["content"]], kind="direct" if content.startswith('"') else "indirect", via=via))
    return doc


def documents() -> list[Document]:
    return [document(*a) for a in ARTICLES]


def build(path: str | Path) -> Path:
    with Store(path) as store:
        for d in documents():
            store.add(d)
        store.refresh_speakers()
    return Path(path)


def gold_labels() -> dict[tuple[str, str], str | None]:
    return {(outlet, a[0]): a[1] for outlet, _d, _t, _b, atts in ARTICLES for a in atts}


def scores(store: Store) -> dict[str, Any]:
    """Pairwise precision/recall of statement membership (pairs of attributions in different
    documents) and precision/recall of ``altered`` over the attributions of gold statements."""
    labels = gold_labels()
    predicted: dict[tuple[str, str], int | None] = {k: None for k in labels}
    altered: set[tuple[str, str]] = set()
    for r in store.conn.execute(
            "SELECT d.outlet, a.att_id, m.statement_id, m.altered FROM statement_members m"
            " JOIN attributions a ON a.rowid = m.att_rowid JOIN documents d ON d.rowid = m.doc_rowid"):
        predicted[(r[0], r[1])] = r[2]
        if r[3]:
            altered.add((r[0], r[1]))
    keys = sorted(labels)
    gold_pairs, pred_pairs = set(), set()
    for x, y in combinations(keys, 2):
        if x[0] == y[0]:
            continue  # within one document: not a question of tracing
        if labels[x] is not None and labels[x] == labels[y]:
            gold_pairs.add((x, y))
        if predicted[x] is not None and predicted[x] == predicted[y]:
            pred_pairs.add((x, y))
    tp = len(gold_pairs & pred_pairs)
    in_gold = {k for k in keys if labels[k] is not None}
    atp = len(altered & ALTERED)
    return {
        "pairs": len(gold_pairs), "predicted_pairs": len(pred_pairs),
        "precision": tp / len(pred_pairs) if pred_pairs else 1.0, "recall": tp / len(gold_pairs) if gold_pairs else 1.0,
        "altered_precision": atp / len(altered & in_gold) if altered & in_gold else 1.0,
        "altered_recall": atp / len(ALTERED) if ALTERED else 1.0,
        "false_pairs": sorted(pred_pairs - gold_pairs), "missed_pairs": sorted(gold_pairs - pred_pairs),
        "altered_wrong": sorted((altered & in_gold) - ALTERED), "altered_missed": sorted(ALTERED - altered),
    }


__all__ = ["ALTERED", "ARTICLES", "at", "build", "documents", "gold_labels", "scores"]
