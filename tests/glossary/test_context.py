"""Term matching that agrees with the words and the context: numbered names, word boundaries,
regions, senses and the pattern families, over the real curated glossary."""

from __future__ import annotations

import pytest

from glossary.dictionary import Dictionary
from glossary.loader import load_curated
from glossary.matcher import GlossaryMatcher, region_fit
from glossary.model import GlossaryEntry
from glossary.patterns import pattern_problems, read_patterns, read_senses
from glossary.segment import LocalSegmenter, inside_numbered_name
from glossary.store import GlossaryStore
from tests.glossary.conftest import make_entry


@pytest.fixture(scope="module")
def store(dictionary: Dictionary) -> GlossaryStore:
    return GlossaryStore(load_curated(), dictionary=dictionary)


def marked(store: GlossaryStore, text: str, region: str = "mainland") -> list[tuple[str, str]]:
    return [(m.text, m.entry.id) for m in store.matcher().find(text, region) if not m.weak]


def test_a_numbered_name_is_not_hit_by_its_tail() -> None:
    assert inside_numbered_name("实施百千万工程", 3, 7)  # 千万工程 inside 百千万工程
    assert inside_numbered_name("推进三江两岸建设", 4, 6)  # 两岸 inside 三江两岸
    assert inside_numbered_name("构建一湾两翼三带格局", 4, 6)
    assert not inside_numbered_name("加强两岸交流", 2, 4)
    assert not inside_numbered_name("十年两岸关系", 2, 4)  # a count, not a name
    assert not inside_numbered_name("一带一路和一带", 5, 7)


def test_numbered_traps_in_the_real_glossary(store: GlossaryStore) -> None:
    assert ("千万工程", "qian-wan-gong-cheng") not in marked(store, "广东实施百千万工程，推动县镇村高质量发展。")
    assert ("千万工程", "qian-wan-gong-cheng") in marked(store, "浙江深化千万工程，建设和美乡村。")
    assert not any(i == "liang-an" for _t, i in marked(store, "打造三江两岸生态景观带。"))


def test_a_longer_dictionary_word_across_the_edge_wins() -> None:
    seg = LocalSegmenter({"减少": 7000, "少": 18000, "双": 30000, "政策": 20000, "落实": 9000}, extra=["双减"])
    assert seg.stands("落实双减政策", 2, 4)
    assert not seg.stands("双减少", 0, 2)


def test_a_latin_term_is_not_hit_inside_a_longer_token(store: GlossaryStore) -> None:
    """Sentences of our own, after the real-text marks judged wrong on the working part."""
    assert not any(t == "M2" for t, _i in marked(store, "今年PM2.5平均浓度同比下降。"))
    assert ("M2", "guang-yi-huo-bi") in marked(store, "6月末，广义货币M2余额同比增长8%。")


def test_a_term_starting_inside_a_commoner_word_is_not_hit(store: GlossaryStore) -> None:
    assert not any(t == "稳增长" for t, _i in marked(store, "上半年市场销售平稳增长。"))
    assert ("稳增长", "wen-zeng-zhang") in marked(store, "坚持稳增长，扩大内需。")


def test_a_bare_department_name_is_the_local_committees_not_the_centres(store: GlossaryStore) -> None:
    assert ("宣传部", "xuan-chuan-bu") in marked(store, "中共宝鸡市委宣传部、市文化和旅游局联合主办。")
    assert ("政法委", "zheng-fa-wei") in marked(store, "林州市委常委、政法委书记出席会议。")
    assert ("中宣部", "zhong-xuan-bu") in marked(store, "中宣部召开出版工作座谈会。")
    assert not marked(store, "公司宣传部发布了新品海报。")


def test_the_entry_of_the_documents_region_is_chosen() -> None:
    mainland = make_entry(id="yi-guo-liang-zhi", simplified="一国两制", traditional="一國兩制", region="national")
    taiwan = make_entry(id="yi-guo-liang-zhi-tw", simplified="一国两制", traditional="一國兩制", region="taiwan")
    matcher = GlossaryMatcher([mainland, taiwan])
    assert matcher.find("坚持一国两制")[0].entry.id == "yi-guo-liang-zhi"
    assert matcher.find("拒絕一國兩制", "taiwan")[0].entry.id == "yi-guo-liang-zhi-tw"
    assert region_fit("guangdong", "mainland") > region_fit("guangdong", "taiwan")


def test_every_sense_example_gets_its_sense_and_no_counterexample_does(store: GlossaryStore) -> None:
    failures = []
    senses = read_senses()
    assert len(senses) >= 15
    for sense in senses:
        for expect, lines in ((True, sense.examples), (False, sense.not_matching)):
            for line in lines:
                region, _, text = line.partition(":") if ":" in line[:10] else ("mainland", "", line)
                hits = [m for m in store.matcher().find(text, region) if m.entry.id == sense.entry]
                strong = any(not m.weak for m in hits)
                if strong != expect:
                    failures.append(f"{sense.entry}: {line} -> {[(m.text, m.weak) for m in hits]}")
    assert not failures, "\n".join(failures)


def test_a_weak_hit_keeps_its_entry_for_the_popup(store: GlossaryStore) -> None:
    hits = [m for m in store.matcher().find("沿江两岸绿道串联起十多个公园。") if m.entry.id == "liang-an"]
    assert hits and hits[0].weak and hits[0].sense == "everyday"


def test_a_sense_shown_for_one_region_does_not_carry_its_cues_into_another(store: GlossaryStore) -> None:
    """上車 (a first home, in Hong Kong usage): its cues (樓價, 首期) also occur in a Macau paragraph, where the
    Hong Kong scheme is not what is meant — unless the paragraph names Hong Kong; a sense whose examples
    include Mainland sentences (白手套) still holds there."""
    text = "樓價高企，年輕人上車難，首期要儲十年。"

    def marked(sentence: str, region: str, entry: str) -> bool:
        return any(m.entry.id == entry and not m.weak for m in store.matcher().find(sentence, region))

    assert marked(text, "hong-kong", "shang-che")
    assert not marked(text, "macau", "shang-che")
    assert marked("香港" + text, "macau", "shang-che")
    assert marked("该官员通过白手套代持股份，收受巨额回扣。", "mainland", "bai-shou-tao")


def test_patterns_point_to_entries_and_match_their_examples() -> None:
    ids = {e.id for e in load_curated()}
    patterns = read_patterns()
    assert len(patterns) >= 6
    assert pattern_problems(patterns, ids) == []
    assert pattern_problems([type(patterns[0])("no-such-entry", "(", (), ())], ids)


def test_session_names_are_recognised_whole(store: GlossaryStore) -> None:
    text = "广东省第十四届人民代表大会第五次会议开幕。市政协十五届三次会议闭幕。深入学习贯彻十九届二中、三中、四中全会精神。"
    found = dict((t, i) for t, i in marked(store, text))
    assert found.get("第十四届人民代表大会第五次会议") == "di-fang-ren-da-hui-yi"
    assert found.get("市政协十五届三次会议") == "di-fang-zheng-xie-hui-yi"
    assert found.get("十九届二中、三中、四中全会") == "zhong-yang-quan-hui"
    # a plenum with its own entry keeps it
    assert ("十八届三中全会", "shi-ba-jie-san-zhong-quan-hui") in marked(store, "十八届三中全会作出决定。")


def test_user_word_choices_join_and_split() -> None:
    entry = make_entry(id="shuang-jian", simplified="双减", traditional="雙減")
    liang = make_entry(id="liang-an", simplified="两岸", traditional="兩岸")
    seg = LocalSegmenter({"减少": 7000, "少": 18000, "双": 30000}, extra=["双减"])
    assert GlossaryMatcher([entry], seg).find("双减少") == []
    # "this is one word" for the term itself lets it stand; a joined longer word hides what is inside it
    assert GlossaryMatcher([entry], seg, joins=["双减"]).find("双减少")[0].text == "双减"
    assert GlossaryMatcher([liang], joins=["沿江两岸"]).find("沿江两岸绿道") == []
    assert GlossaryMatcher([liang], joins=["沿江两岸"]).find("两岸交流")[0].text == "两岸"
    # "split here": a cut inside the span stops it; a cut at its edge lets it stand
    assert GlossaryMatcher([entry], splits=["双|减"]).find("落实双减") == []
    assert GlossaryMatcher([entry], seg, splits=["双减|少"]).find("双减少")[0].text == "双减"


def _entry_for(entries: list[GlossaryEntry], entry_id: str) -> GlossaryEntry:
    return next(e for e in entries if e.id == entry_id)


def test_a_place_named_before_a_term_decides_its_system(store: GlossaryStore) -> None:
    store_matcher = store.matcher()
    # a Macau office in a Hong Kong text: the Macau entry, not Hong Kong's
    found = {m.text: m for m in store_matcher.find("澳門行政長官今日訪港，與特首會面。", "hong-kong")}
    assert found["行政長官"].entry.region == "macau" and not found["行政長官"].weak
    # a Taiwan body with only another region's entry in the glossary: no confident note
    found = {m.text: m for m in store_matcher.find("一九八〇年代的行政院新聞局負責電影審查。", "taiwan")}
    assert "新聞局" not in found or found["新聞局"].weak
    # a place opening the clause is its topic: the Mainland's health code, though the text is Macau's
    found = {m.text: m for m in store_matcher.find("內地上月起不再要求出示健康碼，口岸通關更快。", "macau")}
    assert "健康碼" not in found or found["健康碼"].weak or found["健康碼"].entry.region not in ("macau", "hong-kong")
    # and Macau's own code where Macau opens the clause
    found = {m.text: m for m in store_matcher.find("澳門居民過去在關閘須出示健康碼。", "macau")}
    assert found["健康碼"].entry.region == "macau" and not found["健康碼"].weak


def test_a_foreign_country_earlier_in_the_clause_makes_an_office_foreign(store: GlossaryStore) -> None:
    store_matcher = store.matcher()
    found = {m.text: m for m in store_matcher.find("泰國軍方昨日宣布全國戒嚴，觀光業者憂心。", "taiwan")}
    assert "戒嚴" not in found or found["戒嚴"].weak
    # a nationality is not a foreign institution, and a Chinese place after the country brings it home
    found = {m.text: m for m in store_matcher.find("印尼籍移工在中秋節前夕舉辦聯歡活動。", "taiwan")}
    assert not found["移工"].weak


def test_a_term_after_a_place_name_stands_though_the_dictionary_joins_them(store: GlossaryStore) -> None:
    # CC-CEDICT lists 台湾海基会 as one word; the term 海基会 is still whole at its end
    found = [m.text for m in store.matcher().find("臺灣海基會董事長今天表示，將持續推動兩岸交流。", "taiwan") if not m.weak]
    assert "海基會" in found


@pytest.mark.parametrize("text, term", [
    ("这家港口的吞吐量多年位居全球二十大港口之首。", "二十大"),  # a count of big things
    ("展会设置了十二大展区，吸引了众多客商。", "十二大"),
    ("各地要推进两新一重建设，扩大有效投资。", "两新"),  # the head of a longer formula
    ("这三个代表团将分别前往浙江和江苏考察。", "三个代表"),  # 代表团 runs across the end
    ("改革开放前后两个时期，前30年为后30年打下了基础。", "后30"),  # a number of years
])
def test_a_numbered_term_that_only_counts_something_is_not_marked(store: GlossaryStore, text: str, term: str) -> None:
    assert term not in [m.text for m in store.matcher().find(text, "mainland") if not m.weak]


@pytest.mark.parametrize("text, term", [
    ("党的二十大以来，各地深入学习贯彻二十大精神。", "二十大"),
    ("十九大提出了新时代的总任务。", "十九大"),
    ("本次大会新增选两院院士一百五十多名。", "两院院士"),
    ("该市空气质量排名跌入全国后30，被生态环境部约谈。", "后30"),
    # the number in figures, as news and the Taiwan and Hong Kong press write it
    ("中共20大以来，北京多次强调这一方针。", "中共20大"),
    ("中國制定第15個五年規劃，外界關注其科技目標。", "第15個五年規劃"),
])
def test_numbered_terms_still_found_where_they_are_meant(store: GlossaryStore, text: str, term: str) -> None:
    assert term in [m.text for m in store.matcher().find(text, "mainland") if not m.weak]


@pytest.mark.parametrize("text, term", [
    ("记者从三秦都市报获悉，这条地铁线将于年底通车。", "三秦"),  # the first part of a newspaper's name
    ("她在一家进出口公司的商务部负责跟单和报价。", "商务部"),  # a firm's own department
    ("共青团十九大在北京开幕，大会选举产生新一届团中央。", "十九大"),  # another organisation's congress
])
def test_a_term_inside_a_name_a_firm_or_another_bodys_congress_is_not_marked(store: GlossaryStore, text: str, term: str) -> None:
    assert term not in [m.text for m in store.matcher().find(text, "mainland") if not m.weak]


@pytest.mark.parametrize("text, term", [
    ("三秦儿女奋力谱写中国式现代化的陕西篇章。", "三秦"),
    ("商务部表示，将进一步稳定外贸外资。", "商务部"),
    ("团中央号召广大团员认真学习十九大提出的各项任务。", "十九大"),  # the Party's, named after a 团 word
])
def test_the_same_terms_stand_where_they_are_meant(store: GlossaryStore, text: str, term: str) -> None:
    assert term in [m.text for m in store.matcher().find(text, "mainland") if not m.weak]


def test_another_regions_entry_holds_only_where_its_region_is_named(store: GlossaryStore) -> None:
    """A Hong Kong country park in a text about Chengdu, the Chinese Academy of Sciences in a Taiwan text
    about its own defence institute: not marked (the popup still offers them second). Where the
    paragraph names the region, the same entries are notes again."""
    matcher = store.matcher()
    found = {m.text: m for m in matcher.find("成都新建三座郊野公园，市民周末可以骑行。", "mainland")}
    assert found["郊野公园"].weak and found["郊野公园"].entry.region == "hong-kong"
    found = {m.text: m for m in matcher.find("中科院研發的新型雷達完成測試，國防部表示將量產。", "taiwan")}
    assert "中科院" not in found or found["中科院"].weak
    found = {m.text: m for m in matcher.find("香港新开放的郊野公园吸引不少内地游客。", "mainland")}
    assert not found["郊野公园"].weak
    found = {m.text: m for m in matcher.find("大陸的中科院發表新型量子電腦成果。", "taiwan")}
    assert not found["中科院"].weak


def test_hong_kong_and_macau_entries_do_not_cross_on_shared_names(store: GlossaryStore) -> None:
    """Hong Kong and Macau share words (立法會, 特區, 資格審查, 非永久性居民) but not their laws and bodies: a
    Macau note on a Hong Kong vetting, or a Hong Kong one on Macau's election, is wrong. 立法會 and 特區 in a
    Hong Kong paragraph name Hong Kong, not Macau; where the other place is named, its entry holds again."""
    matcher = store.matcher()
    found = {m.text: m for m in matcher.find("選舉管理委員會表示，立法會選舉的候選人須通過資格審查，特區政府會依法處理。", "hong-kong")}
    assert found["資格審查"].weak and found["資格審查"].entry.region == "macau"
    assert not found["立法會選舉"].weak and found["立法會選舉"].entry.region == "hong-kong"
    found = {m.text: m for m in matcher.find("澳門立法會選舉的候選人須通過資格審查。", "hong-kong")}
    assert not found["資格審查"].weak
    found = {m.text: m for m in matcher.find("本澳第八屆立法會選舉將於九月舉行，非永久居民不能投票。", "macau")}
    assert all(m.weak for m in found.values() if m.entry.region == "hong-kong")
    assert found["非永久居民"].weak
    found = {m.text: m for m in matcher.find("香港的非永久性居民不能投票。", "macau")}
    assert not found["非永久性居民"].weak
    found = {m.text: m for m in matcher.find("澳門學者認為，愛國者治港原則已經落實。", "macau")}
    assert not found["愛國者治港"].weak  # 治港 names Hong Kong


def test_a_national_body_after_a_local_government_is_that_places_own(store: GlossaryStore) -> None:
    """浙江省对外友协 is Zhejiang's friendship association, not the national one the entry explains: not
    marked (the popup offers the entry second); the national body by its short name alone stays marked."""
    found = {m.text: m for m in store.matcher().find("浙江省对外友协组织青少年交流活动。", "mainland")}
    assert found["对外友协"].weak and found["对外友协"].entry.region == "national"
    found = {m.text: m for m in store.matcher().find("对外友协会长会见美国友好人士。", "mainland")}
    assert not found["对外友协"].weak


def test_a_provinces_numbered_formula_is_a_note_only_where_its_place_is_named(store: GlossaryStore) -> None:
    """Jiangsu's 四个走在前 in a national commentary or another province's report is not marked (the popup
    still offers it second); in a text about Jiangsu or one of its cities it is."""
    matcher = store.matcher()
    elsewhere = {m.text: m for m in matcher.find("会议强调，各地要在改革发展中做到四个走在前。", "mainland")}
    assert elsewhere["四个走在前"].weak
    home = {m.text: m for m in matcher.find("南京市委常委会强调，要扛起“四个走在前”的重大任务，做到四个走在前。", "mainland")}
    assert not home["四个走在前"].weak and home["四个走在前"].entry.region == "jiangsu"


def test_a_local_name_is_marked_wherever_it_occurs(store: GlossaryStore) -> None:
    # proper names of places and sites are not formulas: 十八洞村 is that village in any text
    found = {m.text: m for m in store.matcher().find("十八洞村是精准扶贫重要理念的首倡地。", "mainland")}
    assert not found["十八洞村"].weak


def test_every_city_that_entries_belong_to_has_a_chinese_name() -> None:
    from glossary.loader import load_curated
    from glossary.regions import CITIES

    cities = {e.region for e in load_curated() if "." in e.region}
    assert cities <= set(CITIES), sorted(cities - set(CITIES))


@pytest.mark.parametrize("text, term", [
    ("据报道，美财政部宣布新一轮制裁。", "财政部"),  # a country's one-character name before the office
    ("日方外交部表示关切。", "外交部"),
    ("菲海警船只再次闯入黄岩岛海域。", "海警"),
])
def test_another_countrys_office_named_by_its_short_name_is_not_the_chinese_one(store: GlossaryStore, text: str, term: str) -> None:
    found = {m.text: m for m in store.matcher().find(text, "mainland")}
    assert term not in found or found[term].weak


def test_the_chinese_office_after_a_word_with_a_country_in_it_is_still_marked(store: GlossaryStore) -> None:
    found = {m.text: m for m in store.matcher().find("财政部今天发布通知，赴美留学人数回升。", "mainland")}
    assert not found["财政部"].weak


def test_a_law_is_not_cut_out_of_the_rule_of_law(store: GlossaryStore) -> None:
    matcher = store.matcher()
    found = [m.text for m in matcher.find("加强国家安全法治建设，完善国家安全法治体系。", "mainland") if not m.weak]
    assert "国家安全法" not in found
    found = [m.text for m in matcher.find("全国人大常委会通过了国家安全法，自公布之日起施行。", "mainland") if not m.weak]
    assert "国家安全法" in found


def test_a_member_of_the_standing_committee_is_not_cut_out_of_the_committee(store: GlossaryStore) -> None:
    found = {m.text: m.entry.id for m in store.matcher().find("市委常委会召开会议。他当选为市委常委。", "mainland") if not m.weak}
    assert found == {"市委常委会": "shi-wei-chang-wei-hui", "市委常委": "shi-wei-chang-wei"}


def test_a_form_ending_in_a_bodys_character_is_not_cut_out_of_its_heads_title(store: GlossaryStore) -> None:
    store_matcher = store.matcher()
    # 副署 (countersign) is not in 副署長 (a deputy director-general) ...
    found = {m.text: m for m in store_matcher.find("內政部警政署副署長出席記者會，說明春節治安措施。", "taiwan")}
    assert "副署" not in found
    # ... but is where the premier countersigns, and a body's name stays whole before 長 (國安局長)
    found = {m.text: m for m in store_matcher.find("法律經總統公布前，須由行政院長副署。", "taiwan")}
    assert "副署" in found and not found["副署"].weak
    found = {m.text: m for m in store_matcher.find("國安局長今天赴立法院報告。", "taiwan")}
    assert "國安局" in found


def test_an_everyday_phrase_is_a_term_only_in_a_sentence_of_public_affairs(store: GlossaryStore) -> None:
    """Entries whose own term is an everyday phrase (glossary/everyday.tsv, from a desk audit of every entry):
    a shop's or a family's sentence gets no mark, a sentence of public affairs keeps it."""
    assert not any(i == "jing-xi-hua-guan-li" for _t, i in marked(store, "这家奶茶店对库存实行精细化管理，损耗明显下降。"))
    assert any(i == "jing-xi-hua-guan-li" for _t, i in marked(store, "市政府推进城市精细化管理，提升基层治理水平。"))
    assert not any(i == "xin-ling-qi-he" for _t, i in marked(store, "两人相识多年，兴趣相投，可谓心灵契合。"))


def test_an_everyday_phrase_in_a_private_setting_is_not_a_term_even_beside_genre_words(store: GlossaryStore) -> None:
    """A company's board, a school class or a family: words like 审议, 企业 or 银行 in the sentence do not make
    an everyday phrase political; a government or public office in the same sentence does."""
    assert not any(i == "gong-kai-xuan-ba" for _t, i in marked(store, "市游泳队面向中小学公开选拔苗子，报名的孩子很多。"))
    assert any(i == "gong-kai-xuan-ba" for _t, i in marked(store, "省委组织部公开选拔一批年轻干部到县里任职。"))
    assert not any(i == "jing-xi-hua-guan-li" for _t, i in marked(store, "公司董事会要求各门店推进精细化管理，严控成本。"))
    assert any(i == "jing-xi-hua-guan-li" for _t, i in marked(store, "区政府推进精细化管理，公司和商户一起参与街区整治。"))


def test_the_everyday_list_names_real_entries_and_no_numbered_formula() -> None:
    from glossary.patterns import read_everyday

    everyday = read_everyday()
    by_id = {e.id: e for e in load_curated()}
    assert len(everyday) >= 100 and all(why for why in everyday.values())
    assert not [i for i in everyday if i not in by_id]
    assert not [i for i in everyday if any(ch in "一二两三四五六七八九十0123456789" for ch in by_id[i].simplified)]
