"""The labelled hit contexts (tests/glossary/data/contexts.tsv): sentences of our own making, modelled on
Mainland, Taiwan and Hong Kong writing, each with one place that is a glossary term (hit) or only looks
like one (traps: inside a longer word, a longer numbered name, an everyday sense, another region's sense).

The file is split in two by a hash of the sentence: the rules were tuned on the "dev" half only; the
"held" half measures them. The floors below are today's figures (see the closing note of issue 10):
they catch a regression; the goal (98% precision) is not reached yet."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from glossary.dictionary import Dictionary
from glossary.loader import load_curated
from glossary.matcher import GlossaryMatcher
from glossary.store import GlossaryStore

DATA = Path(__file__).resolve().parent / "data" / "contexts.tsv"
ROWS = list(csv.DictReader(DATA.open(encoding="utf-8"), delimiter="\t"))
# A second set, written in December 2026 by a helper from real usage of 400 entries picked at random
# (130 rows; traps mostly of everyday senses and names inside longer names): harder than the first.
DATA_2 = Path(__file__).resolve().parent / "data" / "contexts-2026-12.tsv"
ROWS_2 = list(csv.DictReader(DATA_2.open(encoding="utf-8"), delimiter="\t"))
# A third set, written on 2026-12-02 by two helpers who did not run the matcher, for 600 entries picked at
# random among those the first two sets do not use (302 rows, half of them traps, many of another region's
# or country's thing). Only its first helper's dev half was looked at (four senses and the local-body rule
# came from it); its held half measures the matcher on traps it was not tuned for.
DATA_3 = Path(__file__).resolve().parent / "data" / "contexts-2026-12b.tsv"
ROWS_3 = list(csv.DictReader(DATA_3.open(encoding="utf-8"), delimiter="\t"))
# A fourth set, written on 2026-12-03 by a helper who did not run the matcher, for 450 entries picked at random
# among those the first three sets do not use (318 rows, 133 traps). Two labels were corrected by hand after
# the dev half was read: a Taiwan 直轄市 and 審計長 in Taiwan text were labelled traps for the Macau entries,
# though the glossary's own Taiwan entries are right there. Eleven senses and the 外国实体 rule came from the
# dev half; the held half measures them.
DATA_4 = Path(__file__).resolve().parent / "data" / "contexts-2026-12c.tsv"
ROWS_4 = list(csv.DictReader(DATA_4.open(encoding="utf-8"), delimiter="\t"))
# A fifth set, written later on 2026-12-03 the same way for 450 other entries (328 rows, 141 traps), after the
# rules above; its dev half gave three senses, the local-regulation-and-meeting rule and one dropped variant.
DATA_5 = Path(__file__).resolve().parent / "data" / "contexts-2026-12d.tsv"
ROWS_5 = list(csv.DictReader(DATA_5.open(encoding="utf-8"), delimiter="\t"))
# A sixth set, written at the end of 2026-12-03 the same way for 450 other entries (317 rows, 134 traps), after
# all of that day's rules; no rule came from it (one tried on its dev half lost held-out hits elsewhere).
DATA_6 = Path(__file__).resolve().parent / "data" / "contexts-2026-12e.tsv"
ROWS_6 = list(csv.DictReader(DATA_6.open(encoding="utf-8"), delimiter="\t"))

# A seventh set, written at the start of 2026-12-03's seventh session the same way for 450 other entries (324
# rows, 94 traps: fewer than asked, as the helper wrote only traps a real writer would); one sentence that held
# its target twice was reworded. Its dev half gave three rules (a term before a newspaper's or school's name, a
# firm's own department, another body's numbered congress); held half 87.2% / 99.1% before and after them.
DATA_7 = Path(__file__).resolve().parent / "data" / "contexts-2026-12f.tsv"
ROWS_7 = list(csv.DictReader(DATA_7.open(encoding="utf-8"), delimiter="\t"))


def half(row: dict[str, str]) -> str:
    return "dev" if int(hashlib.sha1(row["text"].encode("utf-8")).hexdigest(), 16) % 2 == 0 else "held"


def judge(matcher: GlossaryMatcher, row: dict[str, str]) -> str:
    start = row["text"].index(row["target"])
    end = start + len(row["target"])
    marks = [m for m in matcher.find(row["text"], row["region"]) if not m.weak and m.start < end and start < m.end]
    # a longer term that contains the place (央行理監事會 around 央行) is a different, correct note there
    longer = [m for m in marks if m.start <= start and end <= m.end and (m.start, m.end) != (start, end)]
    if row["kind"] == "hit":
        if any(m.start == start and m.end == end and m.entry.id == row["expected"] for m in marks) or (longer and len(longer) == len(marks)):
            return "tp"
        return "fp" if marks else "fn"
    return "fp" if len(marks) > len(longer) else "tn"


def scores(matcher: GlossaryMatcher, part: str, rows: list[dict[str, str]] = ROWS) -> tuple[float, float]:
    counts = Counter(judge(matcher, r) for r in rows if part in ("all", half(r)))
    hits = sum(1 for r in rows if r["kind"] == "hit" and part in ("all", half(r)))
    return counts["tp"] / (counts["tp"] + counts["fp"]), counts["tp"] / hits


@pytest.fixture(scope="module")
def matchers(dictionary: Dictionary) -> tuple[GlossaryMatcher, GlossaryMatcher]:
    entries = load_curated()
    return GlossaryStore(entries, dictionary=dictionary).matcher(), GlossaryMatcher(entries)


def test_the_set_is_large_and_well_formed() -> None:
    ids = {e.id for e in load_curated()}
    kinds = Counter(r["kind"] for r in ROWS)
    assert len(ROWS) >= 300 and sum(v for k, v in kinds.items() if k.startswith("trap")) >= 80
    assert {r["region"] for r in ROWS} >= {"mainland", "taiwan", "hong-kong"}
    for row in ROWS:
        assert row["text"].count(row["target"]) == 1, row
        assert row["expected"] == "none" or row["expected"] in ids, row


def test_context_rules_raise_precision_without_losing_recall_on_the_held_half(matchers) -> None:  # type: ignore[no-untyped-def]
    context, plain = matchers
    precision, recall = scores(context, "held")
    plain_precision, plain_recall = scores(plain, "held")
    assert precision >= 0.955 and precision > plain_precision + 0.10
    assert recall >= 0.98 and recall >= plain_recall - 0.015


def test_both_sets_together_on_the_held_half(matchers) -> None:  # type: ignore[no-untyped-def]
    """The first set and the December 2026 one together (781 rows): the held half's figures when the second
    set came in were 95.1% precision, 98.2% recall; 96.5% / 98.2% since the rules of 2026-12-03 (slogans
    outside public affairs, a common word across a term's start), against the plain matcher's."""
    context, plain = matchers
    rows = ROWS + ROWS_2
    ids = {e.id for e in load_curated()}
    for row in ROWS_2:
        assert row["text"].count(row["target"]) == 1, row
        assert row["expected"] == "none" or row["expected"] in ids, row
    precision, recall = scores(context, "held", rows)
    plain_precision, _ = scores(plain, "held", rows)
    assert precision >= 0.96 and precision > plain_precision + 0.10
    assert recall >= 0.98


def test_each_kind_of_trap_is_mostly_avoided(matchers) -> None:  # type: ignore[no-untyped-def]
    context, _ = matchers
    for kind, floor in (("trap-inside", 0.9), ("trap-numbered", 0.85), ("trap-everyday", 0.85), ("trap-region", 0.9)):
        rows = [r for r in ROWS if r["kind"] == kind]
        avoided = sum(judge(context, r) == "tn" for r in rows) / len(rows)
        assert avoided >= floor, (kind, avoided)  # the plain matcher avoids 8%, 30%, 0% and 5%


def test_the_third_set_on_its_held_half(matchers) -> None:  # type: ignore[no-untyped-def]
    """The held half's figures when the third set came in (74.3% precision, 98.7% recall; the plain matcher
    52.3%), 75.7% / 98.7% since the rules of 2026-12-03 (taken from the dev half): far from the 98% goal on a
    set this rich in traps, and a floor against regressions."""
    context, plain = matchers
    ids = {e.id for e in load_curated()}
    kinds = {"hit", "trap-everyday", "trap-inside", "trap-numbered", "trap-region"}
    for row in ROWS_3:
        assert row["text"].count(row["target"]) == 1, row
        assert row["expected"] == "none" or row["expected"] in ids, row
        assert row["kind"] in kinds, row
    precision, recall = scores(context, "held", ROWS_3)
    plain_precision, _ = scores(plain, "held", ROWS_3)
    assert precision >= 0.75 and precision > plain_precision + 0.15
    assert recall >= 0.97


# The later sets of 2026-12-03, each written for 450 entries picked at random by a helper who did not run the
# matcher. Held-half figures (precision / recall), rules of 2026-12-02 -> rules of 2026-12-03:
# fourth 76.6 / 95.3 -> 82.7 / 94.2 (written before those rules); fifth 76.5 / 92.9 -> 81.0 / 96.4 (written
# after the first of them); sixth 78.0 / 94.4 -> 83.8 / 97.8 (written after all of them). Floors against
# regressions, far from the 98% goal.
LATER_SETS = [(ROWS_4, 0.82, 0.94), (ROWS_5, 0.80, 0.96), (ROWS_6, 0.83, 0.97)]


@pytest.mark.parametrize("rows, min_precision, min_recall", LATER_SETS, ids=["fourth", "fifth", "sixth"])
def test_the_later_sets_on_their_held_halves(matchers, rows: list[dict[str, str]], min_precision: float,  # type: ignore[no-untyped-def]
                                             min_recall: float) -> None:
    context, plain = matchers
    ids = {e.id for e in load_curated()}
    kinds = {"hit", "trap-everyday", "trap-inside", "trap-numbered", "trap-region"}
    assert len(rows) >= 300 and sum(r["kind"] != "hit" for r in rows) >= 100
    for row in rows:
        assert row["text"].count(row["target"]) == 1, row
        assert row["expected"] == "none" or row["expected"] in ids, row
        assert row["kind"] in kinds, row
    precision, recall = scores(context, "held", rows)
    plain_precision, _ = scores(plain, "held", rows)
    assert precision >= min_precision and precision > plain_precision + 0.1
    assert recall >= min_recall


def test_the_seventh_set_on_its_held_half(matchers) -> None:  # type: ignore[no-untyped-def]
    context, plain = matchers
    ids = {e.id for e in load_curated()}
    kinds = {"hit", "trap-everyday", "trap-inside", "trap-numbered", "trap-region"}
    assert len(ROWS_7) >= 300 and sum(r["kind"] != "hit" for r in ROWS_7) >= 90
    for row in ROWS_7:
        assert row["text"].count(row["target"]) == 1, row
        assert row["expected"] == "none" or row["expected"] in ids, row
        assert row["kind"] in kinds, row
    precision, recall = scores(context, "held", ROWS_7)
    plain_precision, _ = scores(plain, "held", ROWS_7)
    assert precision >= 0.87 and precision > plain_precision + 0.1
    assert recall >= 0.98
