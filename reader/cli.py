"""The command line: convert, pinyin, terms, lookup, glossary import/export (the window and PDF live in reader.ui)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from reader.core.encoding import DocumentError, decode_bytes

SUBCOMMANDS = ("convert", "pinyin", "terms", "lookup", "glossary", "library", "screenshot", "export", "desktop")
SCRIPT_CHOICES = ("original", "simplified", "traditional", "taiwan", "hongkong")


class CliError(Exception):
    """An error reported to the person on stderr, with exit code 2."""


def _read_input(name: str | None) -> str:
    """The text of FILE, of stdin for '-', decoded with the same detection as the reader."""
    from reader.core.loader import MAX_FILE_BYTES, DocumentError, read_bounded

    if name in (None, "-"):
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # bounded: a pipe of /dev/zero is refused, not read whole
        if len(data) > MAX_FILE_BYTES:
            raise CliError(f"The input is larger than {MAX_FILE_BYTES // 1048576} MiB; the reader takes up to that much.")
        text, _ = decode_bytes(data, "The input")
        return text
    try:
        data = read_bounded(Path(name), f"“{name}”")
    except DocumentError as exc:
        raise CliError(str(exc)) from exc
    text, _ = decode_bytes(data, f"“{Path(name).name}”")
    return text


def _write(out: TextIO, text: str) -> None:
    out.write(text)
    out.flush()


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert the script of a text; everything that is not converted stays as it was."""
    from reader.core.convert import CONFIGS, Script, default_converter

    if args.opencc and args.opencc not in CONFIGS:
        raise CliError(f"Unknown OpenCC configuration “{args.opencc}”; choose one of: {', '.join(CONFIGS)}.")
    text = _read_input(args.file)
    converter = default_converter()
    if args.opencc:  # OpenCC's exact behaviour: its plain forward maximum matching, no word decisions
        from reader.core.convert import OpenCCDataEngine

        result = OpenCCDataEngine(lookahead=False).convert(text, args.opencc)
    else:
        converter.taiwan_vocabulary = args.taiwan_vocabulary
        result = converter.to_script(text, Script(args.to))
    _write(sys.stdout, result.text)
    return 0


def cmd_pinyin(args: argparse.Namespace) -> int:
    """Readings of a text (pinyin, Zhuyin or Jyutping): per character in JSON, or line by line for people."""
    from reader.core.phonetics import Phonetics, format_token, readings_for

    text = _read_input(args.file)
    style = "numbers" if args.numbers else "marks"
    system = args.system
    readings = readings_for(text, Phonetics(system), taiwan_view=args.taiwan, sandhi=args.sandhi)

    def format_reading(token: str, style: str) -> str:
        return format_token(token, system, style)

    if args.json:
        values = [format_reading(r, style) if r else None for r in readings]
        _write(sys.stdout, json.dumps(values, ensure_ascii=False) + "\n")
        return 0
    lines: list[str] = []
    current: list[str] = []
    run = ""
    for ch, reading in zip(text, readings):
        if ch == "\n":
            if run:
                current.append(run)
                run = ""
            lines.append(" ".join(current))
            current = []
        elif reading:
            if run:
                current.append(run)
                run = ""
            current.append(format_reading(reading, style))
        elif ch.isspace():
            if run:
                current.append(run)
                run = ""
        else:
            run += ch
    if run:
        current.append(run)
    if current:
        lines.append(" ".join(current))
    _write(sys.stdout, "\n".join(lines) + "\n")
    return 0


def _services():  # type: ignore[no-untyped-def]
    from reader.core.services import Services

    services = Services()
    for warning in services.warnings:
        print(f"zhushi: warning: {warning}", file=sys.stderr)
    return services


def cmd_terms(args: argparse.Namespace) -> int:
    """The glossary terms found in a document (the bundled article by default)."""
    if args.file is None:
        from resources import BUNDLED_ARTICLE

        text, _ = decode_bytes(BUNDLED_ARTICLE.read_bytes(), "The bundled article")
    else:
        text = _read_input(args.file)
    services = _services()
    from reader.core.region import detect_region

    region = args.region if args.region != "auto" else detect_region(text).region
    matches = services.store.matcher().find(text, region)
    if not args.json:
        print(f"Read as a {region} text" + (" (detected)" if args.region == "auto" else "") + ".", file=sys.stderr)
    if args.anki:
        from glossary.user import export_anki_tsv

        unique = list({m.entry.id: m.entry for m in matches if not m.weak}.values())
        anki = Path(args.anki)
        if not anki.parent.is_dir():
            raise CliError(f"“{anki.name}” cannot be written: the folder “{anki.parent}” does not exist.")
        try:
            export_anki_tsv(unique, anki)
        except OSError as exc:
            raise CliError(f"“{anki.name}” cannot be written: {exc.strerror or exc}.") from exc
        print(f"Wrote {len(unique)} terms to {args.anki} (Anki / Pleco import: hanzi, pinyin, meaning).", file=sys.stderr)
    if args.json:
        out = []
        for m in matches:
            item = {"start": m.start, "end": m.end, "text": m.text, "sense": m.sense, "document_region": region}
            item.update(m.entry.to_json())
            out.append(item)
        _write(sys.stdout, json.dumps(out, ensure_ascii=False, indent=1) + "\n")
        return 0
    from reader.core.pinyin import default_annotator, format_reading

    readings: list[str | None] | None = None  # the document's, read once if a match needs them
    for m in matches:
        if m.weak:
            continue  # the context does not support the glossary sense (shown with --json as "everyday")
        mark = " (user)" if m.entry.source == "user" else ""
        pinyin = m.entry.pinyin
        if m.text not in (m.entry.simplified, m.entry.traditional):
            # another form matched (产供链 for 产业链供应链): its own reading, as the popup shows it
            if readings is None:
                readings = default_annotator().readings(text)
            pinyin = " ".join(format_reading(r) for r in readings[m.start : m.end] if r) or pinyin
        _write(sys.stdout, f"{m.start}-{m.end}\t{m.text}\t{pinyin}\t{m.entry.english}{mark}\n")
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    """Search glossary and dictionary; ranked results."""
    services = _services()
    results = services.search.search(args.query, limit=args.limit)
    if args.json:
        _write(sys.stdout, json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1) + "\n")
        return 0
    if not results:
        print(f"Nothing found for “{args.query}”.", file=sys.stderr)
        return 1
    for r in results:
        forms = r.simplified if r.simplified == r.traditional else f"{r.simplified} / {r.traditional}"
        _write(sys.stdout, f"[{r.source}] {forms}  {r.pinyin}  {r.english}\n")
    return 0


def cmd_glossary(args: argparse.Namespace) -> int:
    """Import or export the user's glossary as CSV/TSV."""
    services = _services()
    user = services.user_glossary
    if args.action == "import":
        path = Path(args.file)
        if not path.is_file():
            raise CliError(f"“{path.name}” cannot be read: it does not exist or is not a file.")
        try:
            report = user.import_table(path)
        except OSError as exc:
            raise CliError(f"your glossary could not be saved: {exc.strerror or exc}") from exc
        for problem in report.errors:
            print(f"zhushi: {problem}", file=sys.stderr)
        if not (report.added or report.updated) and not report.ok:
            print(f"zhushi: nothing was imported from “{path.name}”.", file=sys.stderr)
            return 1
        print(f"Imported {report.added} new and {report.updated} updated entries into {user.path}.")
        return 0
    try:
        user.export_table(Path(args.file))
    except OSError as exc:  # a missing or read-only folder, a full disk: nothing half-written is left
        raise CliError(f"“{Path(args.file).name}” cannot be written: {exc.strerror or exc}.") from exc
    print(f"Exported {len(user.entries())} entries to {args.file}.")
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


class _Formatter(argparse.ArgumentDefaultsHelpFormatter):
    """Help that states each option's default (store_true flags have none to state)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default in (None, False, True, argparse.SUPPRESS) or "default" in text or action.option_strings == []:
            return text
        return text + " (default: %(default)s)"


def cmd_library(args: argparse.Namespace) -> int:
    """The library of documents: add files, list, search across all of them, remove."""
    import sqlite3

    from reader.core.library import Library
    from reader.core.loader import load_document
    from reader.core.region import detect_region

    library = Library()
    try:
        if args.action == "add":
            if not args.items:
                raise CliError("library add needs one or more files.")
            for name in args.items:
                try:
                    document = load_document(name)
                except DocumentError as exc:
                    print(f"zhushi: {exc}", file=sys.stderr)
                    continue
                doc_id = library.remember(document, detect_region(document.text[:20_000]).region)
                print(f"{doc_id}\t{document.title}")
            return 0
        if args.action == "list":
            items = library.documents()
            if args.json:
                _write(sys.stdout, json.dumps([vars(i) for i in items], ensure_ascii=False, indent=1) + "\n")
            for item in [] if args.json else items:
                _write(sys.stdout, f"{item.id}\t{item.title}\t{item.chars}\t{item.path or '(pasted)'}\n")
            return 0
        if args.action == "search":
            query = " ".join(args.items).strip()
            if not query:
                raise CliError("library search needs a query.")
            hits = library.search(query)
            if args.json:
                out = [{"id": h.item.id, "title": h.item.title, "count": h.count, "position": h.position, "snippet": h.snippet} for h in hits]
                _write(sys.stdout, json.dumps(out, ensure_ascii=False, indent=1) + "\n")
                return 0
            if not hits:
                print(f"No document in your library has “{query}”.", file=sys.stderr)
                return 1
            for h in hits:
                _write(sys.stdout, f"{h.item.id}\t{h.item.title}\t×{h.count}\t{h.snippet}\n")
            return 0
        # remove
        ids = []
        for item in args.items:
            if not item.isdigit():
                raise CliError(f"“{item}” is not a document id (see zhushi library list).")
            ids.append(int(item))
        known = {d.id for d in library.documents()}
        for doc_id in ids:
            if doc_id not in known:
                raise CliError(f"There is no document {doc_id} in your library.")
            library.remove(doc_id)
            print(f"Removed {doc_id}.")
        return 0
    except (sqlite3.Error, OSError) as exc:
        raise CliError(f"the library cannot be used: {exc}") from exc
    finally:
        library.close()


def _program() -> str:
    """The absolute path of the `zhushi` command that is running (the venv's script), for the menu entry."""
    import shutil

    argv0 = Path(sys.argv[0])
    if argv0.name == "zhushi" and argv0.exists():
        return str(argv0.resolve())
    beside = Path(sys.executable).parent / "zhushi"  # `python -m reader` from the venv
    if beside.exists():
        return str(beside)
    found = shutil.which("zhushi")
    if found:
        return str(Path(found).resolve())
    raise CliError("cannot find the `zhushi` command to put in the menu entry: install the project first (make setup).")


def cmd_desktop(args: argparse.Namespace) -> int:
    from reader.core import desktop

    if sys.platform != "linux" and not args.force:
        raise CliError("the applications menu entry is for Linux desktops (freedesktop.org); use --force to write it anyway.")
    try:
        if args.action == "install":
            entry, icon = desktop.install(_program())
            print(f"Added Zhushi to the applications menu and to “Open with” for {len(desktop.mime_types())} kinds of file:")
            print(f"  {entry}\n  {icon}")
            print("Take it away again with: zhushi desktop remove")
        else:
            removed = desktop.remove()
            print("Removed " + ", ".join(str(p) for p in removed) if removed else "Zhushi was not in the applications menu.")
    except OSError as exc:
        raise CliError(f"the menu entry cannot be written: {exc}") from exc
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The parser for the sub-commands."""
    parser = argparse.ArgumentParser(prog="zhushi", description="Zhushi 注釋: a reader for Chinese texts.")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text[:1].upper() + text[1:] + ".", formatter_class=_Formatter)

    p = command("convert", "convert the script of a text")
    p.add_argument("file", nargs="?", default="-", help="a text file, or - for standard input")
    p.add_argument("--to", choices=SCRIPT_CHOICES[1:], default="traditional", help="the script view to convert to")
    p.add_argument("--taiwan-vocabulary", action="store_true", help="with --to taiwan: Taiwan words too (計程車, 軟體), not only Taiwan characters")
    p.add_argument("--opencc", metavar="CONFIG", help="an OpenCC configuration name instead of --to (s2t, t2s, s2twp, …): OpenCC's exact behaviour")
    p.set_defaults(func=cmd_convert)

    p = command("pinyin", "readings of a text: pinyin, Zhuyin or Jyutping")
    p.add_argument("file", nargs="?", default="-", help="a text file, or - for standard input")
    p.add_argument("--system", choices=("pinyin", "zhuyin", "jyutping"), default="pinyin",
                   help="Hanyu Pinyin, Zhuyin (bopomofo) or Cantonese Jyutping")
    p.add_argument("--numbers", action="store_true", help="pinyin with tone numbers instead of tone marks")
    p.add_argument("--sandhi", action="store_true", help="show the tone changes of 一 and 不 (pinyin and Zhuyin)")
    p.add_argument("--taiwan", action="store_true", help="Taiwan standard readings where they differ from the Mainland's")
    p.add_argument("--json", action="store_true", help="a JSON array, one element per character")
    p.set_defaults(func=cmd_pinyin)

    p = command("terms", "glossary terms found in a document")
    p.add_argument("file", nargs="?", default=None, help="a text file, or - for standard input (the bundled article without it)")
    p.add_argument("--json", action="store_true", help="every hit as JSON, with its entry, sense and the document's region")
    p.add_argument("--anki", metavar="OUT.tsv", help="also write the document's terms as a TSV for Anki or Pleco")
    p.add_argument("--region", choices=("auto", "mainland", "taiwan", "hong-kong", "macau"), default="auto",
                   help="read the text as written in this region (auto: detected from script and vocabulary)")
    p.set_defaults(func=cmd_terms)

    p = command("lookup", "search the glossary and the dictionary")
    p.add_argument("query", help="characters (either script), pinyin with or without tones, or English")
    p.add_argument("--json", action="store_true", help="the results as JSON")
    p.add_argument("--limit", type=_positive, default=20, help="at most this many results")
    p.set_defaults(func=cmd_lookup)

    p = command("glossary", "import or export your own glossary (CSV or TSV)")
    p.add_argument("action", choices=("import", "export"), help="import adds and updates entries; export writes all of them")
    p.add_argument("file", help="a .csv or .tsv file with a header row of field names")
    p.set_defaults(func=cmd_glossary)

    p = command("library", "the library of every document you have opened: add, list, search, remove")
    p.add_argument("action", choices=("add", "list", "search", "remove"), help="what to do")
    p.add_argument("items", nargs="*", help="files to add, a query to search, or ids to remove")
    p.add_argument("--json", action="store_true", help="list or search results as JSON")
    p.set_defaults(func=cmd_library)

    p = command("screenshot", "save a screenshot of the reader window (works without a screen)")
    p.add_argument("file", nargs="?", default=None, help="a document (the bundled article without it)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.png", help="the PNG file to write")
    p.add_argument("--script", choices=SCRIPT_CHOICES, default="original", help="the script view")
    p.add_argument("--pinyin", action="store_true", help="show the readings over the text")
    _phonetic_options(p)
    p.add_argument("--hover", metavar="TEXT", help="hover the first occurrence of TEXT and show its popup")
    p.add_argument("--size", default="1200x900", metavar="WxH", help="the window size")
    p.set_defaults(func=_ui_command("screenshot"), suffix=".png")

    p = command("export", "export an annotated PDF (works without a screen)")
    p.add_argument("file", nargs="?", default=None, help="a document (the bundled article without it)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF file to write")
    p.add_argument("--script", choices=SCRIPT_CHOICES, default="original", help="the script view")
    p.add_argument("--pinyin", dest="pinyin", action="store_true", default=True, help="readings over the text (the default)")
    p.add_argument("--no-pinyin", dest="pinyin", action="store_false", help="no readings over the text")
    _phonetic_options(p)
    p.add_argument("--notes", choices=("footnotes", "end", "none"), default="end",
                   help="glossary notes at the end, after each paragraph, or none")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="the paper size")
    p.set_defaults(func=_ui_command("export"), suffix=".pdf")

    p = command("desktop", "add Zhushi to the Linux applications menu and to “Open with”, or remove it")
    p.add_argument("action", choices=("install", "remove"), help="install writes a menu entry and an icon in your data folder")
    p.add_argument("--force", action="store_true", help="write the entry on a system that is not Linux too")
    p.set_defaults(func=cmd_desktop)
    return parser


def _phonetic_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--readings", choices=("pinyin", "zhuyin", "jyutping"), default="pinyin",
                   help="the readings shown over the text")
    p.add_argument("--mainland-readings", action="store_true",
                   help="in the Taiwan view, keep Mainland standard readings (otherwise Taiwan ones where they differ)")


def _ui_command(name: str):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        out = Path(args.output)
        if out.suffix.lower() != args.suffix:
            raise CliError(f"“{out.name}” must end in {args.suffix}: {name} writes a {args.suffix[1:].upper()} file.")
        if not out.parent.is_dir():
            raise CliError(f"“{out.name}” cannot be written: the folder “{out.parent}” does not exist.")
        from reader.ui import headless

        return int(getattr(headless, name)(args))

    return run


def run_subcommand(argv: list[str]) -> int:
    """Run a sub-command; errors go to stderr with a non-zero exit."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # reported by the sub-command, with its own usage line
        chosen = parser._subparsers._group_actions[0].choices[args.command]  # type: ignore[union-attr]
        chosen.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(args.func(args))
    except (CliError, DocumentError) as exc:
        print(f"zhushi: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
