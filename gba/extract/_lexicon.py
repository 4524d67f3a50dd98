"""Word lists of the quantity extractor: units and their kinds, qualifiers, idioms.

All entries are simplified; :func:`variants` writes the regular expression that
also accepts the traditional forms. Private to :mod:`gba.extract._scan`.

Examples
--------
>>> UNIT_KIND["人次"], UNIT_KIND["亿元"] if "亿元" in UNIT_KIND else "no such unit"
('count', 'no such unit')
>>> variants("辆次")
'[辆輛]次'
"""

from __future__ import annotations

__all__ = [
    "APPROX",
    "IDIOMS",
    "LOWER",
    "PREFIXES",
    "PREFIX_BLOCKERS",
    "SUFFIXES",
    "UNIT_KIND",
    "UPPER",
    "variants",
]

LOWER, UPPER, APPROX = "lower", "upper", "approx"

_MONEY = ["元", "美元", "港元", "港币", "澳门元", "澳元", "欧元", "日元", "英镑", "人民币"]
_PERCENT = ["%", "％", "‰"]
_POINT = ["个百分点", "百分点"]
_MULTIPLE = ["倍"]
_DURATION = [
    "秒", "秒钟", "分钟", "小时", "个小时", "天", "个工作日", "工作日", "周", "个星期",
    "星期", "个月", "年", "周年", "个季度", "季度",
]  # fmt: skip
_COUNT = [
    "人次", "人", "名", "位", "个", "家", "项", "件", "宗", "条", "款", "种", "类", "辆次",
    "辆", "架次", "艘次", "艘", "部", "份", "次", "场次", "场", "批次", "批", "笔", "单",
    "户", "所", "间", "座", "台", "张", "本", "套", "只", "支", "册", "篇", "期", "届",
    "例", "起", "处", "组", "队", "层", "栋", "幢", "副", "对", "双", "箱", "趟", "班次",
    "门", "轮", "病种", "床",
]  # fmt: skip
_MEASURE = [
    "米", "平方米", "平方公里", "公里", "千米", "公顷", "亩", "吨", "公斤", "千克", "克",
    "立方米", "标箱", "千瓦时", "千瓦", "兆瓦", "海里",
]  # fmt: skip

#: unit (simplified, as normalised) → kind of quantity
UNIT_KIND: dict[str, str] = {
    **dict.fromkeys(_MONEY, "money"),
    **dict.fromkeys(_PERCENT, "percent"),
    **dict.fromkeys(_POINT, "percentage_point"),
    **dict.fromkeys(_MULTIPLE, "multiple"),
    **dict.fromkeys(_DURATION, "duration"),
    **dict.fromkeys(["日"], "duration"),  # only as in 30日内 (see _scan)
    **dict.fromkeys(_COUNT, "count"),
    **dict.fromkeys(_MEASURE, "measure"),
}
UNIT_KIND["％"] = "percent"

# prefix → qualifier, longest first when matched
PREFIXES: dict[str, str] = {
    **dict.fromkeys(
        ["超过", "超", "逾", "多于", "高于", "不少于", "不低于", "至少", "大于", "超出"], LOWER
    ),
    **dict.fromkeys(
        ["不到", "不足", "不超过", "不高于", "少于", "低于", "最多", "至多", "未满", "小于"],
        UPPER,
    ),
    **dict.fromkeys(["近", "将近", "接近", "约", "大约", "约为", "大概", "近乎"], APPROX),
}
# one-character prefixes that are the end of an unrelated word (最近 "recently", 合约 "contract")
PREFIX_BLOCKERS: dict[str, str] = {
    "近": "最附亲邻靠临",
    "超": "赶高",
    "约": "合签预公条契节制邀特履违守婚",
    "逾": "",
}
# suffix → qualifier (内 alone only after a duration, see _scan)
SUFFIXES: dict[str, str] = {
    "以上": LOWER,
    "以下": UPPER,
    "以内": UPPER,
    "之内": UPPER,
    "内": UPPER,
    "左右": APPROX,
}
#: fixed expressions that contain a numeral and a counter but state no quantity
IDIOMS = [
    "三位一体", "四位一体", "五位一体", "三番五次", "三天两头", "三天打鱼", "一年半载",
    "十有八九", "九死一生", "五花八门", "三令五申", "一五一十", "四面八方", "三五成群",
    "七上八下", "十全十美", "万无一失", "千家万户", "百家争鸣", "三头六臂", "三心二意",
]  # fmt: skip

_TRAD: dict[str, str] = {
    "万": "萬", "亿": "億", "两": "兩", "辆": "輛", "种": "種", "项": "項", "个": "個",
    "条": "條", "笔": "筆", "单": "單", "户": "戶", "间": "間", "台": "臺", "张": "張",
    "只": "隻", "周": "週", "钟": "鐘", "时": "時", "场": "場", "类": "類", "门": "門",
    "届": "屆", "吨": "噸", "亩": "畝", "顷": "頃", "约": "約", "余": "餘", "内": "內",
    "过": "過", "于": "於", "将": "將", "点": "點", "币": "幣", "镑": "鎊", "册": "冊",
    "层": "層", "栋": "棟", "对": "對", "双": "雙", "头": "頭", "组": "組", "队": "隊",
    "处": "處", "标": "標", "轮": "輪", "欧": "歐", "国": "國",
}  # fmt: skip


def variants(word: str) -> str:
    """Write the regular expression for ``word`` in simplified or traditional script."""
    out = []
    for ch in word:
        trad = _TRAD.get(ch)
        out.append(f"[{ch}{trad}]" if trad else ("%" if ch == "%" else ch))
    return "".join(out)
