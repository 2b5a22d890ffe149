"""Tests for pinyin readings: CPP polyphone accuracy, the bundled article's hard cases, formats, sandhi."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.pinyin import PinyinAnnotator, default_annotator, format_reading

ROOT = Path(__file__).resolve().parents[2]
CPP = ROOT / "tests" / "data" / "cpp-dev"  # shipped with its licence (Apache-2.0)
ARTICLE = ROOT / "resources" / "articles" / "quanzhou-article.txt"


@pytest.fixture(scope="module")
def ann() -> PinyinAnnotator:
    return default_annotator()


def reading_of(ann: PinyinAnnotator, text: str, word: str, index: int, nth: int = 0) -> str | None:
    """Reading of word[index] at the nth occurrence of word in text."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(word, pos + 1)
    return ann.readings(text)[pos + index]


def test_cpp_dev_accuracy(ann: PinyinAnnotator) -> None:
    sents = (CPP / "dev.sent").read_text("utf-8").splitlines()
    labels = (CPP / "dev.lb").read_text("utf-8").splitlines()
    texts, targets = [], []
    for s in sents:
        targets.append(s.index("\u2581"))
        texts.append(s.replace("\u2581", ""))
    readings = ann.readings("\n".join(texts))
    ok, pos = 0, 0
    for text, i, gold in zip(texts, targets, labels):
        ok += readings[pos + i] == gold.strip().replace("u:", "ü")
        pos += len(text) + 1
    acc = ok / len(texts)
    print(f"CPP dev accuracy: {acc:.4f} ({ok}/{len(texts)})")
    assert acc >= 0.98  # 98.01% today (the floor catches a regression)


# (word in the article, index of the character in the word, expected reading, occurrence)
ARTICLE_CASES = [
    ("統籌協調", 3, "tiao2", 0), ("調研", 0, "diao4", 0), ("調動", 0, "diao4", 0), ("強調", 1, "diao4", 0),
    ("會計", 0, "kuai4", 0), ("廈漳泉", 0, "xia4", 0), ("以人民為中心", 3, "wei2", 0),
    ("敢為人先", 1, "wei2", 0), ("新作為", 2, "wei2", 0), ("作為最高", 1, "wei2", 0),
    ("為新發展階段", 0, "wei4", 0), ("為全省系統", 0, "wei4", 0), ("為主要內容", 0, "wei2", 0),
    ("著力", 0, "zhuo2", 0), ("著眼", 0, "zhuo2", 0), ("洋溢著", 2, "zhe5", 0), ("沿著", 1, "zhe5", 0),
    ("以上率下", 2, "shuai4", 0), ("出處", 1, "chu4", 0), ("一處", 1, "chu4", 0), ("處理", 0, "chu3", 0),
    ("登載", 1, "zai3", 0), ("轉載", 1, "zai3", 0), ("載體", 0, "zai4", 0),
    ("重大", 0, "zhong4", 0), ("重點", 0, "zhong4", 0), ("重要", 0, "zhong4", 0), ("治重化積", 1, "chong2", 0),
    ("行動", 0, "xing2", 0), ("發展", 0, "fa1", 0), ("取得", 1, "de2", 0), ("開啟了", 2, "le5", 0),
    ("增長到", 1, "zhang3", 0), ("經濟強省", 2, "qiang2", 0), ("應對", 0, "ying4", 0), ("供應鏈", 1, "ying4", 0),
    ("數轉", 0, "shu4", 0), ("更新", 0, "geng1", 0), ("更高水平", 0, "geng4", 0), ("傳承", 0, "chuan2", 0),
    ("興市", 0, "xing1", 0), ("復興", 1, "xing1", 0), ("力量", 1, "liang4", 0), ("落實", 0, "luo4", 0),
    ("充分", 1, "fen4", 0), ("勁往一處", 0, "jin4", 0), ("補好", 1, "hao3", 0), ("班子", 1, "zi5", 0),
    ("功夫", 1, "fu5", 0), ("不間斷", 1, "jian4", 0), ("空間", 1, "jian1", 0), ("重癥", 1, "zheng4", 0),
    ("實干", 1, "gan4", 0), ("干部", 0, "gan4", 0), ("都市圈", 0, "du1", 0), ("要求", 0, "yao1", 0),
    ("骨頭", 1, "tou5", 0), ("急難", 1, "nan2", 0), ("區域", 0, "qu1", 0), ("聯系", 1, "xi4", 0),
    ("怎么", 1, "me5", 0), ("倒排", 0, "dao4", 0), ("殷切", 1, "qie4", 0), ("大篷車", 2, "che1", 0),
]


@pytest.mark.parametrize("word,index,expected,nth", ARTICLE_CASES)
def test_article_hard_cases(ann: PinyinAnnotator, word: str, index: int, expected: str, nth: int) -> None:
    text = ARTICLE.read_text("utf-8")
    assert reading_of(ann, text, word, index, nth) == expected


SENTENCE_CASES = [
    ("他在銀行工作。", "行", "hang2"), ("她的頭髮很長。", "髮", "fa5"), ("她的頭髮很長。", "長", "chang2"),
    ("我了解這個情況。", "了", "liao3"), ("我們取得了成績。", "了", "le5"), ("他跑得很快。", "得", "de5"),
    ("他高興地笑了。", "地", "de5"), ("這塊地很大。", "地", "di4"), ("他長大了。", "長", "zhang3"),
    ("面朝大海。", "朝", "chao2"), ("快樂", "樂", "le4"), ("音樂", "樂", "yue4"), ("數字", "數", "shu4"),
    ("兩岸關係", "兩", "liang3"), ("一盤棋", "棋", "qi2"), ("調整結構", "調", "tiao2"), ("簡單", "單", "dan1"),
    ("種子", "種", "zhong3"), ("種樹", "種", "zhong4"), ("效率", "率", "lü4"), ("西藏", "藏", "zang4"),
    ("參加", "參", "can1"), ("人參", "參", "shen1"), ("顯著", "著", "zhu4"), ("著作", "著", "zhu4"),
    ("著急", "著", "zhao2"), ("乾淨", "乾", "gan1"), ("乾隆", "乾", "qian2"), ("瞭望", "瞭", "liao4"),
    ("一隻貓", "隻", "zhi1"), ("會計", "會", "kuai4"), ("廈門", "廈", "xia4"), ("協調", "調", "tiao2"),
    ("以經濟建設為中心", "為", "wei2"), ("為人民服務", "為", "wei4"),
    ("發展銀髮經濟", "髮", "fa4"), ("推动银发经济", "发", "fa4"), ("發展銀髮經濟", "發", "fa1"),
    ("深化供給側結構性改革", "給", "ji3"), ("把資料提供給用戶", "給", "gei3"),
    ("全面推行河長制", "長", "zhang3"), ("藏糧於地、藏糧於技", "藏", "cang2"), ("落實產業鏈鏈長制", "長", "zhang3"), ("延長制度的期限", "長", "chang2"),
]


@pytest.mark.parametrize("text,char,expected", SENTENCE_CASES)
def test_sentences(ann: PinyinAnnotator, text: str, char: str, expected: str) -> None:
    assert ann.readings(text)[text.index(char)] == expected


def test_every_han_character_in_article_has_a_reading(ann: PinyinAnnotator) -> None:
    text = ARTICLE.read_text("utf-8")
    r = ann.readings(text)
    assert len(r) == len(text)
    for ch, reading in zip(text, r):
        if "\u4e00" <= ch <= "\u9fff":
            assert reading is not None and reading[-1] in "12345", ch


def test_traditional_and_simplified_agree(ann: PinyinAnnotator) -> None:
    pairs = [
        ("統籌協調,調研三安高端項目,充分調動積極性。", "统筹协调,调研三安高端项目,充分调动积极性。"),
        ("銀行行長了解會計工作的重要性。", "银行行长了解会计工作的重要性。"),
        ("著力打造廈漳泉都市圈,洋溢著敢為人先的精神。", "着力打造厦漳泉都市圈,洋溢着敢为人先的精神。"),
        ("她的頭髮很長,經濟增長很快。", "她的头发很长,经济增长很快。"),
    ]
    for trad, simp in pairs:
        assert len(trad) == len(simp)
        assert ann.readings(trad) == ann.readings(simp), trad


def test_formats() -> None:
    assert format_reading("lü4") == "lǜ"
    assert format_reading("lü4", "numbers") == "lü4"
    assert format_reading("nü3") == "nǚ"
    assert format_reading("le5") == "le"
    assert format_reading("le5", "numbers") == "le5"
    assert format_reading("tiao2") == "tiáo"
    assert format_reading("tiao2", style="marks") == "tiáo"
    with pytest.raises(ValueError):
        format_reading("tiao2", "bopomofo")


def test_u_umlaut_and_neutral_tone(ann: PinyinAnnotator) -> None:
    assert ann.readings("綠") == ["lü4"]
    assert ann.readings("绿") == ["lü4"]
    assert ann.readings("女") == ["nü3"]
    assert [format_reading(r) for r in ann.readings("綠女")] == ["lǜ", "nǚ"]
    assert ann.readings("我們")[1] == "men5"


def test_sandhi(ann: PinyinAnnotator) -> None:
    def marks(text: str, sandhi: bool) -> str:
        return " ".join(format_reading(r) for r in ann.readings(text, sandhi=sandhi) if r)

    assert marks("一定", True) == "yí dìng"
    assert marks("一定", False) == "yī dìng"
    assert marks("不對", True) == "bú duì"
    assert marks("不對", False) == "bù duì"
    assert marks("第一", True) == "dì yī"
    assert marks("一二三", True) == "yī èr sān"
    assert marks("一盤棋", True) == "yì pán qí"
    assert marks("一天", True) == "yì tiān"
    assert marks("統一思想", True) == "tǒng yī sī xiǎng"
    assert marks("十一月", True) == "shí yī yuè"
    assert marks("不好", True) == "bù hǎo"


def test_non_han_and_lengths(ann: PinyinAnnotator) -> None:
    text = "Hi 你好,\n2024年!😀𠀀。\r\nabc"
    r = ann.readings(text)
    assert len(r) == len(text)
    for ch, reading in zip(text, r):
        if ch in "你好年𠀀":
            assert reading is not None, ch
        else:
            assert reading is None, ch
    assert r[text.index("𠀀")] == "he1"
    assert ann.readings("") == []
    assert ann.readings("\n\n") == [None, None]
    emoji = "👍🏽"
    assert ann.readings(emoji) == [None] * len(emoji)


def test_long_text_without_punctuation(ann: PinyinAnnotator) -> None:
    text = "重要的行動" * 60
    r = ann.readings(text)
    assert len(r) == len(text)
    assert r[0] == "zhong4" and r[3] == "xing2"


def test_default_annotator_shared() -> None:
    assert default_annotator() is default_annotator()


REAL_PROSE_WORDS = [  # sentences of our own with the words real prose showed the model getting wrong
    ("这座城市是首善之都", 8, "du1"),
    ("长照服务持续扩大", 0, "chang2"),
    ("央行宣布降准降息", 4, "jiang4"),
    ("公示中标结果", 2, "zhong4"),
    ("相关部门要加强监管", 0, "xiang1"),
    ("出于战略考量", 5, "liang2"),
    ("整治内卷式竞争", 3, "juan3"),
    ("以钉钉子精神抓落实", 1, "ding4"),
    ("对违纪人员给予党纪处分", 10, "fen4"),
    ("入党积极分子培训班", 4, "fen4"),
    ("停车难是个老大难问题", 7, "nan2"),  # found by a glossary writer: the annotator read nàn
    ("少子女化趨勢持續", 0, "shao3"),  # Taiwan's word for the falling birth rate: "few" children
    ("日本的少子化问题", 3, "shao3"),
    ("持续拓展产供链合作", 5, "gong1"),  # 产业链供应链: 供 as in 供应
    ("汇聚起磅礴力量", 3, "pang2"),  # named in issue 15: the model said bàng
    ("气势磅礴的山河", 2, "pang2"),
    # readings that glossary reviewers checked against dictionaries (sentences of our own)
    ("今年要加快调结构、促转型", 5, "tiao2"),
    ("社区设立人民调解委员会", 6, "tiao2"),
    ("推进降碳减污扩绿增长", 2, "jiang4"),
    ("严格落实三重一大决策制度", 5, "zhong4"),
    ("村党组织书记一肩挑", 8, "tiao1"),
    ("反对美国的长臂管辖", 5, "chang2"),
    ("全面推进产业结构调整，坚决反对台独顽固分子", 19, "fen4"),
    ("建设具有中国特色的内蒙古自治区和内蒙地区", 17, "meng3"),
]


@pytest.mark.parametrize("text, at, reading", REAL_PROSE_WORDS)
def test_words_real_prose_needs(ann: PinyinAnnotator, text: str, at: int, reading: str) -> None:
    assert ann.readings(text)[at] == reading


READINGS_IN_OWN_SENTENCES = [  # sentences of our own: (text, character, its reading)
    # words with one standard reading whatever the sentence
    ("企业按时还款的能力增强", "还", "huan2"),
    ("实行财政包干制度", "干", "gan1"),  # 包干 = 包乾 bāogān (CC-CEDICT, 现代汉语词典)
    ("轻舟已过万重山", "重", "chong2"),
    ("建立参保长效机制", "长", "chang2"),
    ("请系好安全带", "系", "ji4"),
    ("理应承担责任", "应", "ying1"),
    ("宁可慢一点也要稳", "宁", "ning4"),
    ("不要瞎折腾", "折", "zhe1"),
    ("冲着问题去", "冲", "chong4"),
    ("非一朝一夕之功", "朝", "zhao1"),
    # 为 'for' before the one who benefits, the complement 得, and their look-alikes
    ("要为经营主体排忧解难", "为", "wei4"),
    ("积极为基层减负", "为", "wei4"),
    ("努力为企业提供优质服务", "为", "wei4"),
    ("将其列为服务重点", "为", "wei2"),
    ("以服务群众为宗旨", "为", "wei2"),
    ("他被任命为局长", "为", "wei2"),
    ("该保险是为保障农民而设立的", "为", "wei4"),
    ("市领导为获奖代表颁奖", "为", "wei4"),
    ("以保障民生为重点", "为", "wei2"),
    ("这将成为推动发展的力量", "为", "wei2"),
    ("改革发展得很快", "得", "de5"),
    ("工作做得更实", "得", "de5"),
    ("取得很大成效", "得", "de2"),
    ("获得更多支持", "得", "de2"),
    ("困难时刻站得出来", "得", "de5"),
    ("这些目标我们做得到", "得", "de5"),
    ("青年要跟得上时代", "得", "de5"),
    ("既要放得活又要管得住", "得", "de5"),
    ("人民群众得到了实惠", "得", "de2"),
    # a phrase reading comes from the word the sentence is cut into, not from a word across its
    # boundary (定调 in 决定|调整, 标的 in 指标|的, 大难 in 三大|难题)
    ("会议决定调整人员范围", "调", "tiao2"),
    ("介绍了主要指标的运行情况", "的", "de5"),
    ("破解乡村振兴三大难题", "难", "nan2"),
    ("定调今年的经济工作", "调", "diao4"),
    # 地 on its own after an adverbial word is de; in and after place words it is dì
    ("要有效地推动改革", "地", "de5"),
    ("他们认真地学习文件", "地", "de5"),
    ("在北京等地开展调研", "地", "di4"),
    ("深入实地调研", "地", "di4"),
    ("推进土地流转", "地", "di4"),
    # 率 naming a rate is lǜ; 率 'to lead' and its words are shuài
    ("全市城镇化率达到百分之六十", "率", "lü4"),
    ("产品合格率大幅提高", "率", "lü4"),
    ("粮食自给率在下降", "率", "lü4"),
    ("本地中标率领先全国", "率", "lü4"),
    ("书记率队调研", "率", "shuai4"),
    ("部长率代表团访问", "率", "shuai4"),
    ("发挥表率作用", "率", "shuai4"),
    ("要率先垂范", "率", "shuai4"),
    # more words with one standard reading
    ("会议当天通过了决议", "当", "dang4"),
    ("当日本代表团抵达时", "当", "dang1"),
    ("维护职工正当权益", "当", "dang4"),
    ("犯罪分子落网", "分", "fen4"),
    ("要审时度势", "度", "duo2"),
    ("儿童接种疫苗", "种", "zhong4"),
    ("亲密无间的伙伴", "间", "jian4"),
    ("依法调处矛盾纠纷", "调", "tiao2"),
    ("防止资金空转", "转", "zhuan4"),
    # 为民 'for the people', the passive 为…所, 的确 and 的 + 确定性
    ("坚持执政为民", "为", "wei4"),
    ("做到权为民所用", "为", "wei2"),
    ("这一地区成为民族团结的典范", "为", "wei2"),
    ("以中国的确定性稳住世界", "的", "de5"),
    ("的确如此", "的", "di2"),
    # 只 after a number is the measure word zhī; "only" elsewhere. 差 after a degree word is chà
    ("市场上有三只新基金发行", "只", "zhi1"),
    ("调拨口罩500只", "只", "zhi1"),
    ("院子里养了十几只鸡", "只", "zhi1"),
    ("三隻小豬", "隻", "zhi1"),
    ("这只是开始", "只", "zhi3"),
    ("最多只能报名两项", "只", "zhi3"),
    ("该市空气质量全省最差", "差", "cha4"),
    ("服务态度太差了", "差", "cha4"),
    ("两地温度相差不大", "差", "cha4"),
    ("推进更差异化的政策", "差", "cha1"),
    # 长 ending a title is zhǎng; where the sentence's words make it 长期, cháng
    ("委员长会议决定调整列席人员范围", "长", "zhang3"),
    ("信义乡长出席颁奖典礼", "长", "zhang3"),
    ("全县长期坚持绿色发展", "长", "chang2"),
    # a place name that takes the title's first character (台中市|长) still leaves 长 a title (2026-12-03)
    ("台中市长王大明今天视察工地", "长", "zhang3"),
    ("这个市长期规划要调整", "长", "chang2"),
    # 燕 in a given name and as "swallow" is yàn; yān for the old states and their region
    ("市长林秀燕主持会议", "燕", "yan4"),
    ("屋檐下有一窝燕子", "燕", "yan4"),
    ("他在燕郊买了房", "燕", "yan1"),
    ("前燕灭亡之后", "燕", "yan1"),
    # 曾 after a title, before a two-character given name and what the person does: the surname zēng
    ("卫生局发言人曾小明表示", "曾", "zeng1"),
    ("卫生局发言人曾表示", "曾", "ceng2"),
    ("电影哪吒票房创新高", "哪", "ne2"),
    ("市府推动都更案", "都", "du1"),
    ("员工可以申请年假", "假", "jia4"),
    ("合约最多只住两年", "只", "zhi3"),
    # 为 "for" before the one it is done for and what is done (打气, 争取, 奋斗), and after a space that ends a caption
    ("球迷在看台上为主队打气", "为", "wei4"),
    ("议员私下为选区争取经费", "为", "wei4"),
    ("青年为理想奋斗", "为", "wei4"),
    ("（记者摄）  为迎接新年，园区举办活动", "为", "wei4"),
    # 更 on its own is the adverb gèng; gēng only in words that read it so (2026-12-03, third session)
    ("新措施实施后排队的人更减少了", "更", "geng4"),
    ("这座小城更像一座花园", "更", "geng4"),
    ("公司更换了全部设备", "更", "geng1"),
    ("办理变更登记", "更", "geng1"),
    # 曾 opening a sentence before a given name and a verb of saying, or in a list of names
    ("曾小明表示，新制度明年上路。", "曾", "zeng1"),
    ("曾多次表示愿意合作。", "曾", "ceng2"),
    ("片中由王大同、曾小华等人主演", "曾", "zeng1"),
    # 假 ending a kind of leave
    ("员工请伤病假需附证明", "假", "jia4"),
    ("家庭照顾假可以按小时申请", "假", "jia4"),
    ("病假设有上限", "假", "jia4"),
    ("假设条件成立", "假", "jia3"),
    # Taiwan's 計畫 is read as 计划 (捷運大台中計畫: 台中, not 中计)
    ("市府推出捷運大台中計畫", "中", "zhong1"),
    ("基本工资连续十年调涨", "调", "tiao2"),
    # 为 before 生存/生活 is "for" (wèi); 以…为生 keeps wéi
    ("感受小人物为生存奋斗的勇气", "为", "wei4"),
    ("当地村民世代以捕鱼为生", "为", "wei2"),
    ("社区聚焦老年人急难愁盼问题", "难", "nan2"),
    # grassroots titles ending in 长 (楼栋长, 网格长); a building's length keeps cháng
    ("社区选出网格长和楼栋长", "长", "zhang3"),
    ("这栋楼长约百米", "长", "chang2"),
    # the complement 得 before 久 and 远 after a verb (活得久, 走得远); 取得远大 keeps dé
    ("希望长者活得久也活得好", "得", "de5"),
    ("改革要取得远大成就", "得", "de2"),
    ("他被任命为主任", "为", "wei2"),
    ("中秋连假第一天高速公路塞车", "假", "jia4"),
    ("工会要求设立煞停机制", "煞", "sha1"),
    ("人工智能赋能千行百业", "行", "hang2"),
    ("救援队进入重灾区", "重", "zhong4"),
    ("本报为读者送上新年历", "为", "wei4"),
    # (2026-12-04, from the working part of the seventh collection) 下调 tiáo; 发还 huán; 为 the copula in
    # 原因为何 "what is the reason" (为何 "why" keeps wèi); 理解为/曲解为 "take as"; 处 "to sentence" before a term
    ("银行决定下调存款利率", "调", "tiao2"),
    ("公司宣布票价下调两成", "调", "tiao2"),
    ("上级法院将案件发还重审", "还", "huan2"),
    ("市民关心延误的原因为何", "为", "wei2"),
    ("记者追问他为何缺席", "为", "wei4"),
    ("这句话被曲解为支持涨价", "为", "wei2"),
    ("情节严重的，可处三年以下有期徒刑", "处", "chu3"),
    ("并处罚金", "处", "chu3"),
    ("园区管理处三年来服务企业上百家", "处", "chu4"),
    ("村口一处三年前建成的小广场", "处", "chu4"),
    # 部分 is bù fen / bù fèn in every dictionary; the model, trained on CPP (whose labels give fēn), read bù fēn
    ("大部分居民支持这项计划", "分", "fen4"),
    ("部分负担将从明年起调整", "分", "fen4"),
    # 为 before a rate per unit is the copula (收费为每公升…); 为每位 "for each person" keeps wèi
    ("当局建议垃圾袋收费为每公升一毛钱。", "为", "wei2"),
    ("政府为每位长者发放津贴", "为", "wei4"),
]


@pytest.mark.parametrize("text, char, reading", READINGS_IN_OWN_SENTENCES)
def test_readings_in_sentences_of_our_own(ann: PinyinAnnotator, text: str, char: str, reading: str) -> None:
    assert ann.readings(text)[text.index(char)] == reading


# Sentences of our own, after the errors a reader's labels showed on the eighth working set (2026-12-03):
# (sentence, word, index in the word, expected reading)
WORD_LEVEL_CASES = [
    ("两国关系紧张，谈判陷入僵局。", "关系", 1, "xi4"),  # a listed word (系紧 jì) read across 关系|紧张
    ("他蹲下来把鞋带系紧。", "系紧", 0, "ji4"),  # … and still read where it is a word
    ("今年各项工作要交出更好成绩单。", "更好", 1, "hao3"),  # hào only inside 爱好, 好奇 …
    ("全市工业电价稳中有降。", "有降", 1, "jiang4"),  # xiáng only in 投降, 受降 …
    ("敌军出城受降。", "受降", 1, "xiang2"),
    ("科技进步对经济增长的贡献率预计超过六成。", "贡献率", 2, "lü4"),
    ("这几个部门的负责人都参加了会议。", "人都", 1, "dou1"),
    ("首都的地铁线路越来越多。", "首都", 1, "du1"),
    ("政府将为原住民保留地提供补偿。", "保留地", 2, "di4"),
    ("政府要为中小企业减税降费。", "为中小", 0, "wei4"),  # 为 + the one it is for + a verb
    ("全年收入为预算的百分之一百零一。", "为预算", 0, "wei2"),  # the copula: no verb after its complement
    ("这些小组均为委员会下设的组织。", "为委员", 0, "wei2"),
    ("議員建議政府盡快成立專責小組。", "盡快", 0, "jin3"),  # Hong Kong's 盡快 for 儘快
    ("他們盡力而為，完成了任務。", "盡力", 0, "jin4"),
]


@pytest.mark.parametrize("text,word,index,expected", WORD_LEVEL_CASES)
def test_word_level_readings_in_sentences_of_our_own(ann: PinyinAnnotator, text: str, word: str, index: int,
                                                      expected: str) -> None:
    assert reading_of(ann, text, word, index) == expected
