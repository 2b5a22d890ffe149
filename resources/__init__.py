"""What the app shows: the bundled article, web assets and fonts (data only)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
ARTICLES = ROOT / "articles"
WEB = ROOT / "web"
FONTS = ROOT / "fonts"
BUNDLED_ARTICLE = ARTICLES / "quanzhou-article.txt"
ICON = ROOT / "icons" / "zhushi.svg"  # the application icon (window and menu entry)
