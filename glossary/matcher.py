"""Finding glossary terms in a text in any script: longest first, in agreement with the words of the
sentence, and with the entry whose region and context fit the document.

A candidate hit (a folded form of an entry found in the text) becomes a term only when
- it is not the tail of a numbered name (千万工程 inside 百千万工程, 两岸 inside 三江两岸), and
- it is one word of the local segmentation (glossary/segment.py), when a segmenter is given;
otherwise the next shorter form at the same place is tried.

Where several entries claim a form (a Mainland and a Taiwan sense), the one whose region fits the
document's region is taken. An entry with context cues (an everyday word that is a political term
only in some contexts, such as 两岸) is a full term only when one of its cues occurs in the same
paragraph; otherwise the hit is kept as a weak one: not marked in the text, its popup gives the
everyday meaning first and the glossary sense second.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import GlossaryEntry
from .normalize import fold
from .regions import ABBREVIATIONS, all_local_names, local_names
from .segment import inside_numbered_name

if TYPE_CHECKING:
    from .segment import LocalSegmenter

# The regions a document can be read as, and how well each entry region fits it (higher is better).
DOCUMENT_REGIONS: tuple[str, ...] = ("mainland", "taiwan", "hong-kong", "macau")
_FIT: dict[str, dict[str, int]] = {
    "mainland": {"national": 4, "cross-strait": 3, "international": 3, "taiwan": 1, "hong-kong": 1, "macau": 1},
    "taiwan": {"taiwan": 4, "cross-strait": 3, "international": 2, "national": 1, "hong-kong": 1, "macau": 1},
    "hong-kong": {"hong-kong": 4, "national": 3, "international": 2, "cross-strait": 2, "macau": 1, "taiwan": 1},
    # Hong Kong and Macau have look-alike bodies and laws (立法會, 資格審查, 非永久性居民): one's note on the
    # other's thing is wrong, so each holds in the other's text only where its own place is named.
    "macau": {"macau": 4, "national": 3, "international": 2, "cross-strait": 2, "hong-kong": 1, "taiwan": 1},
}


def region_fit(entry_region: str, document_region: str) -> int:
    """How well an entry's region suits a document read as document_region (provinces count as the Mainland)."""
    table = _FIT.get(document_region, _FIT["mainland"])
    if entry_region in table:
        return table[entry_region]
    # a province or city of the Mainland
    return 4 if document_region == "mainland" else 1


_REGION_GROUP = {"taiwan": "taiwan", "hong-kong": "hong-kong", "macau": "macau", "mainland": "mainland"}
_ANYWHERE = frozenset({"cross-strait", "international"})
_SENTENCE_ENDS = "。！？；\n!?;"
_SENTENCE_SPAN = 300  # how far a sentence is looked for on either side of a hit
# Other countries (Simplified, as texts are folded before matching): "印度总理" is not China's premier.
_FOREIGN_NAMES = (
    "(?:美国|英国|法国|德国|日本|韩国|朝鲜|俄罗斯|印度|越南|泰国|新加坡|马来西亚|印尼|印度尼西亚|菲律宾|缅甸|柬埔寨|老挝|"
    "蒙古|巴基斯坦|孟加拉|斯里兰卡|尼泊尔|哈萨克斯坦|伊朗|伊拉克|以色列|土耳其|沙特|埃及|南非|尼日利亚|肯尼亚|埃塞俄比亚|"
    "巴西|阿根廷|墨西哥|加拿大|澳大利亚|澳洲|新西兰|意大利|西班牙|葡萄牙|荷兰|比利时|瑞士|瑞典|挪威|丹麦|芬兰|波兰|"
    "乌克兰|匈牙利|希腊|奥地利|爱尔兰|捷克|罗马尼亚|塞尔维亚|欧盟|联合国|欧洲|各国|该国|外国|他国|"
    # parties, capitals and big cities named for their country (越共总书记, 纽约市长)
    "越共|朝鲜劳动党|白宫|北约|华盛顿|纽约|洛杉矶|旧金山|伦敦|巴黎|柏林|莫斯科|东京|大阪|首尔|平壤|河内|曼谷|悉尼|多伦多|温哥华)"
)
# What follows 外国 when foreign people or firms are what the clause is about, not who acts in it.
_FOREIGN_OBJECTS = "(?:实体|企业|公司|投资者|投资|记者|公民|留学生|专家|游客|友人|人士|人员|商会|机构)"
# A country's one-character name or "X方" right before an office (美财政部, 菲海警, 日方外交部), not inside
# a word (中美, 亚欧, 赴美): that country's office. (Not 澳: Australia or Macau.)
_SHORT_FOREIGN = re.compile("(?<![\u4e00-\u9fff])(?:美|日|英|法|德|俄|韩|菲|越|印|加|欧)方?$|(?:美|日|英|法|德|俄|韩|菲|越|欧)方$")
# Entries that name a body or office (the short-name check applies to them only: 中方奉劝菲方谨言慎行 is ours)
_BODIES = frozenset({"institution", "security", "law"})
# A common word across a span's start (热爱 over 爱山东) cuts it when the rest (山东) is a commoner word still.
_EDGE_FREQ = 500
_EDGE_REST_FREQ = 1_000
# Entries of the language of politics (Party doctrine and discipline, political slogans): outside a sentence of
# public affairs, their words are everyday speech. Programmes, places and bodies keep their names anywhere.
_SLOGANS = frozenset({"party-building", "party-doctrine", "politics"})
# A slogan or set phrase this short can be everyday speech; longer ones are the formula itself.
_SLOGAN_LENGTH = 5
# A place of the Chinese-speaking world: after a foreign name in the same clause, it makes the term local again.
_HOME_NAMES = "(?:中国|我国|内地|大陆|台湾|香港|澳门|本港|本澳|两岸)"
_CLAUSE_MARKS = "，。；：、！？,;:!?\n"
# A place named right before a term decides which system the term belongs to (澳门行政长官 in a Hong Kong
# text, 内地健康码 in a Macau one), whatever the document's region.
_PLACE_REGIONS = {"香港": "hong-kong", "本港": "hong-kong", "港府": "hong-kong", "澳门": "macau", "本澳": "macau",
                  "澳府": "macau", "台湾": "taiwan", "行政院": "taiwan", "立法院": "taiwan", "内地": "mainland", "大陆": "mainland"}
_NUMERALS = frozenset("一二两三四五六七八九十百千万")
# How the names of places, parks and sites end (a numbered name like 十八洞村 is a place, not a formula).
_PLACE_ENDINGS = tuple("村镇乡县区山湖江河港岛园湾峡口桥路街寺馆站场城州市省源关洞塔")
_COUNTERS = frozenset("个项届次年月日号天大中是条点种类批位名家")
_AMOUNT_UNITS = frozenset("元万萬亿億蚊%米人宗间間个個年")
_TIME_UNITS = frozenset("年天日月周週岁歲秒")
# Titles of the head of a body, ending in 长 (署长, 局长 …): a form that ends in the body's character is cut by them.
_HEAD_TITLES = frozenset("署长 局长 处长 司长 部长 厅长 科长 所长 院长 馆长 站长 校长 社长 会长 组长 团长 队长 委员长 秘书长 行长 庭长 州长 县长 市长 省长 区长 镇长 乡长 村长".split())
# What makes a word with a law's final 法 (法治, 法律, 法规, 法院, 法官, 法学, 法理)
_LAW_WORD_NEXT = frozenset("治律规院官学理")
# What follows a Party congress's short name (二十大以来, 十九大报告, 党的二十大精神 …); another noun after X大
# makes it a count of big things (二十大港口).
_CONGRESS_NEXT = tuple(
    "以来 精神 报告 召开 代表 开幕 闭幕 期间 前 后 胜利 提出 确立 作出 部署 关于 强调 指出 是 通过 以 的 和 与 及 上 之 "
    "党章 决议 主席团 文件 重要 新 明确 擘画 描绘 首次 将 把 对 为 所 作 修改 选举 产生 审议 批准 要求 以后 之后 之前 "
    "以前 至今 后 会议 闭会 会 新闻 确定 决策 战略 全面 进一步 站在 从 到 并 今年 去年 明年 近年 今日 昨日 今天 "
    "已 在 亦 均 各 共 等 都 也 还 就 已经 、 ， 。 ”".split()
)
# A term right before one of these is the first part of a name: a newspaper, a broadcaster or a school
# (三秦都市报, 国防大学, 法治日报), not the term itself.
_NAME_SUFFIXES = ("都市报", "日报", "晚报", "晨报", "商报", "卫视", "电视台", "广播电台", "新闻网", "大学", "学院")
# A body's name right after a firm is the firm's own department (外贸公司的商务部, 市场调研组 of 我们公司).
_FIRMS = ("公司的", "公司", "企业的", "集团的", "集团", "银行的", "酒店的", "工厂的")
# Another organisation's numbered congress (共青团十三大, 全国妇联十二大), not the Party's.
_OTHER_CONGRESSES = ("共青团", "团", "妇联", "妇女", "工会", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "工商联", "侨联", "科协", "文联", "作协", "青联", "学联", "残联")
_NUMBERED_CONGRESS = re.compile(r"(?:党的)?[一二三四五六七八九十]+大")
_PLACE_PREFIXES = ("台湾", "香港", "澳门", "内地", "大陆", "中国", "全国", "国家")
_PLACE_BEFORE = "(" + "|".join(_PLACE_REGIONS) + ")(?:特别行政区|特区)?(?:政府)?的?$"


# Names that bring a region into a paragraph (folded to Simplified): then that region's entries hold there.
_REGION_NAMES = {
    "hong-kong": ("香港", "本港", "港府", "港人", "港区", "治港", "特区", "港澳", "立法会", "特首"),
    "macau": ("澳门", "本澳", "澳府", "澳人", "治澳", "特区", "港澳", "横琴", "立法会", "特首"),
    "taiwan": ("台湾", "台北", "台中", "台南", "高雄", "立法院", "行政院", "民进党", "国民党", "岛内", "台当局",
               "对台", "涉台", "台胞", "两岸", "蓝营", "绿营", "立委"),
    "mainland": ("大陆", "中共", "北京", "中国", "陆方", "国台办", "解放军", "共军", "对岸", "内地", "国务院", "中央"),
}
_PARAGRAPH_SPAN = 400


def _check_local(found: list[TermMatch], folded: str, generic: frozenset[str], cues: dict[str, tuple[str, ...]]) -> list[TermMatch]:
    """A province's or city's numbered formula or everyday-word form (Suzhou's 三大法宝, Wuhan's 五个中心)
    is a note only in a text that names its place (the province, the city, or for a province one of its
    cities) or where its own form names a place: in another province's report or a national text the
    same words are usually another place's formula or a plain phrase, and the popup gives the entry
    second. Proper names (前海, 白洋淀, 广交会) are that place's wherever they occur; an entry with context
    cues of its own (senses.toml) was decided by them."""
    named: set[str] | None = None
    out = found
    for k, match in enumerate(found):
        if match.weak or match.entry.source == "user" or match.entry.id in cues:
            continue
        places = local_names(match.entry.region)
        if not places:
            continue
        key = folded[match.start : match.end]
        if not (key in generic or any(ch in _NUMERALS or ch.isdigit() for ch in key)) or key.endswith(_PLACE_ENDINGS):
            continue  # not a formula or a plain word: a name (十八洞村, 三江源国家公园, 前海)
        abbreviation = ABBREVIATIONS.get(match.entry.region.partition(".")[0])
        if any(name in key for name in all_local_names()) or (abbreviation and abbreviation in key):
            continue  # the form names a place itself (苏州工业园区, 桂 in 三企入桂)
        if named is None:
            named = {name for name in all_local_names() if name in folded}
        if not named.intersection(places):
            if out is found:
                out = list(found)
            out[k] = TermMatch(match.start, match.end, match.text, match.entry, True)
    return out


# A Mainland local government right before a national body's short name (浙江省对外友协, 杭州市发改委, 全省统计局):
# that place's own body, not the national one the entry explains.
_LOCAL_UNIT_BEFORE = re.compile("(?:[\u4e00-\u9fff]{1,6}?(?:省|市|自治区|自治州|州|县|区|盟|旗)|全省|全市|本省|本市|省|市|县)$")
_NATIONAL_PREFIXES = ("中国", "中华", "全国", "国家", "中央", "国务院", "最高")
# Kinds of national entries that places have counterparts of under the same name.
_COUNTERPARTS = frozenset({"institution", "law", "meeting"})


def _check_local_counterpart(found: list[TermMatch], folded: str) -> list[TermMatch]:
    """A national body named by a short form after a Mainland local government (浙江省对外友协 is Zhejiang's
    friendship association, 杭州市发改委 Hangzhou's development commission) is that place's counterpart:
    the national entry's note does not hold there, and the popup gives it second. So are a national
    regulation's or meeting's name after a place (辽宁省优化营商环境条例, 全省全面从严治党工作会议): the
    place's own regulation or meeting."""
    out = found
    for k, match in enumerate(found):
        entry = match.entry
        if match.weak or entry.source == "user" or entry.region != "national" or entry.category not in _COUNTERPARTS:
            continue
        key = folded[match.start : match.end]
        if key.startswith(_NATIONAL_PREFIXES):
            continue
        if entry.category == "institution" and not fold(entry.simplified).startswith(_NATIONAL_PREFIXES):
            continue
        if _LOCAL_UNIT_BEFORE.search(folded[max(0, match.start - 9) : match.start]) is None:
            continue
        if out is found:
            out = list(found)
        out[k] = TermMatch(match.start, match.end, match.text, entry, True)
    return out


def _names_region(folded: str, start: int, end: int, entry_region: str, home: str = "mainland") -> bool:
    """Whether the paragraph around start..end names the region the entry belongs to. Names the document's
    own region shares (特区, 立法会 and 特首 are Hong Kong's and Macau's alike) do not count: in a Hong Kong
    text they name Hong Kong, not Macau."""
    group = _REGION_GROUP.get(entry_region, "mainland")
    names = _REGION_NAMES.get(group, ())
    if home != group:
        shared = _REGION_NAMES.get(home, ())
        names = tuple(name for name in names if name not in shared)
    low, high = max(0, start - _PARAGRAPH_SPAN), min(len(folded), end + _PARAGRAPH_SPAN)
    para_start = folded.rfind("\n", low, start) + 1 or low
    para_end = folded.find("\n", end, high)
    paragraph = folded[max(para_start, low) : para_end if para_end != -1 else high]
    return any(name in paragraph for name in names)


@lru_cache(maxsize=1)
def _foreign() -> re.Pattern[str]:
    """A country's name just before a place in the text (compiled on first use)."""
    return re.compile(_FOREIGN_NAMES + "$")


@lru_cache(maxsize=1)
def _foreign_in_clause() -> re.Pattern[str]:
    """A country's name earlier in the clause with no Chinese place after it (泰国军方宣布全国戒严); not a
    nationality (印尼籍移工)."""
    # 内蒙古 is no foreign 蒙古; 外国实体 and 外国记者 are what a Chinese body acts on, not the body acting
    return re.compile("(?<!内)" + _FOREIGN_NAMES + "(?!籍)(?<!外国(?=" + _FOREIGN_OBJECTS + "))(?:(?!" + _HOME_NAMES + ").)*$")


@lru_cache(maxsize=1)
def _place_before() -> re.Pattern[str]:
    return re.compile(_PLACE_BEFORE)


@lru_cache(maxsize=1)
def _topic_place() -> re.Pattern[str]:
    # a place opening the clause as its topic, with no other place after it (内地已全面停用健康码)
    names = "|".join(_PLACE_REGIONS)
    return re.compile("(" + names + ")(?:特别行政区|特区)?(?:政府|当局|方面)?(?:(?!" + names + ").){0,10}$")


def _clause_topic(folded: str, clause_start: int, start: int) -> re.Match[str] | None:
    """The place a clause opens with, when the term comes later in that clause: 内地已全面停用健康码 is the
    Mainland's health code, whatever the document's region."""
    if start - clause_start < 3:
        return None
    found = _topic_place().match(folded, clause_start, start)
    return found if found is not None and found.end() == start else None
# Words of public affairs: a sentence with one of them (or with another glossary term) is about the genre.
_GENRE_WORDS = tuple(
    "政府 党 政策 改革 发展 建设 推进 推动 坚持 落实 部署 工作 中央 国家 全国 全省 全市 全县 省 市委 县委 经济 社会 会议 "
    "要求 提出 强调 实施 立法 法律 法规 条例 议员 局长 司长 特区 行政 政治 制度 治理 民生 人民 群众 干部 领导 战略 规划 "
    "计划 体系 机制 产业 企业 项目 财政 预算 投资 市场 安全 合作 两岸 台湾 香港 澳门 大陆 选举 政党 立委 总统 部长 "
    "主席 书记 委员 代表 议会 法案 国际 外交 深化 加强 加快 稳定 增长 目标 任务 亿元 监管 审议 通过 施政 议案 部门 "
    "机关 官员 公务 执政 在野 民主 宪 军 国防 外资 贸易 就业 教育 医疗 住房 房屋 土地 环保 生态 扶贫 乡村 农村 城市 "
    "公共 服务 文件 意见 决定 通知 方案 报告 专项 试点 示范 考核 监督 纪委 巡视 整改 反腐 视察 调研 首长 部会 会见 出席 "
    "主持 宣布 指出 表示 呼吁 批评 法院 检察 判决 司法 警方 议题 民调 政见 候选人 投票 舆论 媒体 新闻 记者 官方 "
    "协商 谈判 峰会 论坛 声明 抗议 示威 游行 罢工 补贴 津贴 税 债 利率 金融 银行 股市 汇率 货币 通胀 物价 "
    "各地 各级 预案 应急 防范 风险 责任 纪律 党员 思想 办理 证件 申请 审批 出入境 签证 户籍".split()
)

# Words of a private setting (a company, a family, a school class, a team, a film, a shop), and words that
# make a sentence public affairs even so (a government, a party, a legislature, a public office).
_PRIVATE_WORDS = tuple(fold(w) for w in (
    "公司 股东 董事 门店 商场 顾客 家长 孩子 儿子 女儿 妈妈 爸爸 班主任 同学 球队 教练 队员 选手 纪录片 电影 小说 "
    "减肥 朋友 老板 粉丝 网友 蚂蚁 宝宝 婚礼 餐厅 咖啡 游戏 球迷 乐队 歌手 演员 导演 剧组 家里 家人 楼盘 业主 租客 "
    "房东 考生 作业 班级 社团 俱乐部 健身 旅行社 她 他家 我家").split())
_PUBLIC_WORDS = tuple(fold(w) for w in (
    "政府 党 政策 中央 国务院 全国 全省 全市 全县 省委 市委 县委 立法 法规 条例 议员 局长 司长 特区 行政 政治 施政 "
    "人民 群众 干部 领导 财政 预算 两岸 选举 政党 立委 总统 部长 主席 书记 委员 人大 政协 议会 法案 外交 议案 部门 "
    "机关 官员 公务 执政 在野 国防 纪委 巡视 首长 部会 检察 司法 警方 民调 候选人 党员 各地 各级 监管 国家 地方").split())


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a text: its span in the input text, the text there and the entry.

    weak: the context does not support the glossary sense (shown unmarked, everyday meaning first).
    """

    start: int
    end: int
    text: str
    entry: GlossaryEntry
    weak: bool = False

    @property
    def sense(self) -> str:
        """"glossary" for a marked term, "everyday" for a weak one."""
        return "everyday" if self.weak else "glossary"


def _is_latin_or_digit(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ" or "０" <= ch <= "９"


def _cuts_latin_token(folded: str, start: int, end: int) -> bool:
    """Whether a form that begins or ends in Latin letters or digits is only a piece of a longer token:
    M2 in PM2.5, CPI in CPIH, 5G in 15G (a Latin form stands only between non-Latin neighbours)."""
    if start > 0 and _is_latin_or_digit(folded[start]) and _is_latin_or_digit(folded[start - 1]):
        return True
    if end < len(folded) and _is_latin_or_digit(folded[end - 1]):
        following = folded[end]
        if _is_latin_or_digit(following):
            return True
        if following in ".．" and end + 1 < len(folded) and folded[end + 1].isdigit():
            return True  # M2.5, 5.5G: a decimal goes on
    return False


_OPENING_MARKS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "'": "'"}  # and the mark that closes each
_QUOTE_MARKS = frozenset(_OPENING_MARKS) | frozenset(_OPENING_MARKS.values())


def _content(match: TermMatch, text: str) -> tuple[int, int]:
    """A match's span without the quotation marks at its edges."""
    start, end = match.start, match.end
    while start < end and text[start] in _QUOTE_MARKS:
        start += 1
    while end > start and text[end - 1] in _QUOTE_MARKS:
        end -= 1
    return start, end


def _with_quoted_names(found: list[TermMatch], extra: list[TermMatch], text: str) -> list[TermMatch]:
    """found with each name read across quotation marks that is longer than the hits it covers and cuts none.
    (found runs left to right without overlaps, and so do the names: each looks only at the hits near it.)"""
    starts = [m.start for m in found]
    drop: set[int] = set()
    names: list[TermMatch] = []
    for name in sorted(extra, key=lambda m: m.start):
        inside = []
        k = max(0, bisect.bisect_left(starts, name.start) - 1)
        ok = True
        while ok and k < len(found) and found[k].start < name.end:
            s, e = _content(found[k], text)
            if not (e <= name.start or s >= name.end):
                if name.start <= s and e <= name.end and e - s < name.end - name.start:
                    inside.append(k)
                else:
                    ok = False  # a hit that runs out of the name, or one as long: the name is not read here
            k += 1
        if ok:
            drop.update(inside)
            names.append(name)
    return sorted([m for i, m in enumerate(found) if i not in drop] + names, key=lambda m: m.start)


def _about_public_affairs(folded: str, match: "TermMatch", strong: list["TermMatch"], strong_starts: list[int]) -> bool:
    """Whether the sentence around a hit is of public affairs: it holds another glossary term or a word of the
    genre (政府, 改革, 干部 …)."""
    low = max(0, match.start - _SENTENCE_SPAN)
    high = min(len(folded), match.end + _SENTENCE_SPAN)
    start = max(max(folded.rfind(ch, low, match.start) for ch in _SENTENCE_ENDS) + 1, low)
    ends = [i for i in (folded.find(ch, match.end, high) for ch in _SENTENCE_ENDS) if i != -1]
    end = min(ends) if ends else high
    sentence = folded[start:end]
    # a shop's, a family's, a school class's or a team's sentence (董事会, 孩子, 班主任, 球队) is not of public
    # affairs for an everyday phrase, unless it also names a government, a party or a public office
    rest = folded[start : match.start] + "\0" + folded[match.end : end]
    if any(word in rest for word in _PRIVATE_WORDS) and not any(word in rest for word in _PUBLIC_WORDS):
        return False
    first = bisect.bisect_left(strong_starts, start)
    if any(m is not match and m.end <= end for m in strong[first : bisect.bisect_right(strong_starts, end)]):
        return True
    return any(word in sentence for word in _GENRE_WORDS)


class GlossaryMatcher:
    """Matches the folded forms (simplified, traditional, variants) of a set of entries in texts."""

    def __init__(
        self,
        entries: Iterable[GlossaryEntry],
        segmenter: LocalSegmenter | None = None,
        cues: dict[str, tuple[str, ...]] | None = None,
        joins: Iterable[str] = (),
        splits: Iterable[str] = (),
        patterns: Iterable[tuple[str, GlossaryEntry]] = (),
        generic: Iterable[str] = (),
        sense_regions: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self._terms: dict[str, list[GlossaryEntry]] = {}
        self._segmenter = segmenter
        self._generic = frozenset(fold(g) for g in generic)  # forms that are also everyday words
        self._cues = {k: tuple(c if c.startswith("@") else fold(c) for c in v) for k, v in (cues or {}).items()}
        self._sense_regions = sense_regions or {}  # entry id -> the regions its sense's examples are read as
        # Own forms come before other entries' variants when several entries share a folded form.
        entries = list(entries)
        for primary in (True, False):
            for entry in entries:
                forms = (entry.simplified, entry.traditional) if primary else entry.variants
                for form in forms:
                    key = fold(form.strip())
                    if key:
                        bucket = self._terms.setdefault(key, [])
                        if entry not in bucket:
                            bucket.append(entry)
        # The user's word decisions: "this is one word" (join) and "split here" (a form with a | at the cut).
        self._joins = {fold(j) for j in joins if j}
        self._splits: dict[str, int] = {}
        for item in splits:
            left, bar, right = item.partition("|")
            if bar and left and right:
                self._splits[fold(left + right)] = len(left)
        # Pattern entries (numbered session names and the like): one alternation, matched on the folded text.
        patterned = list(patterns)
        self._pattern_entries = [entry for _regex, entry in patterned]
        self._pattern: re.Pattern[str] | None = (
            re.compile("|".join(f"(?P<p{i}>{regex})" for i, (regex, _e) in enumerate(patterned))) if patterned else None
        )
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for key in self._terms:
            self._automaton.add_word(key, len(key))
        if self._terms:
            self._automaton.make_automaton()
        lengths: dict[str, set[int]] = {}
        for key in self._terms:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths: dict[str, tuple[int, ...]] = {
            first: tuple(sorted(values, reverse=True)) for first, values in lengths.items()
        }
        if self._lengths:
            chars = "".join(sorted(self._lengths))
            self._first: re.Pattern[str] | None = re.compile("[" + re.escape(chars) + "]")
        else:
            self._first = None

    def __len__(self) -> int:
        return len(self._terms)

    def _choose(self, candidates: list[GlossaryEntry], region: str) -> GlossaryEntry:
        if len(candidates) == 1:
            return candidates[0]
        best = candidates[0]
        best_fit = region_fit(best.region, region) + (10 if best.source == "user" else 0)
        for entry in candidates[1:]:
            fit = region_fit(entry.region, region) + (10 if entry.source == "user" else 0)
            if fit > best_fit:
                best, best_fit = entry, fit
        return best

    def _user_decides(self, folded: str, start: int, end: int) -> bool | None:
        """The reader's own word choices at this span: True (stands), False (does not), None (no choice here)."""
        if folded[start:end] in self._joins:
            return True
        for word in self._joins:
            at = folded.find(word, max(0, start - len(word) + 1), end + len(word) - 1)
            while at != -1 and at < end:
                if at + len(word) > start and not (start <= at and at + len(word) <= end):
                    return False  # the span cuts into a word the reader keeps whole
                at = folded.find(word, at + 1, end + len(word) - 1)
        decided: bool | None = None
        for form, cut in self._splits.items():
            at = folded.find(form, max(0, start - len(form) + 1), end + len(form) - 1)
            while at != -1 and at < end:
                place = at + cut
                if start < place < end:
                    return False  # the reader split here
                if place in (start, end):
                    decided = True
                at = folded.find(form, at + 1, end + len(form) - 1)
        return decided

    def _stands(self, folded: str, start: int, end: int) -> bool:
        if (self._joins or self._splits) and (choice := self._user_decides(folded, start, end)) is not None:
            return choice
        if inside_numbered_name(folded, start, end) or self._counts_something(folded, start, end):
            return False
        if _cuts_latin_token(folded, start, end):
            return False
        if folded.startswith(_NAME_SUFFIXES, end) and folded[start:end + 4] not in self._terms:
            return False  # 三秦 in 三秦都市报: the first part of a newspaper's or a school's name
        if folded[end - 1] in "部处组科室" and folded.endswith(_FIRMS, max(0, start - 4), start) \
                and not folded.endswith(("国有企业", "国企", "中央企业", "央企"), 0, start - 1):
            return False  # 商务部 in 外贸公司的商务部: a firm's own department
        if _NUMBERED_CONGRESS.fullmatch(folded[start:end]) and folded.endswith(_OTHER_CONGRESSES, max(0, start - 4), start):
            return False  # 十三大 in 共青团十三大: another organisation's congress
        if folded[end - 1] == "法" and end < len(folded) and folded[end] in _LAW_WORD_NEXT:
            return False  # 国家安全法 in 国家安全法治建设: the 法 belongs to 法治 (法律, 法规, 法院 …)
        if folded.endswith("常委", start, end) and folded.startswith("会", end):
            return False  # 市委常委 (a member) in 市委常委会 (the standing committee itself)
        if end < len(folded) and folded[end] == "长" and folded[end - 1 : end + 1] in _HEAD_TITLES \
                and not any(e.category in ("institution", "security") for e in self._terms.get(folded[start:end], ())):
            return False  # 副署 (countersign) in 副署长 (a deputy head); a body's name stays whole (国安局长)
        if self._segmenter is not None:
            if self._segmenter.stands(folded, start, end):
                return not self._cut_at_left_edge(folded, start, end)
            # a dictionary word that is only a place name plus the term (台湾海基会, 香港特区政府) still
            # has the term whole at its end
            for place in _PLACE_PREFIXES:
                at = start - len(place)
                if at >= 0 and folded[at:start] == place and self._segmenter.stands(folded, at, end):
                    return True
            return False
        return True

    def _cut_at_left_edge(self, folded: str, start: int, end: int) -> bool:
        """Whether a common word (not a glossary form) runs across the start of the span and leaves the rest
        a common word too: 热爱|山东 around 爱山东. The segmentation alone keeps the span whole there, as a
        lone character (热) counts for much in the word list."""
        assert self._segmenter is not None
        freqs = self._segmenter.frequencies
        for k in (1, 2):
            rest = folded[start + k : end]
            if len(rest) < 2 or freqs.get(rest, 0) <= _EDGE_REST_FREQ:
                continue
            for j in (1, 2):
                word = folded[start - j : start + k] if start >= j else ""
                if word and word not in self._terms and freqs.get(word, 0) >= _EDGE_FREQ:
                    return True
        return False

    def _counts_something(self, folded: str, start: int, end: int) -> bool:
        """Whether a numbered term is only a count here: 二十大港口 (twenty big ports), 十二大展区,
        八大行星; 两新一重 (a longer formula goes on); 三个代表团 (a word runs across its end);
        418萬元 (a sum of money)."""
        key = folded[start:end]
        after = folded[end : end + 4]
        if key.isdigit():
            return bool(after) and (after[0] in _AMOUNT_UNITS or after[:2] in ("港元", "美元", "萬元", "万元"))
        if key[-1:].isdigit() and after[:1] in _TIME_UNITS:
            return True  # 后30 in 前30年为后30年: a number of years, not the name ending in the number
        if not key or key[0] not in _NUMERALS:
            return False
        if len(after) >= 2 and after[0] in _NUMERALS and after[1] not in _COUNTERS and after[1] not in _NUMERALS and "\u4e00" <= after[1] <= "\u9fff":
            return True  # 两新一重, 三新一高: the term is the head of a longer numbered formula
        if key.endswith("大") and after and "\u4e00" <= after[0] <= "\u9fff" and not after.startswith(_CONGRESS_NEXT):
            return True  # X大 + a noun: a count of big things, not a Party congress
        if self._segmenter is not None and len(key) <= 4:
            freqs = self._segmenter.frequencies
            for back in (1, 2):
                for length in (2, 3, 4):  # 四个机关单位: 机关单位 runs across 四个机关
                    word = folded[end - back : end - back + length]
                    if len(word) == length and end - back + length > end and freqs.get(word, 0) >= 200:
                        return True  # 三个代表团: 代表团 runs across the term's end
        return False

    def _supported(self, entry: GlossaryEntry, folded: str, start: int, end: int, region: str) -> bool:
        cues = self._cues.get(entry.id)
        if not cues:
            return True
        if "@" + region in cues:
            return True
        para_start = folded.rfind("\n", 0, start) + 1
        para_end = folded.find("\n", end)
        paragraph = folded[para_start : para_end if para_end != -1 else len(folded)]
        return any(cue in paragraph for cue in cues if cue[0] != "@")

    def find(self, text: str, region: str = "mainland") -> list[TermMatch]:
        """Every term in text, left to right, longest standing form first at each position, without overlaps.

        A name whose formula is in quotation marks (“三高四新”美好蓝图, “五上”企业, 「三五」規劃) is found as the
        name without them, where the glossary has it and no longer term covers it."""
        found = self._find(text, region)
        if self._first is None or not any(ch in _QUOTE_MARKS for ch in text):
            return found
        keep = [i for i, ch in enumerate(text) if ch not in _QUOTE_MARKS]
        stripped = "".join(text[i] for i in keep)
        folded = fold(stripped)
        # only the sentences where a form runs across a removed mark are read again without the marks
        sentences: set[tuple[int, int]] = set()
        starts = [m.start for m in found]  # the hits run left to right without overlaps: their ends rise too
        for last, length in self._automaton.iter(folded):
            if keep[last] - keep[last - length + 1] >= length:
                first = last - length + 1
                k = bisect.bisect_right(starts, keep[first]) - 1
                if k >= 0 and keep[last] < found[k].end:
                    continue  # the text already has this form, marks and all (“十四五”规划 is a form itself)
                begin = max(folded.rfind(ch, 0, first) for ch in _SENTENCE_ENDS) + 1
                ends = [i for i in (folded.find(ch, last) for ch in _SENTENCE_ENDS) if i != -1]
                sentences.add((begin, min(ends) + 1 if ends else len(folded)))
        if not sentences:
            return found
        extra = []
        hits = [TermMatch(m.start + begin, m.end + begin, m.text, m.entry, m.weak)
                for begin, finish in sorted(sentences) for m in self._find(stripped[begin:finish], region)]
        for m in hits:
            start, end = keep[m.start], keep[m.end - 1] + 1
            if start > 0 and text[start - 1] in _OPENING_MARKS and _OPENING_MARKS[text[start - 1]] in text[start:end]:
                start -= 1  # the opening mark of a quotation that closes inside the name belongs to it
            opened = [ch for ch in text[start:end] if ch in _OPENING_MARKS]
            if opened and end < len(text) and text[end] == _OPENING_MARKS[opened[-1]] \
                    and text[start:end].count(text[end]) < text[start:end].count(opened[-1]):
                end += 1  # and the closing mark of one that opens inside it (省“两会”)
            if end - start > m.end - m.start:
                extra.append(TermMatch(start, end, text[start:end], m.entry, m.weak))
        return _with_quoted_names(found, extra, text) if extra else found

    def _find(self, text: str, region: str) -> list[TermMatch]:
        if self._first is None or not text:
            return []
        folded = fold(text)
        found = self._find_forms(text, folded, region)
        if self._generic:
            found = self._check_generic(found, folded, region)
        found = _check_local(found, folded, self._generic, self._cues)
        found = _check_local_counterpart(found, folded)
        if self._pattern is None:
            return found
        patterned = []
        for hit in self._pattern.finditer(folded):
            if hit.end() > hit.start() and hit.lastgroup:
                entry = self._pattern_entries[int(hit.lastgroup[1:])]
                patterned.append(TermMatch(hit.start(), hit.end(), text[hit.start() : hit.end()], entry))
        if not patterned:
            return found
        # leftmost, then longest; a form wins a tie with a pattern (it says more)
        is_pattern = {id(m) for m in patterned}
        merged = sorted(found + patterned, key=lambda m: (m.start, -(m.end - m.start), id(m) in is_pattern))
        out: list[TermMatch] = []
        end = 0
        for match in merged:
            if match.start >= end:
                out.append(match)
                end = match.end
        return out

    def _check_generic(self, found: list[TermMatch], folded: str, region: str) -> list[TermMatch]:
        """Hits on everyday words (generic CC-CEDICT headwords) that the context does not make terms are weak:
        - an entry of another region's system (a Hong Kong 教育局 in a Mainland text, the PRC's 宪法 in a
          Taiwan one) — cross-Strait and international entries apply everywhere;
        - a foreign country's institution (印度总理, 泰國戒嚴);
        - a sentence with nothing of public affairs in it: no other glossary term, no word of the genre."""
        home = _REGION_GROUP.get(region, "mainland")
        strong = [m for m in found if not m.weak]  # in order of start (find returns them left to right)
        strong_starts = [m.start for m in strong]
        out: list[TermMatch] = []
        for match in found:
            key = folded[match.start : match.end]
            if match.weak or match.entry.source == "user":
                out.append(match)
                continue
            if match.entry.region in _ANYWHERE:
                # a cross-Strait or international entry holds in every region's text, but an everyday word of it
                # (心灵契合 of two friends) still only in a sentence of public affairs
                if key in self._generic and match.entry.id not in self._cues \
                        and not _about_public_affairs(folded, match, strong, strong_starts):
                    match = TermMatch(match.start, match.end, match.text, match.entry, True)
                out.append(match)
                continue
            # a foreign country's institution or office (印度总理, 日本國民年金; 泰國軍方宣布全國戒嚴)
            low = max(0, match.start - 40)  # a clause is short: never scan the text before it
            clause_start = max(max(folded.rfind(ch, low, match.start) for ch in _CLAUSE_MARKS) + 1, low)
            before = folded[max(clause_start, match.start - 24) : match.start]
            foreign = (_foreign_in_clause().search(before) is not None
                       or (match.entry.category in _BODIES and _SHORT_FOREIGN.search(before) is not None)) \
                and not re.match(_HOME_NAMES, key)
            # an entry with its own cues in senses.toml was decided by them, except that a foreign country's
            # office is never it, and a Hong Kong, Macau or Taiwan entry in the document of a region where
            # its sense was not shown to hold (no example read as that region) holds only where its
            # paragraph names its own region: a Hong Kong cue like 议员 also occurs in a Macau paragraph
            if match.entry.id in self._cues:
                # (a foreign-policy term is about other countries: their names are its context, not its owners)
                if foreign and match.entry.category != "foreign-policy":
                    out.append(TermMatch(match.start, match.end, match.text, match.entry, True))
                    continue
                group = _REGION_GROUP.get(match.entry.region, "mainland")
                own_place = any(key.startswith(name) and _PLACE_REGIONS[name] == group for name in _PLACE_REGIONS)
                shown = self._sense_regions.get(match.entry.id, frozenset())
                if (group not in (home, "mainland") and home not in shown and not own_place
                        and not _names_region(folded, match.start, match.end, match.entry.region, home)):
                    match = TermMatch(match.start, match.end, match.text, match.entry, True)
                out.append(match)
                continue
            weak = foreign
            # a place named right before the term: that place's entry, or no note if the glossary has none
            place = _place_before().search(folded[max(0, match.start - 9) : match.start]) or _clause_topic(folded, clause_start, match.start)
            if place is not None and not weak:
                where = _PLACE_REGIONS[place.group(1)]
                entry = self._choose(self._terms.get(key, [match.entry]), where)
                fits = region_fit(entry.region, where) >= 3
                out.append(TermMatch(match.start, match.end, match.text, entry, not fits))
                continue
            own_place = any(key.startswith(name) and _PLACE_REGIONS[name] == _REGION_GROUP.get(match.entry.region) for name in _PLACE_REGIONS)
            if key not in self._generic:
                # an entry of another region's system (a Hong Kong 郊野公园 in a Beijing text, the Mainland's
                # 中科院 in a Taiwan one) holds only where its paragraph names that region
                weak = weak or (region_fit(match.entry.region, region) < 2 and not own_place
                                and not _names_region(folded, match.start, match.end, match.entry.region, home))
                # a slogan or set phrase (not the name of a body, law, place or meeting) said of a shop, a
                # child or a documentary: 抓早抓小 in parenting advice, 五十年不變 of a recipe
                if not weak and match.entry.category in _SLOGANS and len(key) <= _SLOGAN_LENGTH:
                    weak = not _about_public_affairs(folded, match, strong, strong_starts)
                out.append(TermMatch(match.start, match.end, match.text, match.entry, True) if weak else match)
                continue
            group = _REGION_GROUP.get(match.entry.region, "mainland")
            weak = weak or (group != home and not own_place)
            if not weak:
                weak = not _about_public_affairs(folded, match, strong, strong_starts)
            out.append(TermMatch(match.start, match.end, match.text, match.entry, True) if weak else match)
        return out

    def _find_forms(self, text: str, folded: str, region: str) -> list[TermMatch]:
        terms = self._terms
        # every occurrence of every form, by start (an Aho-Corasick automaton: one pass over the text)
        by_start: dict[int, list[int]] = {}
        for last, length in self._automaton.iter(folded):
            by_start.setdefault(last - length + 1, []).append(last + 1)
        matches: list[TermMatch] = []
        pos = 0
        for start in sorted(by_start):
            if start < pos:
                continue
            for end in sorted(by_start[start], reverse=True):  # the longest standing form first
                if not self._stands(folded, start, end):
                    continue
                candidates = terms[folded[start:end]]
                if len(candidates) > 1 and self._cues:
                    # entries sharing a form (Shanghai's and Wuhan's 五个中心): those whose context cues hold here first
                    held = [e for e in candidates if self._supported(e, folded, start, end, region)]
                    entry = self._choose(held or candidates, region)
                    weak = not held
                else:
                    entry = self._choose(candidates, region)
                    weak = not self._supported(entry, folded, start, end, region)
                matches.append(TermMatch(start, end, text[start:end], entry, weak))
                pos = end
                break
        return matches
