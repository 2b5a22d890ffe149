"""Check curated glossary files before they are committed: schema, scripts, pinyin, clashes, wording.

    python scripts/check_glossary.py [FILE.toml …]     # default: every file in glossary/data
    python scripts/check_glossary.py --pinyin 词语 …   # the annotator's reading of some words

Exit 1 when any problem is found; each problem names the entry id.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.loader import DATA_DIR, GlossaryError, data_files, read_file, validate_entries  # noqa: E402
from glossary.quality import (  # noqa: E402
    article_talk,
    form_clashes,
    pinyin_disagreement,
    read_overrides,
    script_problem,
)
from reader.core.convert import default_converter  # noqa: E402
from reader.core.pinyin import reading_line  # noqa: E402




def s2t(text: str) -> str:
    return default_converter().convert(text, "zhushi-s2t").text


def t2s(text: str) -> str:
    return default_converter().convert(text, "t2s").text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check curated glossary files (see the module docstring).")
    parser.add_argument("files", nargs="*", type=Path, help="TOML files to check (default: all of glossary/data)")
    parser.add_argument("--pinyin", nargs="+", metavar="WORD", help="print the annotator's reading of each word and exit")
    args = parser.parse_args(argv)
    if args.pinyin:
        for word in args.pinyin:
            print(f"{word}\t{reading_line(word)}\ts2t={s2t(word)}\tt2s={t2s(word)}")
        return 0
    targets = [p.resolve() for p in args.files] or data_files(DATA_DIR)
    everything = []
    mine: set[str] = set()
    problems: list[str] = []
    for path in sorted(set(data_files(DATA_DIR)) | set(targets)):
        try:
            entries = read_file(path)
        except GlossaryError as exc:
            problems.append(str(exc))
            continue
        everything.extend(entries)
        if path in targets:
            mine.update(e.id for e in entries)
    overrides = read_overrides()
    for problem in validate_entries(everything):
        if problem.split(":", 1)[0] in mine:
            problems.append(problem)
    for entry in everything:
        if entry.id not in mine:
            continue
        for check in (
            article_talk(entry) and f"talks about one article: {article_talk(entry)!r}",
            script_problem(entry, s2t, t2s),
            pinyin_disagreement(entry, reading_line, overrides),
        ):
            if check:
                problems.append(f"{entry.id}: {check}")
    for clash in form_clashes(everything):
        if any(part in mine for part in clash.replace(" and ", " ").split()[:2]):
            problems.append(clash)
    for problem in problems:
        print(problem)
    print(f"{len(mine)} entries checked, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
