// Zhushi reader page: renders annotated chunks served by zhushi://app, hover popups, word cursor,
// search and term highlights, print preparation. Document text only ever enters the DOM as text
// (textContent / text nodes), never as HTML.
"use strict";

// No network from this page, by any path Chromium has: the CSP (connect-src zhushi://app) already
// refuses fetch, XHR, WebSocket, EventSource and WebTransport; WebRTC is not covered by any CSP
// directive, so its constructors are taken away before anything else runs (and the app starts
// Chromium with UDP outside a proxy disabled for WebRTC).
for (const name of ["RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel", "RTCIceTransport",
                    "RTCSctpTransport", "RTCRtpSender", "RTCRtpReceiver", "WebTransport"]) {
  try { Object.defineProperty(window, name, {value: undefined, writable: false, configurable: false}); } catch (e) { /* absent */ }
}
if (navigator.mediaDevices) {
  try { Object.defineProperty(navigator, "mediaDevices", {value: undefined, configurable: false}); } catch (e) { /* ignore */ }
}

const Z = {
  bridge: null,
  info: null,
  script: "original",
  blocks: [],        // per block: {data, el, hydrated}
  glossary: {},
  dict: {},
  maxWord: 1,
  settings: {pinyin: false, phonetic: "pinyin", tone_style: "marks", tone_colors: false, show_term_marks: true,
             theme: "light", zoom: 1, known_words: [], hide_known_pinyin: false},
  known: new Set(),
  hits: [],          // [block, start, end]
  hitIndex: -1,
  cursor: null,      // {b, i, len}
  loadToken: 0,
  observer: null,
  hoverKey: "",
  positionTimer: 0,
  textOnly: false,   // the first screen is plain text until its terms arrive
  hans: false,       // the text as shown is Simplified (the SC face, Simplified forms in popups)
};

// ---------- pinyin formatting ----------
const TONE_MARKS = {a: "āáǎà", e: "ēéěè", i: "īíǐì", o: "ōóǒò", u: "ūúǔù", "ü": "ǖǘǚǜ",
                    A: "ĀÁǍÀ", E: "ĒÉĚÈ", I: "ĪÍǏÌ", O: "ŌÓǑÒ", U: "ŪÚǓÙ", "Ü": "ǕǗǙǛ"};
function toMarks(syl) {
  const m = /^([^\d]+)([1-5])?$/.exec(syl);
  if (!m) return syl;
  let base = m[1].replace(/v/g, "ü").replace(/u:/g, "ü");
  const tone = m[2] ? Number(m[2]) : 5;
  if (tone === 5) return base;
  let idx = base.search(/[aeAE]/);
  if (idx < 0) idx = base.search(/ou|OU|Ou/);
  if (idx < 0) {
    for (let k = base.length - 1; k >= 0; k--) { if ("aeiouüAEIOUÜ".includes(base[k])) { idx = k; break; } }
  }
  if (idx < 0) return base + tone;
  const ch = base[idx];
  return base.slice(0, idx) + (TONE_MARKS[ch] ? TONE_MARKS[ch][tone - 1] : ch) + base.slice(idx + 1);
}
// Readings arrive as tone-number tokens in the chosen system: pinyin "guo2", Zhuyin "ㄍㄨㄛ2", Jyutping "gwok3".
const ZHUYIN_TONES = {"1": "", "2": "ˊ", "3": "ˇ", "4": "ˋ"};
function formatReading(r) {
  if (!r) return "";
  const system = Z.settings.phonetic || "pinyin";
  if (system === "jyutping") return r;  // Jyutping always writes its tones as numbers
  if (system === "zhuyin") {
    const base = r.slice(0, -1), tone = r.slice(-1);
    return tone === "5" ? "˙" + base : base + (ZHUYIN_TONES[tone] ?? "");
  }
  return Z.settings.tone_style === "numbers" ? r : toMarks(r);
}
function toneOf(r) { const m = /([1-6])$/.exec(r || ""); return m ? m[1] : "5"; }
function cedictMarks(pinyin) { return pinyin.split(" ").map(toMarks).join(" "); }

// ---------- bridge ----------
const pendingCalls = [];
function call(name, payload) {
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  if (!Z.bridge) { pendingCalls.push([name, text]); return; }  // sent once the bridge is up
  Z.bridge.receive(name, text);  // every page message goes through one slot (see reader/ui/bridge.py)
}
function connectBridge() {
  if (typeof QWebChannel === "undefined" || typeof qt === "undefined") { console.log("zhushi: no web channel"); return; }
  new QWebChannel(qt.webChannelTransport, (channel) => {
    Z.bridge = channel.objects.bridge;
    Z.bridge.documentRequested.connect((s) => { Z.loading = loadDocument(JSON.parse(s)); });
    Z.bridge.settingsChanged.connect((s) => applySettings(JSON.parse(s)));
    Z.bridge.searchRequested.connect((s) => showHits(JSON.parse(s)));
    Z.bridge.navigateRequested.connect((s) => navigate(JSON.parse(s)));
    Z.bridge.printRequested.connect((s) => preparePrint(JSON.parse(s)));
    Z.bridge.hoverRequested.connect((s) => hoverText(JSON.parse(s)));
    Z.bridge.printFinished.connect(() => endPrint());
    Z.bridge.receive("pageReady", "{}");
    for (const [name, text] of pendingCalls.splice(0)) Z.bridge.receive(name, text);
  });
}

// ---------- settings ----------
function applySettings(s) {
  Object.assign(Z.settings, s);
  const b = document.body;
  b.classList.toggle("pinyin-on", !!Z.settings.pinyin);
  b.classList.toggle("pinyin-off", !Z.settings.pinyin);
  b.classList.toggle("tone-colors", !!Z.settings.tone_colors);
  b.classList.toggle("marks-off", !Z.settings.show_term_marks);
  b.classList.toggle("dark", Z.settings.theme === "dark");
  document.documentElement.style.setProperty("--zoom", String(Z.settings.zoom || 1));
  const known = new Set(Z.settings.hide_known_pinyin ? (Z.settings.known_words || []) : []);
  const styleChanged = ("tone_style" in s);
  const knownChanged = known.size !== Z.known.size || [...known].some((w) => !Z.known.has(w));
  Z.known = known;
  if (styleChanged || knownChanged) {
    for (const blk of Z.blocks) if (blk.hydrated) refreshRuby(blk);
  }
}

function refreshRuby(blk) {
  const py = blk.data.py;
  for (const rt of blk.el.querySelectorAll("rt")) {
    const i = Number(rt.parentElement.dataset.i);
    rt.textContent = formatReading(py[i]);
  }
  markKnown(blk);
}

// Positions in TEXT covered by a word the reader marked as known.
function knownPositions(text) {
  const out = new Set();
  for (const word of Z.known) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      for (let k = at; k < at + word.length; k++) out.add(k);
    }
  }
  return out;
}

function markKnown(blk) {
  for (const el of blk.el.querySelectorAll(".known")) el.classList.remove("known");
  if (!Z.known.size) return;
  for (const k of knownPositions(blk.data.text)) { const c = charEl(blk, k); if (c) c.classList.add("known"); }
}

// ---------- loading ----------
async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(url + ": " + response.status);
  return response.json();
}

async function loadDocument(req) {
  const token = ++Z.loadToken;
  Z.script = req.script;
  if (req.settings) applySettings(req.settings);
  const t0 = performance.now();
  // the window says which chunk holds the reading position: fetch it alongside the outline
  const firstIndex = Number.isInteger(req.chunk) ? req.chunk : null;
  const infoWanted = fetchJson(`zhushi://app/doc/${req.key}/info.json`);
  const firstWanted = firstIndex === null ? null : fetchJson(`zhushi://app/doc/${req.key}/${req.script}/${firstIndex}.json`);
  if (firstWanted) firstWanted.catch(() => {});  // awaited below; a failure surfaces there
  const info = await infoWanted;
  if (token !== Z.loadToken) return;
  Z.info = info;
  Z.glossary = {}; Z.dict = {}; Z.maxWord = 1; Z.hits = []; Z.hitIndex = -1; Z.cursor = null;
  hidePopup();
  // Simplified text (the Simplified view, or a Simplified document as written) gets the SC face
  const hans = req.script === "simplified" || (req.script === "original" && info.written === "simplified");
  Z.hans = hans;
  document.documentElement.lang = hans ? "zh-Hans" : "zh-Hant";
  document.body.classList.toggle("hans", hans);
  document.getElementById("doc-title").textContent = info.title;
  // a document whose first line is its title shows that line (with its ruby and terms), not a copy
  // (a notice's masthead captions may stand above it)
  const head = info.blocks.find((b) => b.kind !== "caption");
  document.getElementById("doc-title").hidden = !!head && head.kind === "title";
  document.title = info.title;
  document.getElementById("doc-source").textContent = info.source ? "Source: " + info.source : "";
  document.getElementById("doc-note").textContent = info.title_note && info.title_note !== "untitled" ? info.title_note : "";
  const main = document.getElementById("doc");
  main.textContent = "";
  if (Z.observer) Z.observer.disconnect();
  Z.observer = new IntersectionObserver(onIntersect, {rootMargin: "900px 0px"});
  Z.blocks = info.blocks.map((b, i) => {
    const el = document.createElement("div");
    el.className = "block " + b.kind;
    el.dataset.b = String(i);
    el.style.containIntrinsicSize = `auto ${Math.max(1.9, Math.ceil(b.len / 40) * 1.9)}em`;
    main.appendChild(el);
    Z.observer.observe(el);
    return {data: null, el, hydrated: false, visible: false};
  });
  const order = info.chunks.map((_, k) => k);
  const first = firstIndex !== null && firstIndex < info.chunks.length ? firstIndex : chunkForSource(req.position || 0);
  if (first > 0) { order.splice(order.indexOf(first), 1); order.unshift(first); }
  let shown = false;
  for (const k of order) {
    const base = `zhushi://app/doc/${req.key}/${req.script}/${k}`;
    if (!shown) {
      // the first screen: the text only (plain text, one element per character only once there
      // is something to show on them); then glossary terms, then readings and dictionary entries
      Z.textOnly = true;
      addChunk(await (k === firstIndex ? firstWanted : fetchJson(`${base}.json`)));
      if (token !== Z.loadToken) return;
      shown = true;
      if (req.position) scrollToSource(req.position, false);
      // "shown" means the text is painted in its own font, not invisible (the bold face may swap in later)
      const face = hans ? "Zhushi Noto Sans SC" : "Zhushi Noto Sans TC";
      await document.fonts.load(`400 1em "${face}"`, "中文");
      await nextFrame();
      call("documentShown", {script: req.script, key: req.key, ms: performance.now() - t0, painted_at: performance.timeOrigin + performance.now()});
      const terms = await fetchJson(`${base}.terms.json`).catch((err) => {
        console.log("zhushi: no terms: " + err);  // the text still gets its readings below
        return {terms: {}, glossary: {}};
      });
      if (token !== Z.loadToken) return;
      enrichTerms(terms);
      const more = await fetchJson(`${base}.more.json`);
      if (token !== Z.loadToken) return;
      enrichChunk(more);
    } else {
      const chunk = await fetchJson(`${base}.full.json`);
      if (token !== Z.loadToken) return;
      addChunk(chunk);
    }
  }
  if (token === Z.loadToken) call("documentLoaded", {script: req.script, key: req.key, ms: performance.now() - t0});
}

function nextFrame() { return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); }

function chunkForSource(pos) {
  if (!Z.info) return 0;
  let src = 0, blockIndex = 0;
  for (let i = 0; i < Z.info.blocks.length; i++) {
    if (src + Z.info.blocks[i].len >= pos) { blockIndex = i; break; }
    src += Z.info.blocks[i].len + 1; blockIndex = i;
  }
  return Math.max(0, Z.info.chunks.findIndex(([s, e]) => blockIndex >= s && blockIndex < e));
}

function addChunk(chunk) {
  if (chunk.title) { document.getElementById("doc-title").textContent = chunk.title; document.title = chunk.title; }
  Object.assign(Z.glossary, chunk.glossary);
  for (const [w, entries] of Object.entries(chunk.dict)) {
    Z.dict[w] = entries;
    if (w.length > Z.maxWord) Z.maxWord = w.length;
  }
  for (const data of chunk.blocks) {
    const blk = Z.blocks[data.i];
    blk.data = data;
    blk.hydrated = false;
    blk.el.textContent = data.text;
    if (blk.visible && !Z.textOnly) hydrate(blk);
  }
}

function enrichTerms(part) {
  Object.assign(Z.glossary, part.glossary);
  Z.textOnly = false;
  for (const [i, terms] of Object.entries(part.terms)) {
    const blk = Z.blocks[Number(i)];
    blk.data.terms = terms;
    if (blk.hydrated) hydrate(blk);
  }
  for (const blk of Z.blocks) if (blk.visible && blk.data && !blk.hydrated) hydrate(blk);
}

function enrichChunk(more) {
  for (const [w, entries] of Object.entries(more.dict)) {
    Z.dict[w] = entries;
    if (w.length > Z.maxWord) Z.maxWord = w.length;
  }
  for (const [i, py] of Object.entries(more.readings)) {
    const blk = Z.blocks[Number(i)];
    blk.data.py = py;
    if (blk.hydrated) hydrate(blk);
  }
}

function onIntersect(entries) {
  for (const e of entries) {
    const blk = Z.blocks[Number(e.target.dataset.b)];
    if (!blk) continue;
    blk.visible = e.isIntersecting;
    if (e.isIntersecting && blk.data && !blk.hydrated && !Z.textOnly && !Z.printing) hydrate(blk);
    else if (!e.isIntersecting && blk.hydrated && !Z.printing && !blk.pinned) dehydrate(blk);
  }
}

function dehydrate(blk) {
  blk.el.textContent = blk.data.text;
  blk.hydrated = false;
}

// ---------- rendering a block: one element per character ----------
// A block's content: term spans (class "term") around its characters; put(i, ch, parent) adds the
// character at i (two code units for a surrogate pair), close(parent) ends a run inside parent.
function buildBlock(d, put, close = () => {}) {
  const text = d.text, terms = d.terms;
  const frag = document.createDocumentFragment();
  let t = 0, parent = frag, termEnd = -1;
  for (let i = 0; i < text.length; i++) {
    if (i === termEnd) { close(parent); parent = frag; termEnd = -1; }
    while (t < terms.length && terms[t][0] < i) t++;
    if (t < terms.length && terms[t][0] === i) {
      close(parent);
      const span = document.createElement("span");
      // 0 a glossary term; 1 weak (the context does not support the glossary sense); 2 long tail (no entry)
      span.className = ["term", "weakterm", "tailterm"][terms[t][3] || 0];
      if (terms[t][2]) span.dataset.term = terms[t][2];
      else span.dataset.tail = terms[t][4] || "";
      span.dataset.start = String(i);
      frag.appendChild(span);
      parent = span; termEnd = terms[t][1]; t++;
    }
    const code = text.charCodeAt(i);
    const ch = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? text.slice(i, i + 2) : text[i];
    if ((code >= 0x3400 || ch.length === 2) && noGlyph(ch)) {
      // no font here has it: show its code point instead of a box (the character stays, for copying)
      close(parent);
      const box = document.createElement("span");
      box.className = "nofont";
      box.dataset.code = "U+" + ch.codePointAt(0).toString(16).toUpperCase();
      box.title = box.dataset.code;
      put(i, ch, box);
      close(box);
      parent.appendChild(box);
    } else {
      put(i, ch, parent);
    }
    if (ch.length === 2) i++;
  }
  close(parent);
  return frag;
}

// Whether no font draws the character: it is drawn (the page's fonts, then the system's) and
// compared with a code point that no font has. Asked only outside the Unified block, once each.
const glyphless = new Map();
function noGlyph(ch) {
  const cp = ch.codePointAt(0);
  if (cp >= 0x4e00 && cp <= 0x9fa5) return false;  // every one is in the bundled faces
  let answer = glyphless.get(ch);
  if (answer !== undefined) return answer;
  const family = getComputedStyle(document.body).fontFamily;
  if (!document.fonts.check(`32px ${family}`, ch)) return false;  // a web font still loading: ask later
  const draw = (c) => {
    const canvas = (noGlyph.canvas ||= Object.assign(document.createElement("canvas"), {width: 48, height: 48}));
    const ctx = canvas.getContext("2d", {willReadFrequently: true});
    ctx.clearRect(0, 0, 48, 48);
    ctx.font = `32px ${family}`;
    ctx.textBaseline = "top";
    ctx.fillText(c, 4, 4);
    return ctx.getImageData(0, 0, 48, 48).data.join(",");
  };
  answer = draw(ch) === (noGlyph.missing ||= draw("\u{10fffd}"));
  glyphless.set(ch, answer);
  return answer;
}

function rubyEl(ch, reading) {
  const el = document.createElement("ruby");
  el.appendChild(document.createTextNode(ch));
  const rt = document.createElement("rt");
  rt.textContent = formatReading(reading);
  el.appendChild(rt);
  return el;
}

function hydrate(blk) {
  const py = blk.data.py;
  const frag = buildBlock(blk.data, (i, ch, parent) => {
    let el;
    if (py[i]) {
      el = rubyEl(ch, py[i]);
      el.className = "tone" + toneOf(py[i]);
    } else {
      el = document.createElement("span");
      el.className = "c";
      el.textContent = ch;
    }
    el.dataset.i = String(i);
    parent.appendChild(el);
  });
  blk.el.textContent = "";
  blk.el.appendChild(frag);
  blk.hydrated = true;
  markKnown(blk);
  paintHits(blk);
  if (Z.cursor && Z.cursor.b === Number(blk.el.dataset.b)) paintCursor();
}

function charEl(blk, i) {
  if (!blk.hydrated) return null;
  return blk.el.querySelector(`[data-i="${i}"]`);
}

function ensureHydrated(b) {
  const blk = Z.blocks[b];
  if (blk && blk.data && !blk.hydrated && !Z.printing) hydrate(blk);
  return blk;
}

// ---------- lookup ----------
const HAN = /\p{Script=Han}/u;
function isHan(text, i) { return HAN.test(String.fromCodePoint(text.codePointAt(i))); }

function termAt(blk, i) {
  for (const tm of blk.data.terms) if (tm[0] <= i && i < tm[1]) return tm;
  return null;
}

function wordsAt(blk, i) {
  const text = blk.data.text;
  const found = [];
  for (let L = Math.min(Z.maxWord, text.length - i); L >= 1; L--) {
    const w = text.substr(i, L);
    if (Z.dict[w]) found.push([w, Z.dict[w]]);
  }
  return found;
}

const QUOTE_MARKS = "“”「」『』‘’\"'";
function firstLetter(text, start, end) {
  while (start < end - 1 && QUOTE_MARKS.includes(text[start])) start++;
  return start;
}

function lookupAt(b, i) {
  const blk = Z.blocks[b];
  if (!blk || !blk.data || !isHan(blk.data.text, i) && !termAt(blk, i)) return null;
  const tm = termAt(blk, i);
  if (tm && tm[3] === 2) return {kind: "tail", b, start: tm[0], end: tm[1], tail: tm[4], words: partsOf(blk, tm[0], tm[1])};
  // the words of a term are looked up from its first letter (a name read across quotation marks, “三高四新”美好蓝图,
  // opens with the mark)
  const first = tm ? firstLetter(blk.data.text, tm[0], tm[1]) : i;
  if (tm && tm[3]) {
    // a weak hit: the everyday meaning first, the glossary sense second
    return {kind: "word", b, start: tm[0], end: tm[1], words: wordsAt(blk, first).slice(0, 3), alt: Z.glossary[tm[2]]};
  }
  if (tm) return {kind: "term", b, start: tm[0], end: tm[1], entry: Z.glossary[tm[2]], words: wordsAt(blk, first).slice(0, 1)};
  const words = wordsAt(blk, i);
  if (!words.length) return {kind: "char", b, start: i, end: i + 1, words: []};
  return {kind: "word", b, start: i, end: i + words[0][0].length, words: words.slice(0, 3)};
}

// The dictionary words that make up a span, longest first from the left (a character where none is known).
function partsOf(blk, start, end) {
  const parts = [];
  let i = start;
  while (i < end) {
    const found = wordsAt(blk, i).filter(([w]) => i + w.length <= end);
    if (found.length) { parts.push(found[0]); i += found[0][0].length; }
    else i++;
  }
  return parts;
}

const TAIL_KINDS = {numbered: "a numbered formula", quoted: "a quoted phrase", title: "a title"};

// ---------- popup ----------
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function renderPopup(hit) {
  const pop = document.getElementById("popup");
  pop.textContent = "";
  if (hit.kind === "tail") {
    const blk = Z.blocks[hit.b];
    const box = el("div", "entry tail");
    const head = el("div");
    head.appendChild(el("span", "hz", blk.data.text.slice(hit.start, hit.end)));
    const py = blk.data.py ? blk.data.py.slice(hit.start, hit.end).filter((r) => r) : [];
    if (py.length) head.appendChild(el("span", "py", py.map(formatReading).join(" ")));
    head.appendChild(el("span", "badge", "not in the glossary"));
    box.appendChild(head);
    box.appendChild(el("div", "src", `Read as one unit: ${TAIL_KINDS[hit.tail] || "a term"} with no glossary entry. Its parts:`));
    const ol = el("ul", "parts");
    for (const [word, entries] of hit.words) {
      // the fullest entry (a character's first CC-CEDICT entry is often a rare use)
      const d = entries.reduce((a, b) => (b.definitions.length > a.definitions.length ? b : a));
      ol.appendChild(el("li", null, `${word} ${d.pinyin_marks || cedictMarks(d.pinyin)} — ${d.definitions.slice(0, 3).join("; ")}`));
    }
    box.appendChild(ol);
    box.appendChild(el("div", "src", "Click to pin it, then “Add to my glossary”."));
    pop.appendChild(box);
    return pop;
  }
  if (hit.kind === "term" && hit.entry) pop.appendChild(glossaryBox(hit.entry, hit));
  if (hit.kind !== "term" || !hit.entry) {
    const system = Z.settings.phonetic || "pinyin";
    if (system !== "pinyin") {  // the chosen system's reading of the hovered text; CC-CEDICT gives pinyin
      const blk = Z.blocks[hit.b];
      const py = blk.data.py ? blk.data.py.slice(hit.start, hit.end).filter((r) => r) : [];
      if (py.length) {
        const head = el("div", "entry reading");
        head.appendChild(el("span", "hz", blk.data.text.slice(hit.start, hit.end)));
        head.appendChild(el("span", "py alt-reading", py.map(formatReading).join(" ")));
        pop.appendChild(head);
      }
    }
    if (!hit.words.length) {
      const blk = Z.blocks[hit.b];
      pop.appendChild(el("div", "entry", blk.data.text[hit.start] + " — not in the dictionary"));
    }
    for (const [word, entries] of hit.words) {
      for (const d of entries) {
        const box = el("div", "entry dictionary");
        const head = el("div");
        head.appendChild(el("span", "hz", d.simplified === d.traditional ? d.simplified : `${d.simplified} ${d.traditional}`));
        head.appendChild(el("span", "py", d.pinyin_marks || cedictMarks(d.pinyin)));
        box.appendChild(head);
        const ol = el("ol");
        for (const def of d.definitions) ol.appendChild(el("li", null, def));
        box.appendChild(ol);
        pop.appendChild(box);
      }
    }
    pop.appendChild(el("div", "src", "CC-CEDICT"));
    if (hit.alt) {
      pop.appendChild(el("div", "src alt-note", "Also a glossary term — not marked here, as the context does not point to this sense:"));
      pop.appendChild(glossaryBox(hit.alt, null));
    }
  }
  return pop;
}

// The glossary entry as a popup box. With a hit, the head shows what was matched there: a shorter or
// other form (大湾区 for 粤港澳大湾区) gets its own characters and readings, the full form below it.
function glossaryBox(g, hit) {
  const box = el("div", "entry glossary");
  const head = el("div");
  const full = Z.hans ? g.simplified : g.traditional;
  let shown = full, reading = g.pinyin;
  const system = Z.settings.phonetic || "pinyin";
  let inText = "";  // the readings over the matched characters, in the chosen system
  if (hit) {
    const blk = Z.blocks[hit.b];
    const matched = blk.data.text.slice(hit.start, hit.end);
    const py = blk.data.py ? blk.data.py.slice(hit.start, hit.end).filter((r) => r) : [];
    inText = py.length ? py.map(formatReading).join(" ") : "";
    if (matched !== g.simplified && matched !== g.traditional) {
      shown = matched;
      reading = system === "pinyin" ? inText : "";
    }
  }
  head.appendChild(el("span", "hz", shown));
  if (system !== "pinyin" && inText) head.appendChild(el("span", "py alt-reading", inText));
  if (reading) head.appendChild(el("span", "py", reading));
  head.appendChild(el("span", "badge", g.source === "user" ? "my glossary" : "glossary"));
  box.appendChild(head);
  if (shown !== full) box.appendChild(el("div", "src", `form of ${full} ${g.pinyin}`));
  else if (g.simplified !== g.traditional) box.appendChild(el("div", "src", g.forms));
  box.appendChild(el("div", "en", g.english));
  box.appendChild(el("div", "src", g.region_label ? `${g.whose} · ${g.region_label}` : g.whose));
  box.appendChild(el("p", "ex", g.explanation_en));
  box.appendChild(el("p", "ex zh", g.explanation_zh));
  return box;
}

function showPopup(hit, x, y) {
  const pop = renderPopup(hit);
  markHovered(hit);
  // the hovered word's box (its characters' union); the mouse point if it has none
  let wordTop = y, wordBottom = y;
  for (const e of document.querySelectorAll(".hovered")) {
    const r = e.getBoundingClientRect();
    if (r.height) { wordTop = Math.min(wordTop === y ? r.top : wordTop, r.top); wordBottom = Math.max(wordBottom === y ? r.bottom : wordBottom, r.bottom); }
  }
  pop.hidden = false;
  pop.style.maxHeight = "";
  pop.style.left = "0px";  // measured at its natural width, not squeezed by where it was last shown
  pop.style.top = "0px";
  const w = pop.offsetWidth;
  const vw = window.innerWidth, vh = window.innerHeight, gap = 6;
  let left = x + 12;
  if (left + w > vw - gap) left = Math.max(gap, vw - w - gap);
  // below the word when it fits, else above it; when neither side holds it whole, on the roomier
  // side with its height capped there (it scrolls): the popup never covers the word it explains
  const below = vh - wordBottom - 2 * gap, above = wordTop - 2 * gap;
  let h = pop.offsetHeight, top;
  if (h <= below) top = wordBottom + gap;
  else if (h <= above) top = wordTop - gap - h;
  else if (below >= above) { pop.style.maxHeight = below + "px"; top = wordBottom + gap; }
  else { pop.style.maxHeight = above + "px"; h = pop.offsetHeight; top = wordTop - gap - h; }
  pop.style.left = left + "px";
  pop.style.top = Math.max(gap, top) + "px";
  const key = `${hit.b}:${hit.start}:${hit.end}`;
  if (key !== Z.hoverKey) {
    Z.hoverKey = key;
    const blk = Z.blocks[hit.b];
    call("hoverShown", {kind: hit.kind, text: blk.data.text.slice(hit.start, hit.end),
                        id: hit.entry ? hit.entry.id : null, popup: pop.innerText});
  }
}

function markHovered(hit) {
  for (const e of document.querySelectorAll(".hovered")) e.classList.remove("hovered");
  const blk = Z.blocks[hit.b];
  for (let k = hit.start; k < hit.end; k++) { const c = charEl(blk, k); if (c) c.classList.add("hovered"); }
}

function hidePopup() {
  const pop = document.getElementById("popup");
  pop.hidden = true;
  Z.hoverKey = "";
  for (const e of document.querySelectorAll(".hovered")) e.classList.remove("hovered");
}

function charTarget(node) {
  const c = node && node.closest ? node.closest("[data-i]") : null;
  if (!c) return null;
  const blockEl = c.closest(".block");
  if (!blockEl) return null;
  return {b: Number(blockEl.dataset.b), i: Number(c.dataset.i), el: c};
}

let pendingMove = null;
function onMouseMove(ev) {
  pendingMove = ev;
  requestAnimationFrame(() => {
    if (!pendingMove) return;
    const e = pendingMove; pendingMove = null;
    if (e.target.closest && e.target.closest("#popup")) return;
    const t = charTarget(e.target);
    if (!t) { hidePopup(); return; }
    const hit = lookupAt(t.b, t.i);
    if (!hit) { hidePopup(); return; }
    showPopup(hit, e.clientX, e.clientY);
  });
}

function onClick(ev) {
  const t = charTarget(ev.target);
  if (!t) return;
  const hit = lookupAt(t.b, t.i);
  if (!hit) return;
  const blk = Z.blocks[hit.b];
  call("entryActivated", {kind: hit.kind, text: blk.data.text.slice(hit.start, hit.end), entry: hit.entry || null,
                          words: hit.words.map(([w, es]) => ({word: w, entries: es})), tail: hit.tail || null,
                          alt: hit.alt || null});
}

// hover by text, for tests and the screenshot command: the first occurrence of a text
function hoverText(req) {
  const needle = req.text;
  for (let b = 0; b < Z.blocks.length; b++) {
    const blk = Z.blocks[b];
    if (!blk.data) continue;
    const at = blk.data.text.indexOf(needle);
    if (at < 0) continue;
    ensureHydrated(b);
    const c = charEl(blk, at);
    c.scrollIntoView({block: "center"});
    const r = c.getBoundingClientRect();
    call("hoverTarget", {x: r.left + r.width / 2, y: r.top + r.height * 0.75, b, i: at});
    return;
  }
  call("hoverTarget", {x: -1, y: -1});
}

// ---------- keyboard word cursor ----------
function segmentStarts(blk) {
  const starts = [];
  const text = blk.data.text;
  let i = 0;
  while (i < text.length) {
    starts.push(i);
    const tm = termAt(blk, i);
    if (tm && tm[0] === i) { i = tm[1]; continue; }
    const w = isHan(blk.data.text, i) ? wordsAt(blk, i) : [];
    i += w.length ? w[0][0].length : 1;
  }
  return starts;
}

function moveCursor(dir) {
  if (!Z.cursor) {
    const first = firstVisibleChar();
    if (!first) return;
    Z.cursor = {b: first.b, i: first.i};
  } else {
    let {b, i} = Z.cursor;
    let blk = ensureHydrated(b);
    const starts = segmentStarts(blk);
    let k = starts.indexOf(i);
    if (k < 0) k = starts.findIndex((s) => s > i) - 1;
    k += dir;
    while (k < 0 || k >= starts.length) {
      b += dir;
      if (b < 0 || b >= Z.blocks.length || !Z.blocks[b].data) return;
      blk = ensureHydrated(b);
      const s2 = segmentStarts(blk);
      if (!s2.length) continue;
      Z.cursor = {b, i: dir > 0 ? s2[0] : s2[s2.length - 1]};
      return finishCursor();
    }
    Z.cursor = {b, i: starts[k]};
  }
  finishCursor();
}

function finishCursor() {
  // skip characters without a reading (punctuation) in the direction of travel
  paintCursor();
  const {b, i} = Z.cursor;
  const hit = lookupAt(b, i);
  const c = charEl(Z.blocks[b], i);
  if (c) {
    c.scrollIntoView({block: "nearest"});
    const r = c.getBoundingClientRect();
    if (hit) showPopup(hit, r.left, r.bottom); else hidePopup();
  }
}

function paintCursor() {
  for (const e of document.querySelectorAll(".cursor")) e.classList.remove("cursor");
  if (!Z.cursor) return;
  const blk = Z.blocks[Z.cursor.b];
  const hit = lookupAt(Z.cursor.b, Z.cursor.i);
  const end = hit ? hit.end : Z.cursor.i + 1;
  for (let k = Z.cursor.i; k < end; k++) { const c = charEl(blk, k); if (c) c.classList.add("cursor"); }
}

function onKey(ev) {
  if (ev.key === "ArrowRight" || ev.key === "ArrowDown" && ev.altKey) { moveCursor(1); ev.preventDefault(); }
  else if (ev.key === "ArrowLeft") { moveCursor(-1); ev.preventDefault(); }
  else if (ev.key === "Escape") {
    hidePopup(); Z.cursor = null; paintCursor();
    call("escapePressed", {});
  } else if (ev.key === "Enter" && Z.cursor) {
    const c = charEl(Z.blocks[Z.cursor.b], Z.cursor.i);
    if (c) onClick({target: c});
  }
}

// ---------- reading position ----------
function firstVisibleChar() {
  const main = document.getElementById("doc").getBoundingClientRect();
  for (let y = 8; y < window.innerHeight; y += 16) {
    const node = document.elementFromPoint(main.left + 40, y) || document.elementFromPoint(window.innerWidth / 2, y);
    const blockEl = node && node.closest ? node.closest(".block") : null;
    if (!blockEl) continue;
    const b = Number(blockEl.dataset.b);
    const blk = ensureHydrated(b);
    if (!blk || !blk.data) continue;
    const t = charTarget(node);
    if (t) return t;
    const first = blk.el.querySelector("[data-i]");
    if (first) return {b, i: Number(first.dataset.i), el: first};
  }
  return null;
}

function sourceOf(b, i) {
  const d = Z.blocks[b].data;
  return d.src + (d.map ? d.map[i] : i);
}

function reportPosition() {
  clearTimeout(Z.positionTimer);
  Z.positionTimer = setTimeout(() => {
    const t = firstVisibleChar();
    if (t) call("positionChanged", {position: sourceOf(t.b, t.i)});
  }, 150);
}

function scrollToSource(pos, smooth) {
  for (let b = 0; b < Z.blocks.length; b++) {
    const d = Z.blocks[b].data;
    if (!d) continue;
    const srcLen = d.map ? d.map[d.map.length - 1] : d.text.length;
    if (pos >= d.src && pos <= d.src + srcLen) {
      ensureHydrated(b);
      let i = pos - d.src;
      if (d.map) { i = 0; while (i + 1 < d.map.length && d.map[i + 1] <= pos - d.src) i++; }
      const c = charEl(Z.blocks[b], Math.min(i, d.text.length - 1)) || Z.blocks[b].el;
      const top = c.getBoundingClientRect().top + window.scrollY - 8;
      window.scrollTo({top, behavior: smooth ? "smooth" : "instant"});
      return true;
    }
  }
  return false;
}

// ---------- search hits and term navigation ----------
function paintHits(blk) {
  const b = Number(blk.el.dataset.b);
  Z.hits.forEach(([hb, s, e], k) => {
    if (hb !== b) return;
    for (let x = s; x < e; x++) {
      const c = charEl(blk, x);
      if (c) { c.classList.add("hit"); c.classList.toggle("current", k === Z.hitIndex); }
    }
  });
}

function showHits(req) {
  for (const e of document.querySelectorAll(".hit")) e.classList.remove("hit", "current");
  Z.hits = req.hits || [];
  Z.hitIndex = Z.hits.length ? Math.max(0, Math.min(req.current || 0, Z.hits.length - 1)) : -1;
  for (const blk of Z.blocks) if (blk.hydrated) paintHits(blk);
  if (Z.hitIndex >= 0) goToHit(Z.hitIndex);
}

function goToHit(k) {
  Z.hitIndex = k;
  const [b, s] = Z.hits[k];
  const blk = ensureHydrated(b);
  for (const e of document.querySelectorAll(".hit.current")) e.classList.remove("current");
  paintHits(blk);
  const c = charEl(blk, s);
  if (c) c.scrollIntoView({block: "center"});
}

function termOccurrences(id) {
  const out = [];
  Z.blocks.forEach((blk, b) => {
    if (!blk.data) return;
    for (const tm of blk.data.terms) if (tm[2] === id && !tm[3]) out.push([b, tm[0], tm[1]]);
  });
  return out;
}

function navigate(req) {
  if (req.action === "hit" && Z.hits.length) goToHit(((req.index % Z.hits.length) + Z.hits.length) % Z.hits.length);
  else if (req.action === "position") scrollToSource(req.position, false);
  else if (req.action === "term") {
    for (const e of document.querySelectorAll(".current-term")) e.classList.remove("current-term");
    const occ = termOccurrences(req.id);
    if (!occ.length) return;
    const k = ((req.index || 0) % occ.length + occ.length) % occ.length;
    for (const [b] of occ) ensureHydrated(b);
    for (const e of document.querySelectorAll(`.term[data-term="${CSS.escape(req.id)}"]`)) e.classList.add("current-term");
    const [b, s] = occ[k];
    const c = charEl(Z.blocks[b], s);
    if (c) c.scrollIntoView({block: "center"});
    call("termShown", {id: req.id, index: k, count: occ.length});
  }
}

// ---------- print ----------
function makeNote(g, n, pages) {
  const p = el("div", "note");
  p.id = `note-${n}`;
  p.appendChild(el("span", "n", n + ". "));
  p.appendChild(el("b", null, g.forms));
  p.appendChild(document.createTextNode(` ${g.pinyin} — `));
  p.appendChild(el("i", null, g.english));
  p.appendChild(document.createTextNode(` (${g.whose})`));
  if (g.region_label) p.appendChild(document.createTextNode(` [${g.region_label}]`));
  p.appendChild(el("div", null, g.explanation_en));
  p.appendChild(el("div", null, g.explanation_zh));
  if (pages && pages.length) p.appendChild(el("div", "pages", (pages.length > 1 ? "pp. " : "p. ") + pages.join(", ")));
  return p;
}

async function preparePrint(req) {
  const pages = req.pages || {};
  if (Z.printed && Z.printed.notes === (req.notes || "end") && Object.keys(pages).length) {
    // second pass: the layout is done; only the notes learn their pages
    const stubs = document.querySelector("#notes .note-stubs");
    if (stubs) {
      // the notes at the end are written now, with their pages (the first print only had to find the pages)
      const full = document.createDocumentFragment();
      const ordered = Object.entries(Z.printed.numbers).sort((a, b) => a[1] - b[1]);
      for (const [id, n] of ordered) full.appendChild(makeNote(Z.glossary[id], n));  // pages: the loop below
      stubs.replaceWith(full);
    }
    for (const [id, n] of Object.entries(Z.printed.numbers)) {
      const note = document.getElementById(`note-${n}`);
      if (!note) continue;
      const old = note.querySelector(".pages");
      if (old) old.remove();
      if (pages[id] && pages[id].length) note.appendChild(el("div", "pages", (pages[id].length > 1 ? "pp. " : "p. ") + pages[id].join(", ")));
    }
    if (req.notes_only) {
      // print only the notes; their first page is numbered as the page after the body's last
      // (a constructed style sheet: the page's policy refuses inline style elements)
      const offset = (Z.pageOffset ||= new CSSStyleSheet());
      offset.replaceSync(`@page :first { counter-increment: page ${Number(req.notes_only) + 1}; }`);
      if (!document.adoptedStyleSheets.includes(offset)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, offset];
      document.body.classList.add("notes-only");
    }
    await nextFrame();
    call("printReady", Z.printed.reply);
    return;
  }
  Z.printing = true;
  hidePopup();
  // the wide print faces are only used in print: their files are fetched while the pages are built
  const faces = Z.settings.pinyin ? printFaces() : Promise.resolve();
  if (Z.loading) await Z.loading;
  while (Z.blocks.some((blk) => !blk.data)) await new Promise((r) => setTimeout(r, 50));
  for (const blk of Z.blocks) printRender(blk);
  document.body.classList.add("print");
  document.querySelectorAll(".block.heading").forEach((h, k) => {
    h.id = `h-${k}`;
    if (!h.querySelector("a.hlink")) {
      const a = el("a", "hlink");
      a.href = `#h-${k}`;
      while (h.firstChild) a.appendChild(h.firstChild);
      h.appendChild(a);
    }
  });
  const notes = document.getElementById("notes");
  notes.textContent = "";
  for (const s of document.querySelectorAll("sup.noteref, .blocknotes")) s.remove();
  const numbers = {};
  const firstBlock = new Map();
  let next = 1;
  const mode = req.notes || "end";
  notes.hidden = true;
  if (mode !== "none") {
    for (const span of document.querySelectorAll(".term")) {
      const id = span.dataset.term;
      if (!Z.glossary[id]) continue;
      const blockEl = span.closest(".block");
      if (!numbers[id]) {
        numbers[id] = next++;
        if (!firstBlock.has(blockEl)) firstBlock.set(blockEl, []);
        firstBlock.get(blockEl).push(id);
      }
      const sup = el("sup", "noteref");
      const a = el("a", null, String(numbers[id]));
      a.href = `#note-${numbers[id]}`;
      sup.appendChild(a);
      span.after(sup);
    }
    if (mode === "footnotes") {
      for (const [blockEl, ids] of firstBlock) {
        const box = el("div", "blocknotes");
        for (const id of ids) box.appendChild(makeNote(Z.glossary[id], numbers[id], pages[id]));
        blockEl.after(box);
      }
    } else {
      notes.appendChild(el("h2", null, "Glossary · 詞彙表"));
      const ordered = Object.entries(numbers).sort((a, b) => a[1] - b[1]);
      // The notes start on a page of their own, so the first print needs only where each is linked from
      // and where they begin: a line of anchors stands in for them (laying out 30 pages of notes twice
      // was most of a short document's export). The second print writes them out with their pages.
      const stubs = notes.appendChild(el("p", "note-stubs"));
      for (const [, n] of ordered) {
        const stub = stubs.appendChild(el("span", "note-stub", `${n} `));
        stub.id = `note-${n}`;
      }
      notes.hidden = false;
    }
  }
  await faces;  // loaded before Chromium lays out the pages
  await document.fonts.ready;
  if (Z.settings.pinyin) await readingLines(req.paper);
  await nextFrame();
  const headings = [...document.querySelectorAll(".block.heading")].map((h) => h.innerText.replace(/\s+/g, " ").trim());
  const plain = Z.blocks.filter((b) => b.data.kind === "heading").map((b) => b.data.text);
  const reply = {notes: Object.keys(numbers).length, headings: plain.length ? plain : headings, numbers};
  Z.printed = {notes: mode, numbers, reply};
  call("printReady", reply);
}

function printFaces() {
  const family = Z.hans ? "Zhushi Print SC" : "Zhushi Print TC";
  return Promise.all(["400", "700"].map((w) => document.fonts.load(`${w} 1em "${family}"`, "中文").catch(() => null)));
}

// A block as printed: text runs and term spans, none of the per-character elements and attributes the
// screen needs for hover and the cursor (Chromium's print layout costs per element). With readings, the
// text runs are recorded with the position of their first character, and the readings of the block
// are kept beside them: readingLines() then sets them as a row over each line of text.
function printRender(blk) {
  const py = blk.data.py;
  const readings = !!Z.settings.pinyin;
  const known = readings ? knownPositions(blk.data.text) : new Set();
  const runs = [];
  let run = "", runStart = 0;
  const close = (parent) => {
    if (run) {
      const node = document.createTextNode(run);
      parent.appendChild(node);
      runs.push([node, runStart]);
      run = "";
    }
  };
  const frag = buildBlock(blk.data, (i, ch, parent) => {
    if (!run) runStart = i;
    run += ch;
  }, close);
  blk.el.textContent = "";
  blk.el.appendChild(frag);
  blk.hydrated = false;
  blk.printed = true;
  blk.printRuns = readings ? runs : null;
  blk.printKnown = known;
}

// ---------- readings in print: a row of readings over each line of text ----------
// A ruby per character made Chromium's print layout the whole cost of a long export. Instead the page
// is laid out once as plain text at the width of the printed page, each line is read back (where it
// breaks, where each character sits), and every block becomes one element per line: a row with the
// readings placed over their characters and the line of text itself, which cannot wrap again.
// A PDF reader then finds each line of hanzi whole and the readings on their own line.
const PAPER_MM = {a4: 210, letter: 215.9};
const PAGE_SIDES_MM = 32;  // the @page margins left and right (reader.css)
const READING_SIZE = 0.45;  // a reading's font size, in em of its text
const READING_ROOM = 1.22;  // a reading this wide (in em of its text; the pitch is 1.3) keeps its size anywhere
const READING_FONT = '"Zhushi Noto Sans SC", sans-serif';

async function readingLines(paper) {
  const width = ((PAPER_MM[paper] || PAPER_MM.a4) - PAGE_SIDES_MM) * 96 / 25.4;
  document.body.classList.add("print-measure");
  document.body.style.width = `${width}px`;
  try {
    // every block is measured before any is rebuilt: one layout for the whole document
    const plans = Z.blocks.filter(hasReadings).map(measureLines);
    // rebuilt out of the document: a detached subtree changes without invalidating the page's style
    const doc = document.getElementById("doc"), holder = doc.parentNode, after = doc.nextSibling;
    doc.remove();
    try {
      for (const plan of plans) setLines(plan);
    } finally {
      holder.insertBefore(doc, after);
    }
  } finally {
    document.body.classList.remove("print-measure");
    document.body.style.width = "";
  }
}

// A block with no reading to show (English, numbers, words marked known) prints as it is.
function hasReadings(blk) {
  if (!blk.printRuns || !blk.printRuns.length) return false;
  const py = blk.data.py || [];
  for (let i = 0; i < py.length; i++) if (py[i] && !blk.printKnown.has(i)) return true;
  return false;
}

function measureLines(blk) {
  const el = blk.el, cs = getComputedStyle(el), box = el.getBoundingClientRect();
  const left = box.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
  const size = parseFloat(cs.fontSize);
  const py = blk.data.py, known = blk.printKnown;
  const range = document.createRange();
  const lines = [];
  let line = null;
  for (const [node, start] of blk.printRuns) {
    const s = node.data;
    for (let o = 0; o < s.length; o++) {
      const code = s.charCodeAt(o);
      const n = code >= 0xd800 && code <= 0xdbff && o + 1 < s.length ? 2 : 1;
      range.setStart(node, o);
      range.setEnd(node, o + n);
      const r = range.getBoundingClientRect();
      if (r.width > 0) {
        if (!line || r.top > line.top + size / 2) {
          line = {top: r.top, node, offset: o, x: r.left - left, readings: []};
          lines.push(line);
        }
        const i = start + o;
        // a glyph's ink is one em at the left of its box (the print faces are wider): centre the reading on it
        if (py[i] && !known.has(i)) line.readings.push([r.left + Math.min(r.width, size) / 2 - left, py[i]]);
      }
      o += n - 1;
    }
  }
  return {blk, lines, size, justify: cs.textAlign === "justify"};
}

function setLines(plan) {
  const {blk, lines, size, justify} = plan;
  if (!lines.length) return;
  const el = blk.el, range = document.createRange();
  const parts = [];
  for (let k = lines.length - 1; k >= 0; k--) {  // from the end: earlier boundaries stay where they are
    if (k === 0) range.setStart(el, 0);
    else range.setStart(lines[k].node, lines[k].offset);
    range.setEnd(el, el.childNodes.length);
    parts[k] = range.extractContents();
  }
  el.textContent = "";
  lines.forEach((line, k) => {
    const row = el.appendChild(document.createElement("div"));
    row.className = "pl";
    row.appendChild(readingRow(line.readings, size));
    const text = row.appendChild(document.createElement("div"));
    text.className = "hz";
    if (line.x > 0.5) text.style.paddingLeft = `${line.x.toFixed(2)}px`;
    if (justify && k < lines.length - 1) text.style.textAlignLast = "justify";
    text.appendChild(parts[k]);
  });
}

const readingWidths = new Map();
function readingWidth(text) {  // in em of the reading's font
  let w = readingWidths.get(text);
  if (w === undefined) {
    const ctx = (readingWidth.ctx ||= document.createElement("canvas").getContext("2d"));
    ctx.font = `100px ${READING_FONT}`;
    w = ctx.measureText(text).width / 100;
    readingWidths.set(text, w);
  }
  return w;
}

// The row of readings is one line of text: each reading is moved over its character by the spaces
// before it (a space is a fifth of an em of the reading, a few tenths of a millimetre on paper). A
// reading wider than its character, where its neighbours leave no room, gets a smaller size in a span
// of its own; with tone colours every reading is a span. Chromium lays such a row out as cheaply as
// any line of text, and a PDF reader finds the readings as words, apart from the hanzi.
function readingRow(readings, size) {
  const row = document.createElement("div");
  row.className = "pyrow";
  const fontSize = READING_SIZE * size;
  row.style.fontSize = `${fontSize.toFixed(2)}px`;
  const space = readingWidth(" ") * fontSize;
  const colours = !!Z.settings.tone_colors;
  let run = "", cursor = 0;
  const flush = () => { if (run) { row.appendChild(document.createTextNode(run)); run = ""; } };
  readings.forEach(([centre, raw], k) => {
    const shown = formatReading(raw);
    let width = readingWidth(shown) * fontSize, scale = 1;
    const next = k + 1 < readings.length ? readings[k + 1][0] : Infinity;
    // the room this reading may take: up to a space before the middle between it and its neighbours
    const room = Math.min(centre - cursor, next - centre) * 2 - space;
    if (width > READING_ROOM * size && width > room) {
      scale = Math.max(room, READING_ROOM * size) / width;
      width *= scale;
    }
    const start = Math.max(centre - width / 2, cursor + (k ? space : 0));
    const gaps = Math.max(k ? 1 : 0, Math.round((start - cursor) / space));
    run += " ".repeat(gaps);
    cursor += gaps * space;
    if (scale < 1 || colours) {
      flush();
      const span = row.appendChild(document.createElement("span"));
      span.textContent = shown;
      if (colours) span.className = "tone" + toneOf(raw);
      if (scale < 1) span.style.fontSize = `${(fontSize * scale).toFixed(2)}px`;
    } else {
      run += shown;
    }
    cursor += width;
  });
  flush();
  return row;
}

function endPrint() {
  Z.printing = false;
  Z.printed = null;
  for (const blk of Z.blocks) {
    if (!blk.printed) continue;
    blk.printed = false;
    if (blk.visible) hydrate(blk); else dehydrate(blk);
  }
  document.body.classList.remove("notes-only");
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== Z.pageOffset);
  document.body.classList.remove("print");
}

// ---------- start ----------
window.addEventListener("DOMContentLoaded", () => {
  document.addEventListener("mousemove", onMouseMove, {passive: true});
  document.addEventListener("mouseleave", hidePopup);
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  window.addEventListener("scroll", () => { hidePopup(); reportPosition(); }, {passive: true});
  // A first document can come with the page's address, so loading starts before the bridge is up.
  const first = new URLSearchParams(location.search).get("request");
  if (first) Z.loading = loadDocument(JSON.parse(first));
  connectBridge();
});
