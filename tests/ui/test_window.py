"""The reader window driven like a person: scripts, pinyin, hover, search, terms panel, hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.convert import Script
from reader.ui.driver import pump, wait_signal

ARTICLE = Path(__file__).resolve().parents[2] / "resources" / "articles" / "quanzhou-article.txt"


def test_starts_on_the_article_with_structure(driver) -> None:  # type: ignore[no-untyped-def]
    title = driver.run_js("return document.getElementById('doc-title').textContent;")
    assert title == "奮力推進中國式現代化的泉州實踐"
    note = driver.run_js("return document.getElementById('doc-note').textContent;")
    assert "no title line" in note  # the title is Zhushi's, and the page says so
    kinds = driver.run_js("return [...document.querySelectorAll('.block')].map(b => b.className.split(' ')[1]);")
    assert kinds.count("heading") == 3 and kinds.count("caption") == 2 and kinds.count("footer") == 3
    assert driver.page_text().splitlines()[0].startswith("黨的二十大開啟了全面建設社會主義現代化強國的新征程")


def test_the_window_has_the_application_icon(driver) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    icon = driver.window.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == 64
    corner, centre = QColor(image.pixel(5, 32)), QColor(image.pixel(20, 40))
    assert corner.red() > 120 and corner.green() < 60  # the red tile
    assert min(centre.red(), centre.green(), centre.blue()) > 200  # the white book


@pytest.mark.parametrize(
    "script, present, absent",
    [
        (Script.SIMPLIFIED, ["党的二十大", "实干争效", "制造业", "专精特新"], ["黨的二十大", "實干"]),
        (Script.TRADITIONAL, ["實幹爭效", "佔全國", "製造業", "聯繫", "鬥爭", "採購"], ["實干", "制造業"]),
        (Script.TAIWAN, ["實幹爭效", "製造業", "以人民為中心"], ["實干"]),
        (Script.HONGKONG, ["實幹爭效", "製造業"], ["實干"]),
        (Script.ORIGINAL, ["實干爭效", "制造業"], []),
    ],
)
def test_switch_every_script(driver, script: Script, present: list[str], absent: list[str]) -> None:  # type: ignore[no-untyped-def]
    if script == Script.ORIGINAL:  # switch away first, then back to the original
        driver.window.viewing.set_script(Script.SIMPLIFIED)
        driver.wait_loaded()
    driver.window.viewing.set_script(script)
    driver.wait_loaded()
    text = driver.page_text()
    for word in present:
        assert word in text, word
    for word in absent:
        assert word not in text, word


def test_pinyin_toggle_shows_ruby(driver) -> None:  # type: ignore[no-untyped-def]
    assert not any(driver.ruby_texts())
    driver.window.pinyin_action.trigger()
    pump(100)
    shown = driver.ruby_texts(8)
    assert shown[:6] == ["dǎng", "de", "èr", "shí", "dà", "kāi"]
    driver.window.numbers_action.trigger()
    pump(100)
    assert driver.ruby_texts(3) == ["dang3", "de5", "er4"]
    driver.window.numbers_action.trigger()
    driver.window.pinyin_action.trigger()
    pump(100)
    assert not any(driver.ruby_texts())


def test_hover_glossary_term_shows_entry(driver) -> None:  # type: ignore[no-untyped-def]
    info = driver.hover("放管服")
    # the article writes “放管服”改革: the glossary's name 放管服改革 is read across the quotation marks
    assert info["kind"] == "term" and info["text"] == "“放管服”改革"
    popup = driver.popup_text()
    assert "streamline administration" in popup.lower()
    assert "fàng guǎn fú" in popup
    assert "glossary" in popup


def test_hover_other_word_shows_dictionary(driver) -> None:  # type: ignore[no-untyped-def]
    info = driver.hover("半導體")
    assert info["kind"] == "word" and info["text"] == "半導體"
    popup = driver.popup_text()
    assert "semiconductor" in popup and "CC-CEDICT" in popup


def test_search_across_scripts(driver) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    w.viewing.set_script(Script.TRADITIONAL)
    driver.wait_loaded()
    count = w.search.find("制造业")  # a Simplified query
    assert count >= 3
    pump(150)
    marked = driver.run_js("return [...document.querySelectorAll('.hit')].length;")
    assert marked >= 3 * 3 or marked >= 3  # every character of the visible hits is highlighted
    assert "of" in w.hit_label.text() and str(count) in w.hit_label.text()
    assert w.results_panel.count() > 0
    assert w.side_tabs.currentWidget() is w.results_panel  # the results are in view


def test_ctrl_f_brings_the_search_results_into_view(driver) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    w.dock.close()
    w.side_tabs.setCurrentWidget(w.terms_panel)
    w.find_action.trigger()
    pump(50)
    assert w.dock.isVisible() and w.side_tabs.currentWidget() is w.results_panel


def test_entry_panel_shows_a_word_once_when_both_scripts_agree() -> None:
    from reader.ui.panels import entry_html

    info = {"kind": "word", "text": "取得", "words": [{"word": "取得", "entries": [
        {"simplified": "取得", "traditional": "取得", "pinyin": "qu3 de2", "pinyin_marks": "qǔ dé", "definitions": ["to obtain"]}]}]}
    html = entry_html(info)
    assert "取得 取得" not in html and html.count("取得") == 1
    info["words"][0]["entries"][0]["traditional"] = "取徳"
    assert "取得 取徳" in entry_html(info)


def test_terms_list_wraps_instead_of_scrolling_sideways(driver) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    panel = driver.window.terms_panel
    assert panel.list.wordWrap()
    assert panel.list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_terms_panel_lists_and_navigates(driver) -> None:  # type: ignore[no-untyped-def]
    panel = driver.window.terms_panel
    for _ in range(250):  # the panel fills from a worker thread
        if panel.list.count() >= 60:
            break
        pump(20)
    assert panel.list.count() >= 60
    labels = [panel.list.item(i).text() for i in range(panel.list.count())]
    row = next(i for i, label in enumerate(labels) if label.startswith("兩個確立"))
    assert "×4" in labels[row]
    panel.filter.setText("streamline")
    visible = [panel.list.item(i).text() for i in range(panel.list.count()) if not panel.list.item(i).isHidden()]
    assert len(visible) == 1 and visible[0].startswith("放管服")
    panel.filter.clear()
    panel.list.setCurrentRow(row)
    panel._clicked(panel.list.item(row))  # noqa: SLF001 (what a click does)
    info = wait_signal(driver.window.bridge.termShown)
    assert info["count"] == 4
    highlighted = driver.run_js("return document.querySelectorAll('.term.current-term').length;")
    assert highlighted == 4


def test_hostile_html_runs_nothing_and_sends_nothing(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "hostile.html"
    page.write_text(
        "<html><head><title>惡意</title><script>window.PWNED=1</script></head><body>"
        "<p>正文&lt;script&gt;window.PWNED=2&lt;/script&gt;&lt;img src=x onerror=\"window.PWNED=3\"&gt;"
        "<img src='http://example.com/track.png' alt='追蹤'></p>"
        "<iframe src='http://example.com'></iframe><p><a href='http://example.com'>連結</a></p></body></html>",
        encoding="utf-8",
    )
    w = driver.window
    refused_before = list(w.view.guard.refused)
    assert w.open_path(str(page))
    driver.wait_loaded()
    pump(300)
    assert driver.run_js("return window.PWNED === undefined;") is True
    text = driver.page_text()
    assert "<script>window.PWNED=2</script>" in text and "onerror" in text  # shown as text
    assert driver.run_js("return document.querySelectorAll('#doc script, #doc img, #doc iframe').length;") == 0
    # the page itself tries to reach out: refused and logged
    driver.run_js("const i = new Image(); i.src = 'http://example.com/x.png'; document.body.appendChild(i); return 1;")
    pump(500)
    refused = [url for url in w.view.guard.refused if url not in refused_before]
    console = " ".join(w.view.reader_page.console)
    assert any("example.com" in url for url in refused) or ("example.com" in console and "Content Security Policy" in console)
    assert all(url.startswith(("zhushi:", "data:")) for url in w.view.guard.allowed)


def test_click_pins_entry_and_known_words_hide_pinyin(driver) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    w.pinyin_action.setChecked(True)
    w.known_action.setChecked(True)
    where = driver.locate("半導體")
    driver.click(where["x"], where["y"])
    info = wait_signal(w.bridge.entryActivated)
    assert info["text"] == "半導體"
    assert "semiconductor" in w.entry_panel.view.toPlainText()
    w.entry_panel.known_button.click()
    pump(150)
    hidden = driver.run_js(
        "const b = [...document.querySelectorAll('.known')]; return b.map(e => e.textContent[0]).join('');"
    )
    assert "半導體" in hidden
    w.entry_panel.known_button.click()  # and take it back
    pump(150)
    assert driver.run_js("return document.querySelectorAll('.known').length;") == 0
    w.known_action.setChecked(False)
    w.pinyin_action.setChecked(False)


SIMPLIFIED_ARTICLE = Path(__file__).parent / "fixtures" / "simplified-article.txt"


def test_a_simplified_article_of_ones_own(driver) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    w.viewing.set_script(Script.ORIGINAL)
    driver.wait_loaded()
    assert w.open_path(str(SIMPLIFIED_ARTICLE))
    driver.wait_loaded()
    assert driver.run_js("return document.getElementById('doc-title').textContent;") == "营商环境持续优化 民营企业迎来新机遇"
    # shown as written, it is Simplified text: marked zh-Hans and set in the SC face
    assert w.script == Script.ORIGINAL and w.page_language() == "zh-Hans"
    assert driver.run_js("return document.documentElement.lang + ' ' + document.body.classList.contains('hans');") == "zh-Hans true"
    kinds = driver.run_js("return [...document.querySelectorAll('.block')].map(b => b.className.split(' ')[1]);")
    assert kinds == ["title", "paragraph", "paragraph", "caption", "paragraph", "paragraph"]
    info = driver.hover("放管服")
    assert info["kind"] == "term" and "streamline" in driver.popup_text().lower()
    assert driver.run_js("return document.getElementById('doc-title').hidden;")  # its own first line is the title, shown once
    driver.hover("专精特新")
    # the popup shows what was matched there (the longer form 专精特新企业), and the entry's own form below it
    assert driver.run_js("return document.querySelector('#popup .hz').textContent;") == "专精特新企业"
    assert "form of 专精特新" in driver.popup_text()
    for _ in range(250):  # the panel fills from a worker thread, in the script of the text as shown
        labels = [w.terms_panel.list.item(i).text().split()[0] for i in range(w.terms_panel.list.count())]
        if "营商环境" in labels:
            break
        pump(20)
    assert "营商环境" in labels and "专精特新" in labels
    w.viewing.set_script(Script.TAIWAN)
    driver.wait_loaded()
    text = driver.page_text()
    # Taiwan characters; Taiwan words (U盤 → 隨身碟) only when the reader asks for them
    assert "專精特新企業" in text and "U盤" in text and "高質量發展" in text
    w.vocabulary_action.trigger()
    driver.wait_loaded()
    assert "隨身碟" in driver.page_text()
    w.vocabulary_action.trigger()
    driver.wait_loaded()
    assert w.search.find("专精特新") == 1  # a Simplified query in the Taiwan view
    for _ in range(250):  # the panel fills from a worker thread
        labels = [w.terms_panel.list.item(i).text().split()[0] for i in range(w.terms_panel.list.count())]
        if "營商環境" in labels:
            break
        pump(20)
    for term in ("放管服", "專精特新", "高質量發展", "營商環境", "共同富裕"):
        assert term in labels, (term, labels)
    # the reading position and view are remembered for this file
    assert w.settings.recent_for(str(SIMPLIFIED_ARTICLE)).script == "taiwan"  # type: ignore[union-attr]


def test_bad_files_give_a_message_and_keep_the_document(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    title = w.document.title
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    assert not w.open_path(str(binary))
    assert "binary" in w.last_warning
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    assert not w.open_path(str(empty))
    assert "empty" in w.last_warning
    assert w.document.title == title  # nothing lost: the article is still open


def test_keyboard_word_cursor_and_escape(driver) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    driver.locate("泉州是")
    target = driver.target()
    target.setFocus()
    seen: list[dict] = []
    driver.window.bridge.hoverShown.connect(seen.append)
    try:
        QTest.keyClick(target, Qt.Key.Key_Right)
        QTest.keyClick(target, Qt.Key.Key_Right)
        for _ in range(100):
            pump(20)
            if len(seen) >= 2:
                break
        assert len(seen) >= 2 and seen[-1]["text"]
        assert driver.popup_text()
        assert driver.run_js("return document.querySelectorAll('.cursor').length;") >= 1
        QTest.keyClick(target, Qt.Key.Key_Escape)
        pump(100)
        assert driver.popup_text() == ""
        assert driver.run_js("return document.querySelectorAll('.cursor').length;") == 0
    finally:
        driver.window.bridge.hoverShown.disconnect(seen.append)


def test_popup_stays_on_screen(driver) -> None:  # type: ignore[no-untyped-def]
    driver.hover("先進制造基地")  # far right of a long line
    box = driver.run_js(
        "const r = document.getElementById('popup').getBoundingClientRect();"
        "return [r.left, r.top, r.right, r.bottom, window.innerWidth, window.innerHeight];"
    )
    left, top, right, bottom, width, height = box
    assert left >= 0 and top >= 0 and right <= width and bottom <= height


def test_a_long_popup_in_a_short_window_never_covers_the_word(driver) -> None:  # type: ignore[no-untyped-def]
    """Neither above nor below the word holds a long entry whole in a short window: the popup goes on
    the roomier side with its height capped there (it scrolls), fully visible, the word uncovered."""
    size = driver.window.size()
    driver.window.resize(1000, 420)
    try:
        pump(300)
        driver.hover("晉江經驗")
        box = driver.run_js(
            "const p = document.getElementById('popup').getBoundingClientRect();"
            "const w = [...document.querySelectorAll('.hovered')].map((e) => e.getBoundingClientRect());"
            "return [p.left, p.top, p.right, p.bottom, window.innerWidth, window.innerHeight,"
            " Math.min(...w.map((r) => r.top)), Math.max(...w.map((r) => r.bottom)), w.length];"
        )
        left, top, right, bottom, width, height, word_top, word_bottom, chars = box
        assert chars >= 4 and left >= 0 and top >= 0 and right <= width and bottom <= height
        assert bottom <= word_top or top >= word_bottom  # above or below the word, never over it
        assert "Jinjiang" in driver.popup_text()
    finally:
        driver.window.resize(size)
        pump(300)


def test_broken_user_glossary_is_kept_aside_and_the_window_starts(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.core.loader import bundled_document
    from reader.core.services import Services
    from reader.core.settings import SettingsStore
    from reader.ui.driver import WindowDriver
    from reader.ui.window import MainWindow

    broken = tmp_path / "user-glossary.json"
    broken.write_text("{ this is not json", encoding="utf-8")
    (tmp_path / "settings.json").write_text("[]", encoding="utf-8")
    window = MainWindow(Services(broken), SettingsStore(tmp_path / "settings.json"))
    try:
        window.show()
        window.open_document(bundled_document())
        WindowDriver(window).wait_shown()
        aside = sorted(p.name for p in tmp_path.iterdir() if ".broken-" in p.name)
        assert any(n.startswith("user-glossary.json.broken-") for n in aside)
        assert any(n.startswith("settings.json.broken-") for n in aside)
        assert "could not be read" in window.statusBar().currentMessage() or "broken" in window.statusBar().currentMessage()
    finally:
        window.close()
        window.dispose()


def test_switching_script_keeps_the_reading_position(driver) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.driver import wait_until

    w = driver.window
    w.position = 0
    driver.locate("加快推進中心城市高質量發展")  # scrolls that paragraph to the middle of the view
    wait_until(lambda: w.position > 1000, w.bridge.positionChanged, 5000, "the reading position to be reported")
    before = w.position
    w.viewing.set_script(Script.SIMPLIFIED)
    driver.wait_loaded()
    pump(400)
    first = driver.run_js("const t = firstVisibleChar(); return sourceOf(t.b, t.i);")
    assert abs(first - before) < 200, (first, before)


def test_a_user_entry_overrides_the_curated_one_in_the_popup(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from glossary.model import GlossaryEntry
    from reader.core.loader import bundled_document
    from reader.core.services import Services
    from reader.core.settings import SettingsStore
    from reader.ui.driver import WindowDriver
    from reader.ui.window import MainWindow

    services = Services(tmp_path / "user-glossary.json")
    services.user_glossary.add(
        GlossaryEntry(
            id="my-fang-guan-fu", simplified="放管服", traditional="放管服", variants=(), pinyin="fàng guǎn fú",
            english="my own rendering: delegate, regulate, serve", english_source="zhushi", english_source_note="",
            explanation_en="A translator's note.", explanation_zh="译者的说明。", category="governance", related=(), source="user",
        )
    )
    window = MainWindow(services, SettingsStore(tmp_path / "settings.json"))
    try:
        window.resize(1200, 900)
        window.show()
        window.open_document(bundled_document())
        driver = WindowDriver(window)
        driver.wait_loaded()
        driver.hover("放管服")
        popup = driver.popup_text()
        assert "my own rendering" in popup and "my glossary" in popup
        assert "streamline" not in popup.lower()
    finally:
        window.close()
        window.dispose()


TAIWAN_NEWS = Path(__file__).parent / "fixtures" / "taiwan-news.txt"


def test_a_taiwan_text_is_read_as_from_taiwan_and_the_reader_can_change_it(driver) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    w.viewing.set_script(Script.ORIGINAL)
    driver.wait_loaded()
    assert w.open_path(str(TAIWAN_NEWS))
    driver.wait_loaded()
    assert w.region_box.currentText() == "Region: auto (Taiwan)"
    driver.hover("一國兩制")
    popup = driver.popup_text()
    assert "Taiwan" in popup  # Taiwan's own entry, with its region label
    # 國家安全 in a Taiwan story is Taiwan's own security: not marked with the PRC policy note
    info = driver.hover("國家安全")
    assert info["kind"] != "term"
    w.viewing.set_region("mainland")
    driver.wait_loaded()
    assert w.region_box.currentText() == "Region: Mainland"
    driver.hover("一國兩制")
    assert "Mainland China, national" in driver.popup_text()
    w.viewing.set_region("auto")
    driver.wait_loaded()
    assert w.region_box.currentIndex() == 0


def test_marks_and_readings_stay_in_place_after_emoji(driver) -> None:  # type: ignore[no-untyped-def]
    from reader.core.loader import document_from_text

    w = driver.window
    w.viewing.set_script(Script.ORIGINAL)
    driver.wait_loaded()
    w.open_document(document_from_text("表情\n😀😀😀我们要坚持放管服改革。"))
    driver.wait_loaded()
    info = driver.hover("放管服")
    assert info["kind"] == "term" and info["id"] == "fang-guan-fu"
    marked = driver.run_js("return [...document.querySelectorAll('.term')].map(t => t.textContent.replace(/[a-zǜ-ͯāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ\\s]/g, '')).join('|');")
    assert marked.startswith("放管服"), marked
    w.viewing.set_pinyin(True)
    driver.wait_loaded()
    reading = driver.run_js("const c = [...document.querySelectorAll('ruby')].find(r => r.firstChild.textContent === '我'); return c ? c.querySelector('rt').textContent : null;")
    assert reading == "wǒ"
    w.viewing.set_pinyin(False)


class _Listeners:
    """A UDP and a TCP listener on loopback, to see whether the page's script reaches them."""

    def __init__(self) -> None:
        import socket

        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.settimeout(0.1)
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(16)
        self.tcp.settimeout(0.1)
        self.uport, self.tport = self.udp.getsockname()[1], self.tcp.getsockname()[1]

    def heard(self, ticks: int) -> tuple[bool, bool]:
        """Whether a datagram or a connection arrived in TICKS tenths of a second (the page runs meanwhile)."""
        got_udp = got_tcp = False
        for _ in range(ticks):
            pump(100)
            try:
                self.udp.recvfrom(2048)
                got_udp = True
            except OSError:
                pass
            try:
                self.tcp.accept()[0].close()
                got_tcp = True
            except OSError:
                pass
        return got_udp, got_tcp

    def close(self) -> None:
        self.udp.close()
        self.tcp.close()


def test_page_script_reaches_no_network_by_webrtc_or_websocket(driver) -> None:  # type: ignore[no-untyped-def]
    """From the page's own script, try WebRTC (a STUN server on a local UDP port), a WebSocket and a
    fetch to local listeners: neither listener sees a byte."""
    listeners = _Listeners()
    uport, tport = listeners.uport, listeners.tport
    try:
        result = driver.run_js(f"""
            const out = [];
            try {{
              const pc = new RTCPeerConnection({{iceServers: [{{urls: "stun:127.0.0.1:{uport}"}}]}});
              pc.createDataChannel("x");
              pc.createOffer().then((o) => pc.setLocalDescription(o));
              out.push("webrtc created");
            }} catch (e) {{ out.push("webrtc refused"); }}
            try {{ new WebSocket("ws://127.0.0.1:{tport}/"); out.push("websocket created"); }} catch (e) {{ out.push("websocket refused"); }}
            fetch("http://127.0.0.1:{tport}/").catch(() => 0);
            return out.join(", ");
        """)
        assert "webrtc refused" in result
        got_udp, got_tcp = listeners.heard(20)  # two seconds
        assert not got_udp and not got_tcp
    finally:
        listeners.close()


def test_page_script_reaches_no_network_by_webtransport_prefetch_or_beacon(driver) -> None:  # type: ignore[no-untyped-def]
    """From the page's own script, every other way Chromium has to reach out: WebTransport (HTTP/3 over
    UDP), prefetch / preconnect / preload links, an image, EventSource, sendBeacon and a worker's
    fetch, each to a local listener: none sees a byte."""
    listeners = _Listeners()
    uport = listeners.uport
    base = f"http://127.0.0.1:{listeners.tport}"
    try:
        result = driver.run_js(f"""
            const out = [];
            try {{
              if (typeof WebTransport === "undefined") out.push("webtransport absent");
              else {{ const t = new WebTransport("https://127.0.0.1:{uport}/"); t.ready.catch(() => 0); t.closed.catch(() => 0); out.push("webtransport created"); }}
            }} catch (e) {{ out.push("webtransport refused"); }}
            for (const rel of ["prefetch", "preconnect", "dns-prefetch", "preload", "prerender"]) {{
              const l = document.createElement("link");
              l.rel = rel; l.href = "{base}/" + rel; if (rel === "preload") l.as = "fetch";
              document.head.appendChild(l);
            }}
            const img = new Image(); img.src = "{base}/img.png";
            try {{ const es = new EventSource("{base}/events"); es.onerror = () => es.close(); }} catch (e) {{ out.push("eventsource refused"); }}
            try {{ out.push("beacon " + navigator.sendBeacon("{base}/beacon", "x")); }} catch (e) {{ out.push("beacon refused"); }}
            try {{
              const w = new Worker(URL.createObjectURL(new Blob(["fetch('{base}/worker').catch(() => 0)"], {{type: "text/javascript"}})));
              out.push("worker created");
            }} catch (e) {{ out.push("worker refused"); }}
            return out.join(", ");
        """)
        assert "webtransport created" not in result, result
        got_udp, got_tcp = listeners.heard(25)  # two and a half seconds
        assert not got_udp and not got_tcp, result
    finally:
        listeners.close()


def test_readings_as_zhuyin_and_jyutping(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sample = tmp_path / "systems.txt"
    sample.write_text("黨的二十大開啟了新征程。\n", encoding="utf-8")
    window = driver.window
    window.open_path(str(sample))
    driver.wait_loaded()
    window.viewing.set_phonetic("zhuyin")  # choosing a system shows the readings
    driver.wait_loaded()
    pump(100)
    assert window.pinyin_action.isChecked() and window.pinyin_action.text() == "&Zhuyin"
    assert driver.ruby_texts(3) == ["ㄉㄤˇ", "˙ㄉㄜ", "ㄦˋ"]  # 黨的二: the neutral dot before the syllable
    window.viewing.set_script(Script.HONGKONG)
    driver.wait_loaded()
    window.viewing.set_phonetic("jyutping")
    driver.wait_loaded()
    pump(100)
    assert driver.ruby_texts(3) == ["dong2", "dik1", "ji6"]
    assert window.settings.phonetic == "jyutping"
    window.viewing.set_phonetic("pinyin")
    driver.wait_loaded()
    pump(100)
    assert driver.ruby_texts(3) == ["dǎng", "de", "èr"]


def test_taiwan_view_reads_with_taiwan_standard(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sample = tmp_path / "readings.txt"
    sample.write_text("星期一的會議研究垃圾處理。\n", encoding="utf-8")
    window = driver.window
    window.open_path(str(sample))
    driver.wait_loaded()
    window.viewing.set_pinyin(True)
    window.viewing.set_script(Script.TAIWAN)
    driver.wait_loaded()
    pump(100)
    shown = driver.ruby_texts(12)
    assert shown[:2] == ["xīng", "qí"] and shown[7:10] == ["jiù", "lè", "sè"]
    window.taiwan_readings_action.trigger()  # keep the Mainland readings
    driver.wait_loaded()
    pump(100)
    shown = driver.ruby_texts(12)
    assert shown[:2] == ["xīng", "qī"] and shown[7:10] == ["jiū", "lā", "jī"]


def test_popup_gives_the_chosen_systems_reading(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sample = tmp_path / "popup.txt"
    sample.write_text("我們要堅持放管服改革，銀行也要支持。\n", encoding="utf-8")
    window = driver.window
    window.open_path(str(sample))
    driver.wait_loaded()
    window.viewing.set_phonetic("jyutping")
    driver.wait_loaded()
    driver.hover("放管服")
    popup = driver.popup_text()
    assert "fong3 gun2 fuk6" in popup and "fàng guǎn fú" in popup  # Jyutping of the text, and the entry's pinyin
    driver.hover("銀行")
    popup = driver.popup_text()
    assert "ngan4 hong4" in popup and "CC-CEDICT" in popup


def test_dark_theme_darkens_the_panels_too(driver) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    light = w.terms_panel.list.palette().color(w.terms_panel.list.backgroundRole()).lightness()
    w.dark_action.trigger()
    pump(50)
    try:
        dark = w.terms_panel.list.palette().color(w.terms_panel.list.backgroundRole()).lightness()
        assert dark < 80 < light
        assert driver.run_js("return document.body.classList.contains('dark');")
    finally:
        w.dark_action.trigger()
        pump(50)
    assert w.terms_panel.list.palette().color(w.terms_panel.list.backgroundRole()).lightness() == light


def test_open_a_pdf_and_a_word_file_in_the_window(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.core.test_formats import make_docx, make_pdf, paragraph

    pdf = tmp_path / "意见.pdf"
    make_pdf(pdf)
    w = driver.window
    assert w.open_path(str(pdf))
    driver.wait_loaded()
    text = driver.page_text()
    assert paragraph(2, 3) in text and "某市人民政府办公室文件" not in text
    title = driver.run_js("return document.getElementById('doc-title').textContent;")
    assert title == "关于推进城市更新的实施意见"
    word = tmp_path / "报告.docx"
    make_docx(word)
    assert w.open_path(str(word))
    driver.wait_loaded()
    assert "保障性租赁住房 | 一万二千套" in driver.page_text()


def test_library_keeps_what_was_opened_and_finds_it_in_any_script(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    first = tmp_path / "一.txt"
    first.write_text("新質生產力報告\n各地積極培育新質生產力，推動產業升級。\n第二段說明放管服改革的成效。\n", encoding="utf-8")
    second = tmp_path / "二.txt"
    second.write_text("天气预报\n明天多云转晴。\n", encoding="utf-8")
    for path in (first, second):
        assert w.open_path(str(path))
        driver.wait_loaded()
        pump(50)
    library = w.services.library
    titles = [d.title for d in library.documents()]
    assert "新質生產力報告" in titles and "天气预报" in titles
    w.side_tabs.setCurrentWidget(w.library_panel)
    panel = w.library_panel
    panel.query.setText("新质生产力")  # Simplified query, Traditional document
    panel.refresh()
    assert panel.list.count() == 1 and "新質生產力報告" in panel.list.item(0).text()
    # open it from the library at the place found: the document comes back, with its text
    panel.list.itemActivated.emit(panel.list.item(0))
    driver.wait_loaded()
    assert w.document is not None and w.document.title == "新質生產力報告"
    # from a pinned term: the documents that contain it
    w.shelf.show_documents_with({"entry": {"id": "fang-guan-fu", "simplified": "放管服", "traditional": "放管服"}, "text": "放管服"})
    assert w.side_tabs.currentWidget() is panel
    shown = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("新質生產力報告" in s for s in shown) and not any("天气预报" in s for s in shown)


def test_taiwan_view_gives_taiwan_characters_and_vocabulary_on_request(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sample = tmp_path / "vocab.txt"
    sample.write_text("政府支持这个项目，市民搭出租车去买软件。\n", encoding="utf-8")
    w = driver.window
    w.open_path(str(sample))
    driver.wait_loaded()
    w.viewing.set_script(Script.TAIWAN)
    driver.wait_loaded()
    assert "政府支持這個項目，市民搭出租車去買軟件。" in driver.page_text()
    w.vocabulary_action.trigger()
    driver.wait_loaded()
    try:
        assert "政府支持這個項目，市民搭計程車去買軟體。" in driver.page_text()
    finally:
        w.vocabulary_action.trigger()
        driver.wait_loaded()
    assert "出租車" in driver.page_text()


def test_a_scanned_page_is_recognised_in_the_background_and_says_so(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.core.test_formats import _scan_lines, _similarity, render_page

    lines, text = _scan_lines()
    image = tmp_path / "scan.png"
    render_page(lines, image)
    w = driver.window
    assert w.open_path(str(image))
    assert w.recognition is not None  # progress and a Cancel button while it runs
    for _ in range(600):
        if w.recognition is None:
            break
        pump(50)
    driver.wait_loaded()
    assert _similarity(text, driver.page_text()) >= 0.97
    note = driver.run_js("return document.getElementById('doc-note').textContent;")
    assert "recognised from page images (OCR)" in note


def test_paste_as_a_new_document_through_the_dialog(driver) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui.dialogs import PasteDialog

    w = driver.window
    seen: list[str] = []

    def fill_and_open() -> None:  # the modal dialog is up: type into it and press Open
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PasteDialog)
        seen.append(dialog.windowTitle())
        dialog.edit.setPlainText("我们要坚持放管服改革。\n两岸交流日益密切。")
        dialog.accept()

    QTimer.singleShot(300, fill_and_open)
    w.paste_action.trigger()
    driver.wait_loaded()
    assert seen == ["Paste as a new document"]
    assert driver.page_text().splitlines()[0].startswith("我们要坚持放管服改革")
    assert w.document is not None and w.document.source == "pasted text"
    # and a dialog left with Cancel changes nothing
    QTimer.singleShot(300, lambda: QApplication.activeModalWidget().reject())
    w.paste_action.trigger()
    assert w.document.source == "pasted text"


def test_file_open_through_the_dialog(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    chosen = tmp_path / "通知.txt"
    chosen.write_text("关于做好城市更新工作的通知\n各区要压实责任，推进放管服改革。\n", encoding="utf-8")
    w = driver.window

    def choose() -> None:  # Qt's own file dialog (no native one offscreen): type the name, press Open
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(chosen))
        dialog.accept()

    QTimer.singleShot(500, choose)
    w.open_action.trigger()
    driver.wait_loaded()
    assert w.document is not None and w.document.path == str(chosen)
    assert "压实责任" in driver.page_text()


def test_words_menu_one_word_hides_the_term_inside_and_a_bad_split_says_why(driver) -> None:  # type: ignore[no-untyped-def]
    from reader.core.loader import document_from_text

    w = driver.window
    w.viewing.set_script(Script.ORIGINAL)
    w.open_document(document_from_text("改革\n我们要坚持放管服改革。"))
    driver.wait_loaded()
    marks = ("return [...document.querySelectorAll('.term')].map(t => { const c = t.cloneNode(true);"
             " c.querySelectorAll('rt').forEach(r => r.remove()); return c.textContent; }).join('|');")
    assert "放管服改革" in driver.run_js(marks)
    try:
        w.editing.join_selection("坚持放管服改革")  # Words → Treat the selection as one word
        driver.wait_loaded()
        assert "放管服" not in driver.run_js(marks)  # no glossary term inside a word the reader joined
        assert "treated as one word" in w.statusBar().currentMessage()
        w.editing.split_selection("坚持放管服改革")  # no | to say where: refused, with the reason
        assert w.last_warning.startswith("Split here: Not kept") and "|" in w.last_warning
    finally:
        w.services.user_glossary.remove_word_choice("坚持放管服改革")
        w.services.user_glossary_changed()
        w.pages.clear_cache()
