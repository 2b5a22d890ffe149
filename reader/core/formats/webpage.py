"""Saved web pages (.mhtml, and .html with a site's menus around the article): the article alone, with its
title, date and site, by trafilatura (it parses the page; nothing in it is run or fetched)."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from reader.core.document import Document
from reader.core.encoding import DocumentError, decode_bytes

_CHROME = re.compile(r"<(?:nav|aside|footer|header)\b|class=[\"'][^\"']*(?:menu|navbar|sidebar|breadcrumb)", re.I)


def looks_like_site_page(html: str) -> bool:
    """Whether an HTML page carries a site's menus and side bars around its text (worth reducing)."""
    return len(_CHROME.findall(html[:200_000])) >= 2


def article(html: str, path: str = "") -> Document | None:
    """The article of a web page as a Document (title, date and site as its source), or None when the
    extractor finds no article (the caller then keeps the page's whole text)."""
    import trafilatura

    from reader.core.loader import document_from_markdown

    try:
        text = trafilatura.extract(html, output_format="markdown", include_comments=False, include_tables=True,
                                   include_images=False, include_links=False, favor_recall=True)
        meta = trafilatura.extract_metadata(html)
    except (ValueError, TypeError, RecursionError):
        return None
    if not text or len(text.strip()) < 20:
        return None
    title = (meta.title or "").strip() if meta else ""
    source = ", ".join(x for x in ((meta.sitename or meta.hostname or "") if meta else "", (meta.date or "") if meta else "") if x)
    if title and not text.lstrip().startswith("#"):
        text = f"# {title}\n\n{text}"
    try:
        document = document_from_markdown(text, source=source, path=path)
    except DocumentError:
        return None
    return document


def load_mhtml(path: Path) -> Document:
    """A page saved as one .mhtml file: its HTML part reduced to the article."""
    from reader.core.loader import document_from_html, read_bounded

    name = f"“{path.name}”"
    data = read_bounded(path, name)
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except (ValueError, TypeError, IndexError) as exc:
        raise DocumentError(f"{name} is not a saved web page (MHTML) the reader can read.") from exc
    html = None
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                try:
                    html = payload.decode(charset or "utf-8")
                except (LookupError, UnicodeDecodeError):
                    html, _ = decode_bytes(payload, name)
                break
    if html is None:
        raise DocumentError(f"{name} holds no web page (no text/html part).")
    found = article(html, path=str(path))
    return found if found is not None else document_from_html(html, path=str(path))
