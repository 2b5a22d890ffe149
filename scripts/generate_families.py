"""Write the glossary entries of whole families from tables of facts: Party congresses, plenary
sessions, NPC and CPPCC sessions, five-year plans.

    python scripts/generate_families.py          # writes glossary/data/family-*.toml
    python scripts/generate_families.py --check  # exit 1 when a written file is out of date

The tables are glossary/families/*.toml; the pinyin comes from the reader's own annotator and the
Traditional form from its converter, so a family is right (or wrong) as a whole and is fixed in one
place.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.convert import default_converter  # noqa: E402
from reader.core.pinyin import reading_line  # noqa: E402

TABLES = ROOT / "glossary" / "families"
OUT = ROOT / "glossary" / "data"

DIGITS = "零一二三四五六七八九"
PINYIN_DIGITS = ["ling", "yi", "er", "san", "si", "wu", "liu", "qi", "ba", "jiu"]
ORDINAL_WORDS = ["", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth"]
MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def zh_number(n: int) -> str:
    """1..99 in Chinese numerals as used in session names: 十八, 二十, 二十一."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    head = "" if tens == 1 else DIGITS[tens]
    return head + "十" + (DIGITS[ones] if ones else "")


def id_number(n: int) -> str:
    """The same number spelled in toneless pinyin for an id: shi-ba, er-shi, er-shi-yi."""
    tens, ones = divmod(n, 10)
    parts: list[str] = []
    if tens:
        if tens > 1:
            parts.append(PINYIN_DIGITS[tens])
        parts.append("shi")
    if ones or not tens:
        parts.append(PINYIN_DIGITS[ones])
    return "-".join(parts)


def ordinal(n: int) -> str:
    """18 → 18th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def month_en(date: str) -> str:
    """1978-12 → December 1978."""
    year, _, month = date.partition("-")
    return f"{MONTHS[int(month)]} {year}" if month else year


def month_zh(date: str) -> str:
    """1978-12 → 1978年12月."""
    year, _, month = date.partition("-")
    return f"{year}年{int(month)}月" if month else f"{year}年"




def traditional(text: str) -> str:
    return default_converter().convert(text, "zhushi-s2t").text


def entry(id_: str, simplified: str, variants: list[str], english: str, note: str, en: str, zh: str,
          category: str, introduced: str = "", superseded: str = "", related: list[str] | None = None,
          region: str = "national") -> dict[str, Any]:
    trad = traditional(simplified)
    seen = {simplified, trad}
    kept = [v for v in variants if not (v in seen or seen.add(v))]  # type: ignore[func-returns-value]
    return {
        "id": id_, "simplified": simplified, "traditional": trad, "variants": kept,
        "pinyin": reading_line(simplified), "english": english,
        "english_source": "official" if note else "zhushi", "english_source_note": note,
        "explanation_en": en, "explanation_zh": zh, "category": category, "region": region,
        "introduced": introduced, "superseded": superseded, "related": related or [],
    }


def congress_id(n: int) -> str:
    return f"dang-de-{id_number(n)}-da"


def congresses() -> list[dict[str, Any]]:
    rows = tomllib.loads((TABLES / "congresses.toml").read_text(encoding="utf-8"))["congress"]
    out = []
    for row in rows:
        n = row["n"]
        z = zh_number(n)
        variants = [f"中共{z}大", f"中国共产党第{z}次全国代表大会", f"党的第{z}次全国代表大会"]
        if n >= 10:  # news, Taiwan's and Hong Kong's press among it, also writes the number in figures (中共20大)
            variants += [f"中共{n}大", f"中共第{n}次全国代表大会", f"中国共产党第{n}次全国代表大会"]
        if n >= 12:  # 一大 … 十一大 also read as ordinary words (十大, 八大菜系)
            variants.append(f"{z}大")
        en = (f"The {ordinal(n)} National Congress of the Communist Party of China, held in {row['place_en']} "
              f"in {month_en(row['dates'])}. It {row['what_en']}.")
        if n >= 11:
            en += (" Since 1977 a congress has met every five years; it elects the Central Committee, and its "
                   "report and 'spirit' frame official writing until the next one.")
        zh = f"中国共产党第{z}次全国代表大会，{month_zh(row['dates'])}在{row['place_zh']}召开。{row['what_zh']}。"
        related = [congress_id(n - 1)] if n > 1 else []
        if n < len(rows):
            related.append(congress_id(n + 1))
        out.append(entry(congress_id(n), f"党的{z}大", variants,
                         f"{ordinal(n)} National Congress of the Communist Party of China", "CPC / Xinhua",
                         en, zh, "meeting", introduced=row["dates"], related=related))
    return out


# How many plenary sessions each Central Committee held (the 20th is still in office).
PLENUM_COUNT = {11: 7, 12: 7, 13: 9, 14: 7, 15: 7, 16: 7, 17: 7, 18: 7, 19: 7}


def congress_dates() -> dict[int, str]:
    rows = tomllib.loads((TABLES / "congresses.toml").read_text(encoding="utf-8"))["congress"]
    return {row["n"]: row["dates"] for row in rows}


def plenums() -> list[dict[str, Any]]:
    table = tomllib.loads((TABLES / "plenums.toml").read_text(encoding="utf-8"))["plenum"]
    facts = {(row["cc"], row["n"]): row for row in table}
    dates = congress_dates()
    keys = set(facts)
    for cc in range(11, 21):
        keys.add((cc, 1))
        if cc in PLENUM_COUNT:
            keys.add((cc, PLENUM_COUNT[cc]))
    out = []
    for cc, n in sorted(keys):
        c, k = zh_number(cc), zh_number(n)
        simplified = f"{c}届{k}中全会"
        variants = [f"党的{c}届{k}中全会", f"中共{c}届{k}中全会", f"中国共产党第{c}届中央委员会第{k}次全体会议"]
        english = f"{ORDINAL_WORDS[n]} Plenary Session of the {ordinal(cc)} Central Committee of the Communist Party of China"
        head_en = f"Plenary session of the Communist Party of China's {ordinal(cc)} Central Committee"
        if (cc, n) in facts:
            row = facts[(cc, n)]
            en = f"{head_en}, held in {month_en(row['dates'])}. It {row['what_en']}."
            zh = f"中共第{c}届中央委员会第{k}次全体会议，{month_zh(row['dates'])}召开。{row['what_zh']}。"
            introduced = row["dates"]
        elif n == 1:
            en = (f"{head_en}, the first, held right after the {ordinal(cc)} Party Congress in "
                  f"{month_en(dates[cc])}. A first plenum elects the Politburo, its Standing Committee and the "
                  "Party's top leader, and names the Central Military Commission.")
            zh = f"中共第{c}届中央委员会第一次全体会议，{month_zh(dates[cc])}党的{c}大闭幕后召开，选举产生中央领导机构。"
            introduced = dates[cc]
        else:
            year = dates[cc + 1][:4]
            en = (f"{head_en}, its last, held in {year} shortly before the {ordinal(cc + 1)} Party Congress "
                  "to prepare it (the Central Committee's report and the draft amendments to the Party Constitution).")
            zh = f"中共第{c}届中央委员会最后一次全体会议，{year}年在党的{zh_number(cc + 1)}大召开前举行，为大会作准备。"
            introduced = year
        out.append(entry(f"{id_number(cc)}-jie-{id_number(n)}-zhong-quan-hui", simplified, variants, english,
                         "CPC / Xinhua", en, zh, "meeting", introduced=introduced, related=[congress_id(cc)]))
    return out


def sessions() -> list[dict[str, Any]]:
    data = tomllib.loads((TABLES / "sessions.toml").read_text(encoding="utf-8"))
    notes = {(row["term"], row["session"]): row for row in data["note"]}
    out = []
    for term in data["term"]:
        t = term["n"]
        for s in range(1, term["sessions"] + 1):
            year = term["first_year"] + s - 1
            when_en = "May 2020, postponed from March by the Covid-19 epidemic" if year == 2020 else f"March {year}"
            when_zh = "2020年5月（因新冠疫情推迟）" if year == 2020 else f"{year}年3月"
            note = notes.get((t, s))
            zt, zs = zh_number(t), zh_number(s)
            npc_en = (f"Annual full session of the National People's Congress held in {when_en}, the "
                      f"{ORDINAL_WORDS[s].lower()} of the "
                      f"{ordinal(t)} NPC's five-year term. Each session hears and approves the government work report, "
                      "the plan and the budget.")
            if note:
                npc_en += f" This one also {note['what_en']}."
            npc_zh = f"第{zt}届全国人民代表大会第{zs}次会议，{when_zh}在北京举行，审议政府工作报告、计划和预算报告。"
            if note:
                npc_zh += f"会议{note['what_zh']}。"
            out.append(entry(
                f"{id_number(t)}-jie-quan-guo-ren-da-{id_number(s)}-ci-hui-yi", f"{zt}届全国人大{zs}次会议",
                [f"第{zt}届全国人民代表大会第{zs}次会议", f"{zt}届全国人大第{zs}次会议"],
                f"{ORDINAL_WORDS[s]} Session of the {ordinal(t)} National People's Congress", "NPC / Xinhua",
                npc_en, npc_zh, "meeting", introduced=str(year), related=["quan-guo-ren-da", "liang-hui"]))
            cp_en = (f"Annual full session of the National Committee of the Chinese People's Political Consultative "
                     f"Conference (CPPCC), the top political advisory body, held in {when_en} alongside the NPC "
                     f"session (together the 'two sessions'); session {s} of the {ordinal(t)} National Committee.")
            cp_zh = f"中国人民政治协商会议第{zt}届全国委员会第{zs}次会议，{when_zh}与全国人大会议同期在北京举行（合称“全国两会”）。"
            out.append(entry(
                f"quan-guo-zheng-xie-{id_number(t)}-jie-{id_number(s)}-ci-hui-yi", f"全国政协{zt}届{zs}次会议",
                [f"中国人民政治协商会议第{zt}届全国委员会第{zs}次会议", f"政协第{zt}届全国委员会第{zs}次会议", f"{zt}届全国政协{zs}次会议",
                 f"全国政协第{zt}届第{zs}次会议"],
                f"{ORDINAL_WORDS[s]} Session of the {ordinal(t)} National Committee of the Chinese People's Political Consultative Conference",
                "CPPCC / Xinhua", cp_en, cp_zh, "meeting", introduced=str(year),
                related=["quan-guo-zheng-xie", "liang-hui"]))
    return out


def plans() -> list[dict[str, Any]]:
    rows = tomllib.loads((TABLES / "plans.toml").read_text(encoding="utf-8"))["plan"]
    out = []
    for row in rows:
        n = row["n"]
        z = zh_number(n)
        kind = "规划" if n >= 11 else "计划"
        first, last = row["years"].split("–")
        if n >= 11:
            simplified = f"{z}五"
            variants = [f"“{z}五”", f"{z}五{kind}", f"“{z}五”{kind}", f"第{z}个五年{kind}",
                        f"{z}五时期", f"“{z}五”时期", f"国民经济和社会发展第{z}个五年{kind}",
                        f"第{n}个五年{kind}", f"国民经济和社会发展第{n}个五年{kind}"]  # the number in figures
        else:
            simplified = f"第{z}个五年{kind}"
            variants = [f"“{z}五”{kind}", f"{z}五{kind}", f"“{z}五”时期"]
            if n >= 2:
                variants.append(f"“{z}五”")
        en = (f"China's {ordinal(n)} five-year {'programme' if n >= 11 else 'plan'} for national economic and social "
              f"development, covering {row['years']}. It {row['what_en']}.")
        zh = f"国民经济和社会发展第{z}个五年{kind}（{first}—{last}年），{row['what_zh']}。"
        related = []
        if n > 1:
            related.append(plan_id(n - 1))
        if n < len(rows):
            related.append(plan_id(n + 1))
        out.append(entry(plan_id(n), simplified, variants, f"{ordinal(n)} Five-Year Plan ({row['years']})",
                         "Chinese government", en, zh, "planning", introduced=first,
                         superseded=str(int(last) + 1) if int(last) < 2026 else "", related=related))
    return out


def plan_id(n: int) -> str:
    return f"{id_number(n)}-wu-gui-hua" if n >= 11 else f"di-{id_number(n)}-ge-wu-nian-ji-hua"


_LEAD_EN = "It is led by its own people's government and takes guidance or direction in its line of work from the department above it."
_LEAD_ZH = "它受本级人民政府领导，业务上接受上级主管部门的指导或领导。"


def departments() -> list[dict[str, Any]]:
    """The working departments of Mainland provincial, city and county governments, one entry a kind of
    department (教育厅 and 教育局 …), each the local counterpart of a ministry."""
    rows = tomllib.loads((TABLES / "departments.toml").read_text(encoding="utf-8"))["department"]
    out = []
    for row in rows:
        levels_en = row.get("levels_en") or "A province's is usually a department (厅), a city's or county's a bureau (局)."
        levels_zh = row.get("levels_zh") or "省级一般称厅，市县一般称局。"
        en = " ".join(part for part in (
            f"In Mainland China, the working department of a provincial, city or county government in charge of {row['remit_en']}.",
            levels_en, row.get("name_en", ""),
            f"It is the local counterpart of the {row['ministry_en']} ({row['ministry']}).", row.get("lead_en") or _LEAD_EN,
            "Names and remits differ somewhat between places, especially since the institutional reforms of 2018 and 2023.",
        ) if part)
        zh = (f"中国内地省、市、县人民政府主管{row['remit_zh']}的工作部门。{levels_zh}{row.get('name_zh', '')}它与中央的{row['ministry']}对应。"
              f"{row.get('lead_zh') or _LEAD_ZH}各地名称和职能不尽相同，2018年和2023年机构改革以来尤其如此。")
        related = [row["ministry_id"]] if row.get("ministry_id") else []
        out.append(entry(f"di-fang-{row['key']}-bu-men", row["province"], list(row["forms"]), row["english"], "", en, zh,
                         "institution", related=related))
    return out


def _slug(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "-".join(s for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=False) if s.isalnum()).replace("ü", "v")


@lru_cache(maxsize=1)
def _hand_terms() -> tuple[dict[str, Any], ...]:
    """The hand-written entries (every glossary/data file but the generated family-* ones), read once a run."""
    terms: list[dict[str, Any]] = []
    for path in sorted(OUT.glob("*.toml")):
        if not path.name.startswith("family-"):
            terms.extend(tomllib.loads(path.read_text(encoding="utf-8")).get("term", []))
    return tuple(terms)


def _taken_forms() -> dict[str, str]:
    """Forms of the hand-written Mainland entries (a department name that is already a glossary form there is left
    to that entry)."""
    taken: dict[str, str] = {}
    for term in _hand_terms():
        if term.get("region", "national") in ("national", "cross-strait", "international"):
            for form in (term["simplified"], *term.get("variants", ())):
                taken.setdefault(form, term["id"])
    return taken


def _other_region_forms() -> set[str]:
    """Forms of the hand-written Taiwan, Hong Kong and Macau entries, folded to Simplified (教育部, 财政部 are also
    Taiwan's)."""
    from glossary.normalize import fold

    return {fold(f) for term in _hand_terms() if term.get("region") in ("taiwan", "hong-kong", "macau")
            for f in (term["simplified"], term["traditional"], *term.get("variants", ()))}


def _ministry_table() -> dict[str, Any]:
    return tomllib.loads((TABLES / "ministry-departments.toml").read_text(encoding="utf-8"))


def _unit_entries(table: dict[str, Any], taken: set[str], texts: dict[str, Any]) -> list[dict[str, Any]]:
    """Entries for the internal units of a table of bodies (one entry a unit name): a name one body uses is that
    body's unit; a name several bodies use (or one listed as generic) gets one entry saying what it does in each.
    texts: region, simplified (name -> Simplified form), head (last character -> title of its head),
    style (how the entries are worded: _MAINLAND_UNITS, _TAIWAN_UNITS), shared_english (suffix), shared_id (suffix),
    keep_traditional (the name is the Traditional form)."""
    bodies = {b["name"]: b for b in table["body"]}
    generic = set(table.get("generic", ()))
    by_name: dict[str, list[dict[str, Any]]] = {}
    for row in table["department"]:
        if row["body"] not in bodies:
            raise SystemExit(f"{texts['file']}: {row['name']}: unknown body {row['body']}")
        by_name.setdefault(row["name"], []).append(row)
    out = []
    used_ids: set[str] = set()
    for name, rows in by_name.items():
        if name in taken:
            continue
        simplified = texts["simplified"](name)
        head = texts["head"].get(name[-1], "")
        forms = sorted({f for r in rows for f in r.get("forms", ()) if f not in taken and f not in by_name})
        # with the body's name before it, as texts write it (财政部国库司; some word lists hold 外交部亚洲司 as one word)
        forms += sorted({bodies[r["body"]][k] + name for r in rows for k in ("short", "name")} - taken)
        related = sorted({bodies[r["body"]]["id"] for r in rows})
        if len(rows) == 1 and name not in generic:
            row = rows[0]
            body = bodies[row["body"]]
            english = f"{row['english']} ({body['english']})"
            note = row.get("english_source_note", "") if row.get("english_official") else ""
            en, zh = _unit_text(texts["style"], rows, bodies, head, False)
            id_ = f"{_slug(simplified)}-{body['key']}"
        else:
            names = [r["english"] for r in rows]
            english = max(sorted(set(names)), key=names.count) + texts["shared_english"]
            note = ""
            en, zh = _unit_text(texts["style"], rows, bodies, head, name in generic)
            id_ = f"{_slug(simplified)}-{texts['shared_id']}"
        while id_ in used_ids:
            id_ += "-2"
        used_ids.add(id_)
        made = entry(id_, simplified, forms, english, note, en, zh, "institution", related=related, region=texts["region"])
        if texts.get("keep_traditional"):
            made["traditional"] = name
            made["variants"] = [v for v in made["variants"] if v != name]
        out.append(made)
    return out


# How the entries of each table of units are worded.
_MAINLAND_UNITS = {
    "place_en": "In Mainland China", "unit_en": "a department", "shared_en": "the name of an internal department",
    "place_zh": "中国内地", "unit_zh": "的内设机构，负责", "head_zh": "负责人称", "verb_zh": "负责",
    "shared_zh": "中央部门都设有的内设机构名称，所指哪一个由前面的部门名称或上下文决定。例如",
    "many_zh": ("许多", "多个"), "at_zh": "在",
    "reform_en": ("Central bodies work through such internal departments (内设机构), mostly called 司 or 局; their names "
                  "and remits change with institutional reforms, the latest round of State Council reform being that of 2023."),
    "reform_zh": "中央部委通过司、局等内设机构开展工作，其名称和职能随机构改革调整（最近一轮国务院机构改革在2023年）。",
}
_TAIWAN_UNITS = {
    "place_en": "In Taiwan", "unit_en": "an internal unit", "shared_en": "the name of an internal unit",
    "place_zh": "臺灣", "unit_zh": "的內部單位，主管", "head_zh": "主管稱", "verb_zh": "主管",
    "shared_zh": "中央部會都設有的內部單位名稱，所指哪一個由前面的機關名稱或上下文決定。例如",
    "many_zh": ("多個", "多個"), "at_zh": "在",
    "reform_en": ("The Executive Yuan's ministries and councils work through such internal units (司 in a ministry, 處 in a "
                  "council); many were renamed in the reorganisation of the Executive Yuan that began in 2012."),
    "reform_zh": "行政院各部會透過內部單位推動業務（部設司、委員會設處），2012年起的行政院組織改造調整了許多單位的名稱。",
}


def _unit_text(style: dict[str, Any], rows: list[dict[str, Any]], bodies: dict[str, Any], head: str,
               generic: bool) -> tuple[str, str]:
    """The English and Chinese explanation of a unit name: one body's unit, or a name several bodies use."""
    head_en = f" Its head is titled {head}." if head else ""
    head_zh = f"{style['head_zh']}{head}。" if head else ""
    if len(rows) == 1 and not generic:
        row, body = rows[0], bodies[rows[0]["body"]]
        return (f"{style['place_en']}, {style['unit_en']} of the {body['english']} ({body['short']}), in charge of "
                f"{row['remit_en']}.{head_en} {style['reform_en']}",
                f"{style['place_zh']}{body['short']}{style['unit_zh']}{row['remit_zh']}。{head_zh}{style['reform_zh']}")
    each_en = "; ".join(f"at the {bodies[r['body']]['english']} ({bodies[r['body']]['short']}), {r['remit_en']}" for r in rows)
    each_zh = "；".join(f"{style['at_zh']}{bodies[r['body']]['short']}{style['verb_zh']}{r['remit_zh']}" for r in rows)
    many_en = "many central bodies" if generic else "several central bodies"
    many_zh = style["many_zh"][0] if generic else style["many_zh"][1]
    return (f"{style['place_en']}, {style['shared_en']} that {many_en} have; the body's name before it, or what is said "
            f"around it, shows which is meant. For example, {each_en}.{head_en} {style['reform_en']}",
            f"{style['place_zh']}{many_zh}{style['shared_zh']}{each_zh}。{head_zh}{style['reform_zh']}")


@lru_cache(maxsize=1)
def ministry_departments() -> list[dict[str, Any]]:
    """The internal departments (司, 局 …) of the State Council's ministries and of the central bodies that brief
    the press most: one entry a department name. A name that several bodies use (综合司, 新闻宣传司) gets one entry
    that says what it does in each, and never stands for one body alone."""
    return _unit_entries(_ministry_table(), set(_taken_forms()), {
        "file": "ministry-departments.toml", "region": "national", "simplified": lambda name: name,
        "head": {"司": "司长", "局": "局长"}, "style": _MAINLAND_UNITS,
        "shared_english": " (of a ministry or agency)", "shared_id": "bu-wei",
    })


_TW_KINDS = {"處": ("department", "處"), "局": ("bureau", "局")}


def _tw_level(level: str, name: str) -> tuple[str, str]:
    """Where a Taiwan local department of this name sits, in English and Chinese."""
    kind, char = _TW_KINDS.get(name[-1], ("unit", ""))
    own = f" ({char})" if char else ""
    if level == "county":
        return (f"It is a {kind}{own} of a county government, or of a provincial city such as Hsinchu, Chiayi or Keelung; "
                "counties mostly call their departments 處, the six special municipalities 局.",
                "屬縣政府或新竹、嘉義、基隆等市政府；縣市政府的一級單位多稱「處」，六個直轄市則多稱「局」。")
    if level == "municipality":
        return (f"It is a {kind}{own} of a special municipality's government (Taipei, New Taipei, Taoyuan, Taichung, Tainan, "
                "Kaohsiung), whose departments are mostly 局; counties mostly call theirs 處.",
                "屬直轄市（臺北、新北、桃園、臺中、臺南、高雄）政府；直轄市的一級單位多稱「局」，縣政府多稱「處」。")
    return ("Special municipalities and several counties both have a unit of this name.", "直轄市和部分縣市政府都設有此名稱的單位。")


def taiwan_local_departments() -> list[dict[str, Any]]:
    """The first-level departments of Taiwan's county, city and special-municipality governments, one entry a name."""
    rows = tomllib.loads((TABLES / "taiwan-local-departments.toml").read_text(encoding="utf-8"))["department"]
    out = []
    for row in rows:
        name = row["name"]
        simplified = default_converter().convert(name, "t2s").text
        seen = "、".join(row["seen_in"][:4])
        head = {"處": "處長", "局": "局長"}.get(name[-1], "")
        en = " ".join((
            f"In Taiwan, a first-level department of local government in charge of {row['remit_en']}.",
            _tw_level(row["level"], name)[0],
            f"Its head{f' ({head})' if head else ''} answers councillors' questions in the county or city council.",
            f"Governments with a unit of this name include {seen}; names and remits differ from place to place.",
        ))
        zh = (f"臺灣地方政府的一級單位，主管{row['remit_zh']}。{_tw_level(row['level'], name)[1]}"
              f"{head or '首長'}須赴縣市議會備詢。設有此單位的包括{seen}等，各地名稱和職掌不盡相同。")
        made = entry(f"{_slug(simplified)}-tw-local", simplified, list(row.get("forms", ())), row["english"], "", en, zh,
                     "institution", region="taiwan")
        made["traditional"] = name
        out.append(made)
    return out


def _taiwan_units_table() -> dict[str, Any]:
    return tomllib.loads((TABLES / "taiwan-ministry-units.toml").read_text(encoding="utf-8"))


def _taken_taiwan_forms() -> set[str]:
    """Forms (Simplified and Traditional) of the hand-written Taiwan entries."""
    return {f for term in _hand_terms() if term.get("region") == "taiwan"
            for f in (term["simplified"], term["traditional"], *term.get("variants", ()))}


@lru_cache(maxsize=1)
def taiwan_ministry_units() -> list[dict[str, Any]]:
    """The internal units (司 of ministries, 處 of councils) of Taiwan's Executive Yuan bodies, one entry a name;
    a name several bodies use gets one entry that says what it does in each."""
    return _unit_entries(_taiwan_units_table(), _taken_taiwan_forms(), {
        "file": "taiwan-ministry-units.toml", "region": "taiwan",
        "simplified": lambda name: default_converter().convert(name, "t2s").text,
        "head": {"司": "司長", "處": "處長"}, "style": _TAIWAN_UNITS,
        "shared_english": " (of a ministry or council)", "shared_id": "tw-bu-hui", "keep_traditional": True,
    })


def _taiwan_unit_senses() -> list[str]:
    """A Mainland ministry has units of the same names (高等教育司): in a text not read as Taiwan's, a Taiwan unit
    holds only where its body is named in the paragraph."""
    table = _taiwan_units_table()
    bodies = {b["name"]: b for b in table["body"]}
    rows_by_name: dict[str, list[dict[str, Any]]] = {}
    for row in table["department"]:
        rows_by_name.setdefault(row["name"], []).append(row)
    lines: list[str] = []
    for e in taiwan_ministry_units():
        rows = rows_by_name[e["traditional"]]
        names = {bodies[r["body"]][k] for r in rows for k in ("name", "short")}
        cues = ["@taiwan"] + sorted(names)
        first = bodies[rows[0]["body"]]
        lines += ["[[sense]]", f'entry = "{e["id"]}"', 'everyday = "a unit of the same name elsewhere (a Mainland ministry has some)"',
                  "cues = [" + ", ".join(f'"{c}"' for c in cues) + "]",
                  f'examples = ["taiwan:{first["short"]}{e["traditional"]}今天說明相關規定。"]',
                  f'not = ["{e["simplified"]}负责人出席发布会并回答记者提问。"]', ""]
    return lines


def ministry_department_senses() -> str:
    """Context senses for the department entries (glossary/senses-generated.toml): a Taiwan ministry has
    departments of the same names (教育部高等教育司), so outside a Mainland text one holds only where its
    Mainland body is named in the paragraph."""
    table = _ministry_table()
    bodies = {b["name"]: b for b in table["body"]}
    other = _other_region_forms()
    by_id = {e["id"]: e for e in ministry_departments()}
    rows_by_name: dict[str, list[dict[str, Any]]] = {}
    for row in table["department"]:
        rows_by_name.setdefault(row["name"], []).append(row)
    lines = ["# Context senses of generated entries (read with senses.toml).",
             "# GENERATED by scripts/generate_families.py from glossary/families/ — edit the tables, not this file.", ""]
    for id_, e in by_id.items():
        names = {bodies[r["body"]][k] for r in rows_by_name[e["simplified"]] for k in ("name", "short")}
        cues = ["@mainland"] + sorted(n for n in names if n not in other)
        first = bodies[rows_by_name[e["simplified"]][0]["body"]]
        lines += ["[[sense]]", f'entry = "{id_}"', 'everyday = "a department of the same name elsewhere (a Taiwan ministry has some)"',
                  "cues = [" + ", ".join(f'"{c}"' for c in cues) + "]",
                  f'examples = ["{first["short"]}{e["simplified"]}负责人出席发布会并回答记者提问。"]',
                  f'not = ["taiwan:{e["traditional"]}負責人今天出席記者會。"]', ""]
    if (TABLES / "taiwan-ministry-units.toml").exists():
        lines += _taiwan_unit_senses()
    return "\n".join(lines)

def to_toml(title: str, entries: list[dict[str, Any]]) -> str:
    def q(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"# Zhushi glossary: {title}", "# GENERATED by scripts/generate_families.py from glossary/families/ — edit the tables, not this file.", ""]
    for e in entries:
        lines.append("[[term]]")
        for key, value in e.items():
            if isinstance(value, list):
                lines.append(f"{key} = [{', '.join(q(v) for v in value)}]")
            else:
                lines.append(f"{key} = {q(value)}")
        lines.append("")
    return "\n".join(lines)


FAMILIES = {
    "family-departments.toml": ("Working departments of Mainland provincial, city and county governments", departments),
    "family-ministry-departments.toml": ("Internal departments of central ministries and agencies", ministry_departments),
    "family-taiwan-local-departments.toml": ("First-level departments of Taiwan's local governments", taiwan_local_departments),
    "family-taiwan-ministry-units.toml": ("Internal units of Taiwan's ministries and councils", taiwan_ministry_units),
    "family-congresses.toml": ("Party congresses", congresses),
    "family-plenums.toml": ("plenary sessions of the Central Committee", plenums),
    "family-sessions.toml": ("NPC and CPPCC sessions", sessions),
    "family-plans.toml": ("five-year plans", plans),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report files that differ from the tables; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for name, (title, build) in FAMILIES.items():
        text = to_toml(title, build())
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({text.count('[[term]]')} entries)")
    senses = ministry_department_senses()
    senses_path = ROOT / "glossary" / "senses-generated.toml"
    if args.check:
        if not senses_path.exists() or senses_path.read_text(encoding="utf-8") != senses:
            stale.append(senses_path.name)
    else:
        senses_path.write_text(senses, encoding="utf-8")
        print(f"wrote {senses_path.relative_to(ROOT)}")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run scripts/generate_families.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
