"""Regions a glossary entry belongs to: national, cross-Strait, Taiwan, Hong Kong, Macau, a province or a city."""

from __future__ import annotations

import re

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
