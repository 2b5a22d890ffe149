"""Annotating 1M characters (conversion, pinyin, term spans) against plain pypinyin.lazy_pinyin, same run."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypinyin import lazy_pinyin  # noqa: E402

from bench.common import article_text, million_text, report, timed  # noqa: E402
from glossary.loader import load_curated  # noqa: E402
from glossary.store import GlossaryStore  # noqa: E402
from reader.core.annotate import DocumentAnnotator  # noqa: E402
from reader.core.convert import Script, ScriptConverter  # noqa: E402
from reader.core.loader import document_from_text  # noqa: E402
from reader.core.pinyin import PinyinAnnotator  # noqa: E402


def main() -> None:
    text = million_text()
    document = document_from_text(text, title="bench")
    matcher = GlossaryStore(load_curated()).matcher()
    lazy_pinyin("預熱")
    warm = DocumentAnnotator(matcher, ScriptConverter(cache_size=0), PinyinAnnotator())
    warm.annotate(document_from_text(article_text()), Script.TRADITIONAL)  # load dictionaries and models

    print(f"text: {len(text):,} characters (the bundled article repeated), {len(document.blocks):,} blocks")
    # This machine's speed drifts by a third within minutes: each view is timed between two runs of the
    # baseline, and compared with their mean, so that a drift between them moves both sides alike.
    before, _ = timed(lambda: lazy_pinyin(text))
    for script in (Script.ORIGINAL, Script.TRADITIONAL, Script.SIMPLIFIED):
        # a fresh annotator with no conversion cache, so repeated paragraphs are not free
        annotator = DocumentAnnotator(matcher, ScriptConverter(cache_size=0), warm._pinyin)  # noqa: SLF001
        seconds, annotation = timed(lambda a=annotator, s=script: a.annotate(document, s))
        assert len(annotation.blocks) == len(document.blocks)
        after, _ = timed(lambda: lazy_pinyin(text))
        report(f"annotate 1M chars, {script} view", seconds, "lazy_pinyin", (before + after) / 2, target=1.5)
        before = after

    article = document_from_text(article_text())
    annotator = DocumentAnnotator(matcher, ScriptConverter(cache_size=0), warm._pinyin)  # noqa: SLF001
    seconds, _ = timed(lambda: DocumentAnnotator(matcher, ScriptConverter(cache_size=0), warm._pinyin).annotate(article, Script.TRADITIONAL), repeat=5)  # noqa: SLF001
    small_base, _ = timed(lambda: lazy_pinyin(article.text), repeat=5)
    report("bundled article, warm (target < 0.1 s)", seconds, "lazy_pinyin", small_base)
    del annotator


if __name__ == "__main__":
    main()
