"""`python -m reader` and the `zhushi` command: the reader window, or a sub-command."""

from __future__ import annotations

import argparse
import sys

from reader.cli import SUBCOMMANDS, run_subcommand


def main(argv: list[str] | None = None) -> int:
    """Entry point: `zhushi [FILE]` opens the reader; `zhushi SUBCOMMAND …` runs a tool."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in SUBCOMMANDS:
        return run_subcommand(args)
    parser = argparse.ArgumentParser(
        prog="zhushi",
        description="Zhushi 注釋: read Chinese texts with pinyin, script conversion and a bilingual glossary.",
        epilog="Sub-commands: " + ", ".join(SUBCOMMANDS) + " (zhushi SUBCOMMAND --help).",
    )
    parser.add_argument("file", nargs="?", help="a document: text, Markdown, HTML, PDF, Word, EPUB, OFD, MHTML or an image of text (default: the bundled article)")
    options = parser.parse_args(args)
    from reader.ui.app import run_gui

    return run_gui(options.file)


if __name__ == "__main__":
    sys.exit(main())
