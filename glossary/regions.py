"""Regions a glossary entry belongs to: national, cross-Strait, Taiwan, Hong Kong, Macau, a province or a city."""

from __future__ import annotations

import re
from functools import lru_cache

# Whole-China, cross-Strait and the three systems outside the Mainland's own administration.
SPECIAL: dict[str, tuple[str, str]] = {
    "national": ("Mainland China, national", "全国"),
    "cross-strait": ("Cross-Strait", "两岸"),
    "international": ("International", "国际"),
    "taiwan": ("Taiwan", "台湾"),
    "hong-kong": ("Hong Kong", "香港"),
    "macau": ("Macau", "澳门"),
}

# The Mainland's provincial-level divisions (provinces, autonomous regions, municipalities).
PROVINCES: dict[str, tuple[str, str]] = {
    "beijing": ("Beijing", "北京"),
    "tianjin": ("Tianjin", "天津"),
    "shanghai": ("Shanghai", "上海"),
    "chongqing": ("Chongqing", "重庆"),
    "hebei": ("Hebei", "河北"),
    "shanxi": ("Shanxi", "山西"),
    "inner-mongolia": ("Inner Mongolia", "内蒙古"),
    "liaoning": ("Liaoning", "辽宁"),
    "jilin": ("Jilin", "吉林"),
    "heilongjiang": ("Heilongjiang", "黑龙江"),
    "jiangsu": ("Jiangsu", "江苏"),
    "zhejiang": ("Zhejiang", "浙江"),
    "anhui": ("Anhui", "安徽"),
    "fujian": ("Fujian", "福建"),
    "jiangxi": ("Jiangxi", "江西"),
    "shandong": ("Shandong", "山东"),
    "henan": ("Henan", "河南"),
    "hubei": ("Hubei", "湖北"),
    "hunan": ("Hunan", "湖南"),
    "guangdong": ("Guangdong", "广东"),
    "guangxi": ("Guangxi", "广西"),
    "hainan": ("Hainan", "海南"),
    "sichuan": ("Sichuan", "四川"),
    "guizhou": ("Guizhou", "贵州"),
    "yunnan": ("Yunnan", "云南"),
    "tibet": ("Tibet", "西藏"),
    "shaanxi": ("Shaanxi", "陕西"),
    "gansu": ("Gansu", "甘肃"),
    "qinghai": ("Qinghai", "青海"),
    "ningxia": ("Ningxia", "宁夏"),
    "xinjiang": ("Xinjiang", "新疆"),
}

_CITY_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")

# The Chinese names of the cities that entries belong to (a test checks that every city used has one).
CITIES: dict[str, str] = {
    "anhui.anqing": "安庆",
    "anhui.hefei": "合肥",
    "anhui.huaibei": "淮北",
    "anhui.maanshan": "马鞍山",
    "anhui.wuhu": "芜湖",
    "fujian.fuzhou": "福州",
    "fujian.ningde": "宁德",
    "fujian.putian": "莆田",
    "fujian.quanzhou": "泉州",
    "fujian.xiamen": "厦门",
    "fujian.zhangzhou": "漳州",
    "gansu.lanzhou": "兰州",
    "guangdong.dongguan": "东莞",
    "guangdong.foshan": "佛山",
    "guangdong.guangzhou": "广州",
    "guangdong.heyuan": "河源",
    "guangdong.shenzhen": "深圳",
    "guangdong.zhongshan": "中山",
    "guangdong.zhuhai": "珠海",
    "guangxi.guilin": "桂林",
    "guangxi.laibin": "来宾",
    "guangxi.nanning": "南宁",
    "guangxi.yulin": "玉林",
    "guizhou.guiyang": "贵阳",
    "hainan.haikou": "海口",
    "hainan.sanya": "三亚",
    "hebei.cangzhou": "沧州",
    "hebei.qinhuangdao": "秦皇岛",
    "hebei.shijiazhuang": "石家庄",
    "hebei.tangshan": "唐山",
    "hebei.xiongan": "雄安",
    "heilongjiang.harbin": "哈尔滨",
    "heilongjiang.mudanjiang": "牡丹江",
    "heilongjiang.qitaihe": "七台河",
    "henan.luoyang": "洛阳",
    "henan.zhengzhou": "郑州",
    "hubei.ezhou": "鄂州",
    "hubei.wuhan": "武汉",
    "hubei.xiangyang": "襄阳",
    "hubei.yichang": "宜昌",
    "hunan.changsha": "长沙",
    "hunan.hengyang": "衡阳",
    "inner-mongolia.baotou": "包头",
    "inner-mongolia.hohhot": "呼和浩特",
    "jiangsu.nanjing": "南京",
    "jiangsu.suzhou": "苏州",
    "jiangsu.wuxi": "无锡",
    "jiangsu.yangzhou": "扬州",
    "jiangxi.nanchang": "南昌",
    "jilin.changchun": "长春",
    "liaoning.dalian": "大连",
    "liaoning.shenyang": "沈阳",
    "ningxia.yinchuan": "银川",
    "qinghai.xining": "西宁",
    "shaanxi.ankang": "安康",
    "shaanxi.xian": "西安",
    "shandong.jinan": "济南",
    "shandong.qingdao": "青岛",
    "shanxi.taiyuan": "太原",
    "sichuan.chengdu": "成都",
    "sichuan.nanchong": "南充",
    "tibet.lhasa": "拉萨",
    "tibet.shigatse": "日喀则",
    "xinjiang.kashgar": "喀什",
    "xinjiang.urumqi": "乌鲁木齐",
    "yunnan.kunming": "昆明",
    "zhejiang.anji": "安吉",
    "zhejiang.hangzhou": "杭州",
    "zhejiang.huzhou": "湖州",
    "zhejiang.jiaxing": "嘉兴",
    "zhejiang.lishui": "丽水",
    "zhejiang.ningbo": "宁波",
    "zhejiang.wenzhou": "温州",
    "zhejiang.yiwu": "义乌",
}


def region_problem(region: str) -> str | None:
    """What is wrong with a region code, or None.

    A code is one of SPECIAL, a province slug, or "province.city" with a lowercase pinyin city slug
    ("guangdong.shenzhen", "fujian.quanzhou").
    """
    if region in SPECIAL or region in PROVINCES:
        return None
    province, dot, city = region.partition(".")
    if dot and province in PROVINCES and _CITY_RE.match(city):
        return None
    return f"unknown region {region!r} (national, cross-strait, international, taiwan, hong-kong, macau, a province or province.city)"


def region_label(region: str) -> str:
    """A reader-facing English label: "Hong Kong", "Guangdong", "Shenzhen (Guangdong)"; "" for no region."""
    if not region:
        return ""
    if region in SPECIAL:
        return SPECIAL[region][0]
    if region in PROVINCES:
        return PROVINCES[region][0]
    province, _, city = region.partition(".")
    name = " ".join(part.capitalize() for part in city.split("-"))
    return f"{name} ({PROVINCES[province][0]})" if province in PROVINCES else region


def is_outside_mainland(region: str) -> bool:
    """Whether a region is Taiwan, Hong Kong or Macau (their own usage, Traditional forms first)."""
    return region in ("taiwan", "hong-kong", "macau")


@lru_cache(maxsize=256)
def local_names(region: str) -> tuple[str, ...]:
    """The Chinese place names whose mention shows a text concerns a province or city entry's place: the
    province and its cities for a province; the city and its province for a city; () for other regions."""
    province, dot, city = region.partition(".")
    if province not in PROVINCES:
        return ()
    names = [PROVINCES[province][1]]
    if dot:
        if region in CITIES:
            names.append(CITIES[region])
    else:
        names.extend(name for code, name in CITIES.items() if code.startswith(province + "."))
    return tuple(names)


# The one-character names of the provinces (桂 in 三企入桂, 苏 in 苏南): in a form, they name its place.
ABBREVIATIONS: dict[str, str] = {
    "beijing": "京", "tianjin": "津", "shanghai": "沪", "chongqing": "渝", "hebei": "冀", "shanxi": "晋",
    "inner-mongolia": "蒙", "liaoning": "辽", "jilin": "吉", "heilongjiang": "黑", "jiangsu": "苏", "zhejiang": "浙",
    "anhui": "皖", "fujian": "闽", "jiangxi": "赣", "shandong": "鲁", "henan": "豫", "hubei": "鄂", "hunan": "湘",
    "guangdong": "粤", "guangxi": "桂", "hainan": "琼", "sichuan": "川", "guizhou": "黔", "yunnan": "滇",
    "tibet": "藏", "shaanxi": "陕", "gansu": "甘", "qinghai": "青", "ningxia": "宁", "xinjiang": "新",
}


@lru_cache(maxsize=1)
def all_local_names() -> tuple[str, ...]:
    """Every province and city name of PROVINCES and CITIES."""
    return tuple(name for _en, name in PROVINCES.values()) + tuple(CITIES.values())
