"""Build ``graph/data/companies.tsv``: well-known companies and brands, with the short forms news uses.

Two sources:

1. ``HAND`` below, compiled by hand from general knowledge (up to 2025): central and Chongqing
   state-owned groups, banks, insurers and brokers, automakers and EV / battery makers, tech and
   internet platforms, consumer brands (beverages, food, appliances, apparel, restaurants), airlines,
   logistics, Chongqing's listed companies, and foreign companies by the Chinese names the press uses
   (可口可乐, 皮尔卡丹, 宝马).  Legal names are given where I know them; a row whose legal name I was
   not sure of carries its best-known name instead, and companies I was not sure of were left out.
2. The PyPI package ``matchina`` (MIT) ships ``matchina/data/entities.db``, an SQLite table of Chinese
   listed companies: the stock short name (证券简称) of every A-share company, HK-listed companies, and
   a curated short form for ~250 "verified" big names.  It has no Chinese legal names and no regions.
   All A-share rows are taken; HK rows only when verified or when they are a company of ``HAND``
   (most HK names are small offshore firms the Chinese press never names).  The script reads the
   database straight from the wheel (matchina is never imported or installed)::

       pip download --no-deps matchina==0.2.4 -d /tmp/matchina
       python tools/make_companies.py /tmp/matchina/matchina-0.2.4-py3-none-any.whl

A listed company that is also in ``HAND`` (its stock short name is the row's name or one of its
aliases) becomes one row: the hand row, with the database's verified short form added unless another
hand row claims it.  Rows keep their own kind; database-only rows are ``listed`` (``bank`` for banks,
brokers, insurers and trusts) with the region read from a province name at the start of the short name.

Aliases are then filtered, and every dropped form is written to ``companies_dropped.txt`` with the
reason: shorter than 2 characters (3 for Latin-only forms); a place name or alias in ``districts.tsv``;
a word of jieba's dictionary with frequency >= ``MAX_FREQ``; a form judged by hand to be mostly an
ordinary word or a piece of frequent words (``HAND_STOP``); another row's name; or shared by two rows.
Forms taken unreviewed from the package (database-only names, verified short forms) must also not be
jieba words tagged as ordinary words, places or people with frequency >= ``MIN_DB_FREQ`` (天津港,
金融街, 保利); a database-only row whose name fails (农产品, 太阳能, 白云机场 ...) is dropped whole.
Hand row names must pass the checks: the script stops with an error otherwise.
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import importlib.util
import re
import sqlite3
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "graph" / "data"
DB_MEMBER = "matchina/data/entities.db"
KINDS = ("listed", "group", "brand", "bank", "foreign")
MAX_FREQ = 1000  # jieba dictionary frequency from which a form counts as a common word
MIN_DB_FREQ = 10  # the same for unreviewed forms from the package, unless tagged as a name (COMPANY_TAGS)
COMPANY_TAGS = {"nz", "nt", "j"}
COMPANY_WORDS = (
    "股份", "集团", "控股", "科技", "高科", "电气", "电子", "实业", "发展", "投资", "银行", "证券", "保险",
    "药业", "制药", "医药", "生物", "能源", "电力", "环保", "材料", "化工", "汽车", "航空", "传媒",
)  # fmt: skip
FOREIGN_REGIONS = {
    "美国", "日本", "德国", "法国", "英国", "韩国", "瑞士", "瑞典", "荷兰", "意大利", "丹麦", "芬兰",
    "比利时", "捷克", "新加坡", "泰国", "阿联酋", "卡塔尔",
}  # fmt: skip
FINANCE_SUFFIXES = ("银行", "农商行", "证券", "保险", "人寿", "财险", "信托", "期货")
# Stock-name markers: special treatment (ST, *ST), pre-reform (S), delisting (退), share class (A/B),
# HK suffixes (-W weighted voting, -S secondary listing, -B pre-revenue biotech, -SW ...).
ST_PREFIX = re.compile(r"^(\*?ST|PT|S(?=[\u4e00-\u9fff]))")
HK_SUFFIX = re.compile(r"(-[A-Z]{1,2})+(-[新旧])?$")
CLASS_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff])[AB]$")
CJK = re.compile(r"[\u4e00-\u9fff]")

# Forms dropped by hand: mostly an ordinary word, a name of something else, or a frequent piece of
# other words in news text (substring matches across word boundaries).  form -> reason.
HAND_STOP: dict[str, str] = {
    "小康": "小康社会 (moderately prosperous)",
    "奔驰": "verb: to gallop (列车奔驰)",
    "日产": "daily output (日产100吨)",
    "美的": "adjective: 最美的",
    "小米": "millet, 小米辣",
    "三星": "三星堆",
    "长虹": "长虹卧波 (bridges)",
    "太极": "tai chi",
    "民生": "people's livelihood (民生工程)",
    "金科": "金科玉律",
    "海天": "sea and sky (海天一色)",
    "海螺": "conch",
    "温氏": "surname + 氏",
    "罗氏": "surname + 氏",
    "国泰": "国泰民安",
    "新航": "新航线, 新航站楼",
    "高通": "高通量",
    "甲骨文": "oracle-bone script",
    "洲际": "intercontinental (洲际导弹)",
    "去哪儿": "ordinary question: where to",
    "同程": "同程 (same journey)",
    "马蜂窝": "hornets' nest",
    "中海": "中南海; other 中海 companies",
    "古井": "ancient well",
    "舍得": "verb: to be willing to part with",
    "红岩": "红岩精神, 红岩村 (Chongqing revolutionary history)",
    "乌江": "the Wujiang river",
    "蚂蚁": "ant",
    "菜鸟": "newbie",
    "贝壳": "shell",
    "微博": "microblog in general (官方微博)",
    "李宁": "the founder's personal name",
    "山姆": "the given name Sam",
    "标致": "adjective: good-looking",
    "小天鹅": "both the appliance brand and the Chongqing hotpot chain",
    "万向": "universal (万向节)",
    "礼来": "piece of 典礼来宾",
    "江淮": "the Jianghuai region",
    "东风": "east wind; 东风 missiles",
    "三元": "three yuan",
    "三一": "piece of 周三一早",
    "青山": "green hills (绿水青山)",
    "绿地": "green space",
    "国航": "piece of 中国航天, 中国航空",
    "中建": "piece of 集中建设",
    "中行": "piece of 集中行动",
    "中信": "piece of 心中信念, 集中信访",
    "中通": "piece of 会议中通过",
    "中兴": "revival (中兴); piece of 集中兴建",
    "京东": "piece of 北京东路, 南京东路",
    "国投": "piece of 全国投资",
    "国网": "piece of 全国网络",
    "南网": "piece of 云南网, 湖南网",
    "铁建": "piece of 高铁建设",
    "人保": "piece of 个人保险, 老人保健",
    "兴业": "兴业富民 (to develop industry)",
    "友邦": "friendly nation",
    "用友": "piece of 使用友好",
    "达能": "piece of 表达能力",
    "安永": "piece of 平安永川",
    "安联": "piece of 公安联合",
    "安盛": "piece of 平安盛世",
    "强生": "piece of 坚强生命",
    "雅高": "piece of 优雅高贵",
    "广达": "piece of 推广达到",
    "大唐": "the Tang dynasty (大唐不夜城)",
    "自由点": "piece of 更自由点",
    "百事": "all matters (百事通)",
    "浪潮": "wave, tide",
    "金山": "金山银山; 金山区",
    "统一": "unify",
    "九阳": "九阳 (martial-arts novels); keep 九阳股份",
    "中煤": "piece of 其中煤炭",
    "中电": "中国电子 too; piece of 集中电力",
    "国电": "piece of 全国电网, 全国电影",
    "新地": "piece of 创新地位",
    "三全": "三全育人 (education policy)",
}

# The hand-compiled rows: name|aliases|kind|region.  region is a province-level short form of
# districts.tsv (重庆, 广东, 香港, 台湾) or, for foreign companies, the country; empty if unsure.
# Aliases list every form the press uses, good or bad: the filters decide (see companies_dropped.txt).
HAND = """\
# --- central state-owned groups and other national groups ---
中国石油天然气集团有限公司|中国石油集团,中石油,中国石油,中国石油天然气股份有限公司,PetroChina,CNPC|group|北京
中国石油化工集团有限公司|中国石化集团,中石化,中国石化,中国石油化工股份有限公司,Sinopec|group|北京
中国海洋石油集团有限公司|中国海油,中海油,中国海洋石油有限公司,CNOOC|group|北京
国家电网有限公司|国家电网,国网,State Grid|group|北京
中国南方电网有限责任公司|南方电网,南网|group|广东
中国华能集团有限公司|华能集团,中国华能,华能|group|北京
中国大唐集团有限公司|大唐集团,中国大唐,大唐|group|北京
中国华电集团有限公司|华电集团,中国华电,华电|group|北京
国家电力投资集团有限公司|国家电投,国家电投集团,SPIC|group|北京
国家能源投资集团有限责任公司|国家能源集团,国家能源投资集团|group|北京
中国长江三峡集团有限公司|三峡集团,中国三峡集团|group|
中国核工业集团有限公司|中核集团,中国核工业集团,中核|group|北京
中国广核集团有限公司|中广核,中国广核集团,CGN|group|广东
中国中煤能源集团有限公司|中煤集团,中煤能源集团|group|北京
国家石油天然气管网集团有限公司|国家管网,国家管网集团|group|北京
国家开发投资集团有限公司|国投集团,国家开发投资集团,国投|group|北京
中国电力建设集团有限公司|中国电建,电建集团,PowerChina|group|北京
中国能源建设集团有限公司|中国能建,能建集团|group|北京
中国铝业集团有限公司|中铝集团,中国铝业,中铝,Chinalco|group|北京
中国五矿集团有限公司|五矿集团,中国五矿,五矿|group|北京
中国宝武钢铁集团有限公司|中国宝武,宝武集团,宝武|group|上海
宝山钢铁股份有限公司|宝钢股份,宝钢|listed|上海
鞍钢集团有限公司|鞍钢集团,鞍钢|group|辽宁
河钢集团有限公司|河钢集团,河钢|group|河北
首钢集团有限公司|首钢集团,首钢|group|北京
中国有色矿业集团有限公司|中国有色集团,中国有色矿业集团|group|北京
中国矿产资源集团有限公司|中国矿产资源集团|group|
中国稀土集团有限公司|中国稀土,中国稀土集团|group|江西
中国盐业集团有限公司|中盐集团,中国盐业|group|北京
中国化学工程集团有限公司|中国化学,中国化学工程|group|北京
中国中化控股有限责任公司|中国中化,中化集团,Sinochem|group|
中国建材集团有限公司|中国建材,中国建材集团|group|北京
中国航空工业集团有限公司|航空工业集团,中航工业,AVIC|group|北京
中国航天科技集团有限公司|航天科技集团,中国航天科技集团|group|北京
中国航天科工集团有限公司|航天科工,航天科工集团|group|北京
中国船舶集团有限公司|中国船舶,中国船舶集团,中船集团|group|上海
中国兵器工业集团有限公司|兵器工业集团,中国兵器工业集团|group|北京
中国兵器装备集团有限公司|兵器装备集团,兵装集团,中国兵器装备集团|group|北京
中国电子科技集团有限公司|中国电科,CETC|group|北京
中国电子信息产业集团有限公司|中国电子信息产业集团|group|
中国航空发动机集团有限公司|中国航发,航发集团|group|北京
中国商用飞机有限责任公司|中国商飞,商飞,COMAC|group|上海
中国第一汽车集团有限公司|中国一汽,一汽集团,一汽,红旗汽车,FAW|group|吉林
东风汽车集团有限公司|东风汽车集团,东风公司,东风汽车,东风|group|湖北
中国长安汽车集团有限公司|中国长安汽车,中国长安汽车集团|group|重庆
中国通用技术（集团）控股有限责任公司|通用技术集团,中国通用技术集团|group|北京
中国中车集团有限公司|中国中车,中车集团,中车,CRRC|group|北京
中国铁路工程集团有限公司|中国中铁,中铁集团,中铁|group|北京
中国铁道建筑集团有限公司|中国铁建,铁建集团|group|北京
中国建筑集团有限公司|中国建筑,中建集团,中建|group|北京
中国交通建设集团有限公司|中国交建,中交集团,中交建|group|北京
中国冶金科工集团有限公司|中国中冶,中冶集团|group|北京
中国国家铁路集团有限公司|国铁集团,中国国家铁路集团|group|北京
中国安能建设集团有限公司|中国安能|group|北京
中国煤炭科工集团有限公司|中国煤科,中国煤炭科工集团|group|北京
中国移动通信集团有限公司|中国移动,中国移动通信|group|北京
中国电信集团有限公司|中国电信|group|北京
中国联合网络通信集团有限公司|中国联通|group|北京
中国广播电视网络集团有限公司|中国广电|group|北京
中国卫星网络集团有限公司|中国星网|group|
中国铁塔股份有限公司|中国铁塔|listed|北京
中国邮政集团有限公司|中国邮政,邮政集团,中国邮政集团|group|北京
中国远洋海运集团有限公司|中远海运,中国远洋海运,COSCO|group|上海
招商局集团有限公司|招商局集团,招商局|group|香港
华润（集团）有限公司|华润集团,华润|group|香港
中国华侨城集团有限公司|华侨城集团,华侨城|group|广东
中国保利集团有限公司|保利集团|group|北京
中国诚通控股集团有限公司|中国诚通|group|北京
中国国新控股有限责任公司|中国国新|group|北京
中国节能环保集团有限公司|中国节能|group|北京
中国医药集团有限公司|国药集团,中国医药集团|group|北京
中国旅游集团有限公司|中国旅游集团,中旅集团|group|
中国农业发展集团有限公司|中国农发集团|group|北京
中粮集团有限公司|中粮集团,中粮,COFCO|group|北京
中国储备粮管理集团有限公司|中储粮,中储粮集团|group|北京
中国机械工业集团有限公司|国机集团,中国机械工业集团|group|北京
哈尔滨电气集团有限公司|哈电集团,哈尔滨电气|group|黑龙江
中国东方电气集团有限公司|东方电气集团,东方电气|group|四川
中国钢研科技集团有限公司|中国钢研|group|北京
中国信息通信科技集团有限公司|中国信科|group|湖北
新兴际华集团有限公司|新兴际华|group|北京
中国黄金集团有限公司|中国黄金,中国黄金集团|group|北京
中国物流集团有限公司|中国物流集团|group|北京
中国电气装备集团有限公司|中国电气装备|group|上海
中国资源循环集团有限公司|中国资源循环集团|group|天津
中国航空油料集团有限公司|中国航油|group|北京
中国航空集团有限公司|中航集团|group|北京
中国东方航空集团有限公司|东航集团|group|上海
中国南方航空集团有限公司|南航集团|group|广东
中国中信集团有限公司|中信集团,中国中信,中信,CITIC|group|北京
中国光大集团股份公司|光大集团,中国光大集团|group|北京
中国投资有限责任公司|中投公司|bank|北京
中央汇金投资有限责任公司|中央汇金,汇金公司|bank|北京
# --- banks ---
国家开发银行|国开行|bank|北京
中国进出口银行|进出口银行|bank|北京
中国农业发展银行|农发行|bank|北京
中国工商银行股份有限公司|工商银行,工行,中国工商银行,ICBC|bank|北京
中国农业银行股份有限公司|农业银行,农行,中国农业银行|bank|北京
中国银行股份有限公司|中国银行,中行|bank|北京
中国建设银行股份有限公司|建设银行,建行,中国建设银行|bank|北京
交通银行股份有限公司|交通银行,交行|bank|上海
中国邮政储蓄银行股份有限公司|邮储银行,中国邮政储蓄银行,邮政储蓄银行|bank|北京
招商银行股份有限公司|招商银行,招行|bank|广东
上海浦东发展银行股份有限公司|浦发银行,浦发|bank|上海
中信银行股份有限公司|中信银行|bank|北京
中国光大银行股份有限公司|光大银行|bank|北京
华夏银行股份有限公司|华夏银行,华夏|bank|北京
中国民生银行股份有限公司|民生银行,民生|bank|北京
兴业银行股份有限公司|兴业银行,兴业|bank|福建
平安银行股份有限公司|平安银行|bank|广东
广发银行股份有限公司|广发银行|bank|广东
浙商银行股份有限公司|浙商银行|bank|浙江
渤海银行股份有限公司|渤海银行|bank|天津
恒丰银行股份有限公司|恒丰银行|bank|山东
北京银行股份有限公司|北京银行|bank|北京
上海银行股份有限公司|上海银行|bank|上海
江苏银行股份有限公司|江苏银行|bank|江苏
宁波银行股份有限公司|宁波银行|bank|浙江
南京银行股份有限公司|南京银行|bank|江苏
杭州银行股份有限公司|杭州银行|bank|浙江
成都银行股份有限公司|成都银行|bank|四川
重庆银行股份有限公司|重庆银行|bank|重庆
重庆农村商业银行股份有限公司|重庆农商行,渝农商行,重庆农村商业银行|bank|重庆
重庆三峡银行股份有限公司|三峡银行,重庆三峡银行|bank|重庆
重庆富民银行股份有限公司|富民银行,重庆富民银行|bank|重庆
四川银行股份有限公司|四川银行|bank|四川
贵阳银行股份有限公司|贵阳银行|bank|贵州
贵州银行股份有限公司|贵州银行|bank|贵州
西安银行股份有限公司|西安银行|bank|陕西
长沙银行股份有限公司|长沙银行|bank|湖南
郑州银行股份有限公司|郑州银行|bank|河南
青岛银行股份有限公司|青岛银行|bank|山东
齐鲁银行股份有限公司|齐鲁银行|bank|山东
苏州银行股份有限公司|苏州银行|bank|江苏
厦门银行股份有限公司|厦门银行|bank|福建
兰州银行股份有限公司|兰州银行|bank|甘肃
天津银行股份有限公司|天津银行|bank|天津
徽商银行股份有限公司|徽商银行|bank|安徽
哈尔滨银行股份有限公司|哈尔滨银行|bank|黑龙江
盛京银行股份有限公司|盛京银行|bank|辽宁
广州银行股份有限公司|广州银行|bank|广东
东莞银行股份有限公司|东莞银行|bank|广东
深圳前海微众银行股份有限公司|微众银行,WeBank|bank|广东
浙江网商银行股份有限公司|网商银行|bank|浙江
上海农村商业银行股份有限公司|上海农商银行,沪农商行|bank|上海
北京农村商业银行股份有限公司|北京农商银行|bank|北京
成都农村商业银行股份有限公司|成都农商银行|bank|四川
中国银联股份有限公司|中国银联,银联,UnionPay|bank|上海
# --- insurers, securities firms, asset managers ---
中国平安保险（集团）股份有限公司|中国平安,平安集团,平安保险,平安|bank|广东
中国人寿保险（集团）公司|中国人寿,国寿|bank|北京
中国人民保险集团股份有限公司|中国人保,人保集团,人保|bank|北京
中国人民财产保险股份有限公司|人保财险|bank|北京
中国太平洋保险（集团）股份有限公司|中国太保,太平洋保险,太保|bank|上海
新华人寿保险股份有限公司|新华保险,新华人寿|bank|北京
泰康保险集团股份有限公司|泰康保险,泰康|bank|北京
中国太平保险集团有限责任公司|中国太平,太平保险|bank|香港
阳光保险集团股份有限公司|阳光保险|bank|广东
中国出口信用保险公司|中国信保|bank|北京
安诚财产保险股份有限公司|安诚财险,安诚保险|bank|重庆
众安在线财产保险股份有限公司|众安保险|bank|上海
大家保险集团有限责任公司|大家保险|bank|北京
友邦保险控股有限公司|友邦保险,友邦,AIA|bank|香港
中信证券股份有限公司|中信证券|bank|
中国国际金融股份有限公司|中金公司,CICC|bank|北京
华泰证券股份有限公司|华泰证券|bank|江苏
国泰海通证券股份有限公司|国泰海通,国泰君安,国泰君安证券,海通证券|bank|上海
招商证券股份有限公司|招商证券|bank|广东
广发证券股份有限公司|广发证券|bank|广东
中国银河证券股份有限公司|银河证券,中国银河|bank|北京
东方证券股份有限公司|东方证券|bank|上海
西南证券股份有限公司|西南证券|bank|重庆
长江证券股份有限公司|长江证券|bank|湖北
国信证券股份有限公司|国信证券|bank|广东
中信建投证券股份有限公司|中信建投|bank|北京
申万宏源集团股份有限公司|申万宏源|bank|
易方达基金管理有限公司|易方达基金,易方达|bank|广东
华夏基金管理有限公司|华夏基金|bank|北京
重庆国际信托股份有限公司|重庆信托,重庆国际信托|bank|重庆
马上消费金融股份有限公司|马上消费金融,马上消费|bank|重庆
中国信达资产管理股份有限公司|中国信达|bank|北京
中国中信金融资产管理股份有限公司|中信金融资产,中国华融|bank|北京
中国东方资产管理股份有限公司|中国东方资产,东方资产|bank|北京
中国长城资产管理股份有限公司|长城资产,中国长城资产|bank|北京
# --- automakers, EV makers and their joint ventures ---
重庆长安汽车股份有限公司|长安汽车,长安,Changan|listed|重庆
深蓝汽车科技有限公司|深蓝汽车,长安深蓝|brand|重庆
阿维塔科技（重庆）有限公司|阿维塔,阿维塔科技,Avatr|brand|重庆
长安福特汽车有限公司|长安福特|brand|重庆
长安马自达汽车有限公司|长安马自达|brand|江苏
重庆长安民生物流股份有限公司|长安民生物流,长安民生|listed|重庆
赛力斯集团股份有限公司|赛力斯,赛力斯集团,问界,AITO,SERES,小康股份,小康集团,小康,重庆小康工业集团股份有限公司|listed|重庆
东风小康汽车有限公司|东风小康|brand|重庆
重庆千里科技股份有限公司|千里科技,力帆科技,力帆,力帆科技（集团）股份有限公司,Lifan|listed|重庆
重庆宗申动力机械股份有限公司|宗申动力|listed|重庆
宗申产业集团有限公司|宗申集团,宗申产业集团,宗申|group|重庆
隆鑫通用动力股份有限公司|隆鑫通用,隆鑫|listed|重庆
隆鑫控股有限公司|隆鑫控股,隆鑫集团|group|重庆
庆铃汽车（集团）有限公司|庆铃汽车,庆铃集团,庆铃|group|重庆
上汽红岩汽车有限公司|上汽红岩,红岩汽车,红岩|brand|重庆
比亚迪股份有限公司|比亚迪,BYD|listed|广东
弗迪电池有限公司|弗迪电池|brand|广东
长城汽车股份有限公司|长城汽车,长城|listed|河北
浙江吉利控股集团有限公司|吉利控股,吉利集团,吉利控股集团,吉利汽车,吉利,Geely|group|浙江
极氪智能科技控股有限公司|极氪,极氪汽车,ZEEKR|brand|浙江
领克汽车|领克,Lynk & Co|brand|浙江
上海汽车集团股份有限公司|上汽集团,上汽,SAIC|listed|上海
广州汽车集团股份有限公司|广汽集团,广汽|listed|广东
广汽埃安新能源汽车股份有限公司|广汽埃安,埃安,AION|brand|广东
北京汽车集团有限公司|北汽集团,北汽|group|北京
北汽蓝谷新能源科技股份有限公司|北汽蓝谷,极狐,ARCFOX|listed|北京
北汽福田汽车股份有限公司|福田汽车,北汽福田|listed|北京
奇瑞汽车股份有限公司|奇瑞汽车,奇瑞,Chery|listed|安徽
安徽江淮汽车集团股份有限公司|江淮汽车,江淮|listed|安徽
江铃汽车股份有限公司|江铃汽车,江铃|listed|江西
华晨汽车集团控股有限公司|华晨汽车,华晨集团|group|辽宁
海马汽车股份有限公司|海马汽车|listed|海南
上汽通用五菱汽车股份有限公司|上汽通用五菱,五菱,五菱汽车,宝骏|brand|广西
上汽大众汽车有限公司|上汽大众|brand|上海
上汽通用汽车有限公司|上汽通用|brand|上海
一汽-大众汽车有限公司|一汽-大众,一汽大众|brand|吉林
一汽丰田汽车有限公司|一汽丰田|brand|天津
广汽丰田汽车有限公司|广汽丰田|brand|广东
广汽本田汽车有限公司|广汽本田|brand|广东
东风本田汽车有限公司|东风本田|brand|湖北
东风日产|东风日产乘用车|brand|广东
华晨宝马汽车有限公司|华晨宝马|brand|辽宁
北京奔驰汽车有限公司|北京奔驰|brand|北京
岚图汽车科技有限公司|岚图汽车,岚图|brand|湖北
智己汽车科技有限公司|智己汽车,智己|brand|上海
小米汽车科技有限公司|小米汽车|brand|北京
蔚来|蔚来汽车,蔚来公司,NIO|listed|上海
小鹏汽车|小鹏,XPeng|listed|广东
理想汽车|理想,Li Auto|listed|北京
浙江零跑科技股份有限公司|零跑汽车,零跑科技,零跑,Leapmotor|listed|浙江
合众新能源汽车股份有限公司|哪吒汽车|brand|浙江
中国重型汽车集团有限公司|中国重汽,重汽|group|山东
陕西汽车控股集团有限公司|陕汽集团,陕汽|group|陕西
宇通客车股份有限公司|宇通客车,宇通|listed|河南
厦门金龙汽车集团股份有限公司|金龙汽车|listed|福建
潍柴动力股份有限公司|潍柴动力,潍柴|listed|山东
广西玉柴机器集团有限公司|玉柴集团,玉柴|group|广西
特斯拉|Tesla,特斯拉公司|foreign|美国
# --- batteries, solar, wind, energy equipment ---
宁德时代新能源科技股份有限公司|宁德时代,CATL|listed|福建
中创新航科技集团股份有限公司|中创新航,CALB|listed|江苏
国轩高科股份有限公司|国轩高科|listed|安徽
惠州亿纬锂能股份有限公司|亿纬锂能|listed|广东
欣旺达电子股份有限公司|欣旺达|listed|广东
蜂巢能源科技股份有限公司|蜂巢能源|brand|江苏
孚能科技（赣州）股份有限公司|孚能科技|listed|江西
重庆太蓝新能源有限公司|太蓝新能源|brand|重庆
江西赣锋锂业集团股份有限公司|赣锋锂业|listed|江西
天齐锂业股份有限公司|天齐锂业|listed|四川
浙江华友钴业股份有限公司|华友钴业|listed|浙江
隆基绿能科技股份有限公司|隆基绿能,隆基|listed|陕西
通威股份有限公司|通威股份,通威|listed|四川
天合光能股份有限公司|天合光能|listed|江苏
晶科能源股份有限公司|晶科能源|listed|
晶澳太阳能科技股份有限公司|晶澳科技,晶澳|listed|
阳光电源股份有限公司|阳光电源|listed|安徽
协鑫集团有限公司|协鑫集团,协鑫|group|江苏
新疆金风科技股份有限公司|金风科技|listed|新疆
明阳智慧能源集团股份公司|明阳智能|listed|广东
远景科技集团|远景能源,远景集团|group|
正泰集团股份有限公司|正泰集团,正泰|group|浙江
特变电工股份有限公司|特变电工|listed|新疆
中国船舶集团海装风电股份有限公司|中国海装,中船海装|brand|重庆
# --- machinery, materials, chemicals, metals ---
三一重工股份有限公司|三一重工,三一集团,三一|listed|湖南
中联重科股份有限公司|中联重科|listed|湖南
徐州工程机械集团有限公司|徐工集团,徐工|group|江苏
广西柳工机械股份有限公司|柳工|listed|广西
福耀玻璃工业集团股份有限公司|福耀玻璃,福耀|listed|福建
万华化学集团股份有限公司|万华化学|listed|山东
安徽海螺水泥股份有限公司|海螺水泥,海螺集团,海螺|listed|安徽
紫金矿业集团股份有限公司|紫金矿业|listed|福建
恒力集团有限公司|恒力集团|group|江苏
盛虹控股集团有限公司|盛虹集团|group|江苏
山东魏桥创业集团有限公司|魏桥创业集团,魏桥集团|group|山东
青山控股集团有限公司|青山控股,青山集团,青山|group|浙江
正威国际集团有限公司|正威集团,正威国际|group|广东
物产中大集团股份有限公司|物产中大|listed|浙江
厦门建发集团有限公司|建发集团|group|福建
复星国际有限公司|复星国际,复星集团,复星|listed|上海
海航集团有限公司|海航集团,海航|group|海南
万向集团公司|万向集团,万向|group|浙江
# --- electronics, semiconductors, ICT ---
华为技术有限公司|华为,华为公司,华为投资控股有限公司,Huawei|group|广东
荣耀终端|荣耀手机,HONOR|brand|广东
小米集团|小米科技,小米公司,小米科技有限责任公司,小米,Xiaomi|listed|北京
中兴通讯股份有限公司|中兴通讯,中兴,ZTE|listed|广东
OPPO广东移动通信有限公司|OPPO|brand|广东
维沃移动通信有限公司|vivo,维沃|brand|广东
深圳传音控股股份有限公司|传音控股,传音|listed|广东
联想集团有限公司|联想集团,联想,Lenovo|listed|北京
京东方科技集团股份有限公司|京东方,BOE|listed|北京
惠科股份有限公司|惠科,HKC|brand|广东
TCL科技集团股份有限公司|TCL科技,TCL集团,TCL|listed|广东
中芯国际集成电路制造有限公司|中芯国际,SMIC|listed|上海
长江存储科技有限责任公司|长江存储|brand|湖北
长鑫存储技术有限公司|长鑫存储|brand|安徽
紫光集团有限公司|紫光集团,新紫光集团|group|北京
龙芯中科技术股份有限公司|龙芯中科,龙芯|listed|北京
中科寒武纪科技股份有限公司|寒武纪|listed|北京
海光信息技术股份有限公司|海光信息|listed|天津
曙光信息产业股份有限公司|中科曙光|listed|天津
浪潮集团有限公司|浪潮集团,浪潮|group|山东
杭州海康威视数字技术股份有限公司|海康威视,海康|listed|浙江
浙江大华技术股份有限公司|大华股份,大华技术|listed|浙江
深圳市大疆创新科技有限公司|大疆创新,大疆,DJI|brand|广东
立讯精密工业股份有限公司|立讯精密,立讯|listed|广东
蓝思科技股份有限公司|蓝思科技|listed|湖南
歌尔股份有限公司|歌尔股份,歌尔|listed|山东
鸿海精密工业股份有限公司|鸿海,鸿海精密,富士康,Foxconn|listed|台湾
广达电脑股份有限公司|广达电脑,广达|listed|台湾
英业达股份有限公司|英业达|listed|台湾
仁宝电脑工业股份有限公司|仁宝电脑,仁宝|listed|台湾
纬创资通股份有限公司|纬创资通,纬创|listed|台湾
和硕联合科技股份有限公司|和硕联合,和硕|listed|台湾
宏碁股份有限公司|宏碁,Acer|listed|台湾
华硕电脑股份有限公司|华硕,ASUS|listed|台湾
台湾积体电路制造股份有限公司|台积电,TSMC|listed|台湾
友达光电股份有限公司|友达光电|listed|台湾
科大讯飞股份有限公司|科大讯飞,讯飞,iFLYTEK|listed|安徽
商汤集团|商汤科技,商汤,SenseTime|listed|上海
云从科技集团股份有限公司|云从科技|listed|广东
杭州宇树科技股份有限公司|宇树科技,宇树,Unitree|brand|浙江
杭州深度求索人工智能基础技术研究有限公司|深度求索,DeepSeek|brand|浙江
北京月之暗面科技有限公司|月之暗面,Kimi|brand|北京
北京智谱华章科技有限公司|智谱,智谱AI,智谱华章|brand|北京
上海稀宇科技有限公司|MiniMax,稀宇科技|brand|上海
北京百川智能科技有限公司|百川智能|brand|北京
金山软件有限公司|金山软件,金山|listed|北京
金蝶国际软件集团有限公司|金蝶国际,金蝶|listed|广东
用友网络科技股份有限公司|用友网络,用友|listed|北京
# --- internet platforms, travel, logistics ---
腾讯控股有限公司|腾讯控股,腾讯,腾讯公司,腾讯集团,Tencent|listed|广东
阿里巴巴集团控股有限公司|阿里巴巴,阿里巴巴集团,阿里,Alibaba|listed|浙江
浙江淘宝网络有限公司|淘宝,淘宝网|brand|浙江
浙江天猫网络有限公司|天猫|brand|浙江
阿里云计算有限公司|阿里云|brand|浙江
蚂蚁科技集团股份有限公司|蚂蚁集团,支付宝,蚂蚁|group|浙江
菜鸟网络科技有限公司|菜鸟网络,菜鸟集团,菜鸟|brand|浙江
北京字节跳动科技有限公司|字节跳动,抖音,今日头条,ByteDance,TikTok|group|北京
百度集团股份有限公司|百度,百度公司,百度集团,Baidu|listed|北京
京东集团股份有限公司|京东集团,京东,京东商城,JD.com|listed|北京
京东物流股份有限公司|京东物流|listed|北京
美团|美团网,大众点评,北京三快在线科技有限公司,Meituan|listed|北京
拉扎斯网络科技（上海）有限公司|饿了么|brand|上海
拼多多|PDD,Pinduoduo|listed|上海
网易公司|网易,NetEase|listed|
新浪公司|新浪,新浪网,新浪微博,微博,Sina|listed|北京
搜狐公司|搜狐,Sohu|listed|北京
快手科技|快手,Kuaishou|listed|北京
哔哩哔哩|B站,bilibili|listed|上海
知乎|知乎网|listed|北京
行吟信息科技（上海）有限公司|小红书|brand|上海
北京爱奇艺科技有限公司|爱奇艺,iQIYI|listed|北京
优酷|优酷网|brand|北京
腾讯音乐娱乐集团|腾讯音乐|listed|广东
三六零安全科技股份有限公司|三六零,360公司,奇虎360|listed|天津
上海米哈游网络科技股份有限公司|米哈游,miHoYo|brand|上海
唯品会|Vipshop|listed|广东
泡泡玛特国际集团有限公司|泡泡玛特,POP MART|listed|北京
名创优品集团控股有限公司|名创优品,MINISO|listed|广东
滴滴出行|滴滴,DiDi|brand|北京
曹操出行|曹操专车|brand|浙江
哈啰出行|哈啰|brand|上海
T3出行|T3出行平台|brand|江苏
货拉拉|Lalamove|brand|广东
满帮集团|满帮,运满满|listed|
58同城|五八同城|brand|北京
贝壳找房|贝壳,Ke Holdings|listed|北京
链家|链家地产|brand|北京
BOSS直聘|BOSS直聘网|listed|北京
重庆猪八戒网络有限公司|猪八戒网|brand|重庆
携程集团|携程,携程网,携程旅行,Trip.com,Ctrip|listed|上海
去哪儿网|去哪儿,去哪儿旅行,Qunar|brand|北京
同程旅行|同程艺龙,同程|listed|江苏
飞猪旅行|飞猪|brand|浙江
途牛旅游网|途牛|brand|江苏
马蜂窝旅游网|马蜂窝|brand|北京
顺丰控股股份有限公司|顺丰控股,顺丰,顺丰速运,SF Express|listed|广东
中通快递|中通,ZTO|listed|上海
圆通速递股份有限公司|圆通速递,圆通|listed|上海
申通快递股份有限公司|申通快递,申通|listed|上海
韵达控股股份有限公司|韵达股份,韵达快递,韵达,韵达速递|listed|上海
极兔速递|极兔,J&T Express|listed|
德邦物流股份有限公司|德邦股份,德邦快递,德邦物流|listed|上海
# --- liquor, beer, beverages ---
贵州茅台酒股份有限公司|贵州茅台,茅台,Moutai|listed|贵州
中国贵州茅台酒厂（集团）有限责任公司|茅台集团|group|贵州
宜宾五粮液股份有限公司|五粮液|listed|四川
泸州老窖股份有限公司|泸州老窖|listed|四川
山西杏花村汾酒厂股份有限公司|山西汾酒,汾酒|listed|山西
江苏洋河酒厂股份有限公司|洋河股份,洋河|listed|江苏
四川郎酒股份有限公司|郎酒|brand|四川
四川剑南春（集团）有限责任公司|剑南春|brand|四川
舍得酒业股份有限公司|舍得酒业,舍得|listed|四川
四川水井坊股份有限公司|水井坊|listed|四川
安徽古井贡酒股份有限公司|古井贡酒,古井贡,古井|listed|安徽
酒鬼酒股份有限公司|酒鬼酒|listed|湖南
重庆江小白酒业有限公司|江小白|brand|重庆
诗仙太白|诗仙太白酒业|brand|重庆
重庆啤酒股份有限公司|重庆啤酒,重啤|listed|重庆
青岛啤酒股份有限公司|青岛啤酒,青啤|listed|山东
华润啤酒（控股）有限公司|华润啤酒,雪花啤酒|listed|香港
北京燕京啤酒股份有限公司|燕京啤酒|listed|北京
杭州娃哈哈集团有限公司|娃哈哈,娃哈哈集团|group|浙江
农夫山泉股份有限公司|农夫山泉|listed|浙江
康师傅控股有限公司|康师傅控股,康师傅|listed|
统一企业中国控股有限公司|统一企业中国,统一企业,统一|listed|
今麦郎食品股份有限公司|今麦郎|brand|河北
白象食品股份有限公司|白象食品|brand|河南
广州王老吉大健康产业有限公司|王老吉|brand|广东
加多宝|加多宝集团|brand|
东鹏饮料（集团）股份有限公司|东鹏饮料,东鹏特饮|listed|广东
元气森林（北京）食品科技集团有限公司|元气森林|brand|北京
北京汇源食品饮料有限公司|汇源果汁,汇源|brand|北京
香飘飘食品股份有限公司|香飘飘|listed|浙江
# --- dairy, food, condiments, snacks ---
内蒙古伊利实业集团股份有限公司|伊利股份,伊利集团,伊利,Yili|listed|内蒙古
内蒙古蒙牛乳业（集团）股份有限公司|蒙牛乳业,蒙牛,Mengniu|listed|内蒙古
光明乳业股份有限公司|光明乳业,光明|listed|上海
北京三元食品股份有限公司|三元股份,三元食品,三元|listed|北京
君乐宝|君乐宝乳业|brand|河北
中国飞鹤有限公司|中国飞鹤,飞鹤,飞鹤乳业|listed|黑龙江
重庆天友乳业股份有限公司|天友乳业,天友|brand|重庆
新希望集团有限公司|新希望集团|group|四川
新希望六和股份有限公司|新希望六和,新希望|listed|四川
牧原食品股份有限公司|牧原股份,牧原|listed|河南
温氏食品集团股份有限公司|温氏股份,温氏|listed|广东
河南双汇投资发展股份有限公司|双汇发展,双汇|listed|河南
雨润控股集团有限公司|雨润集团|group|江苏
佛山市海天调味食品股份有限公司|海天味业,海天|listed|广东
贵阳南明老干妈风味食品有限责任公司|老干妈|brand|贵州
李锦记|Lee Kum Kee|brand|香港
重庆市涪陵榨菜集团股份有限公司|涪陵榨菜,乌江榨菜,乌江|listed|重庆
三只松鼠股份有限公司|三只松鼠|listed|安徽
良品铺子股份有限公司|良品铺子|listed|湖北
洽洽食品股份有限公司|洽洽食品,洽洽|listed|安徽
卫龙美味全球控股有限公司|卫龙|listed|河南
达利食品集团有限公司|达利食品,达利园|brand|福建
中国旺旺控股有限公司|中国旺旺,旺旺|listed|
中国全聚德（集团）股份有限公司|全聚德|listed|北京
绝味食品股份有限公司|绝味食品,绝味鸭脖|listed|湖南
周黑鸭国际控股有限公司|周黑鸭|listed|湖北
# --- restaurants, tea and coffee chains ---
海底捞国际控股有限公司|海底捞|listed|
重庆德庄实业（集团）有限公司|德庄火锅,德庄|brand|重庆
秦妈火锅|秦妈|brand|重庆
小龙坎火锅|小龙坎|brand|四川
巴奴毛肚火锅|巴奴火锅,巴奴|brand|河南
西贝莜面村|西贝|brand|北京
老乡鸡|老乡鸡快餐|brand|安徽
蜜雪冰城股份有限公司|蜜雪冰城,蜜雪集团,蜜雪|listed|河南
喜茶|HEYTEA|brand|广东
奈雪的茶|奈雪|listed|广东
瑞幸咖啡|瑞幸,Luckin Coffee|brand|福建
茶颜悦色|茶颜|brand|湖南
霸王茶姬|CHAGEE|brand|云南
古茗|古茗茶饮|listed|浙江
沪上阿姨|沪上阿姨鲜果茶|brand|上海
书亦烧仙草|书亦|brand|四川
茶百道|茶百道奶茶|listed|四川
百胜中国控股有限公司|百胜中国,Yum China|listed|上海
# --- appliances, home, consumer electronics ---
美的集团股份有限公司|美的集团,美的,Midea|listed|广东
珠海格力电器股份有限公司|格力电器,格力,Gree|listed|广东
海尔集团公司|海尔集团,海尔,Haier|group|山东
海尔智家股份有限公司|海尔智家|listed|山东
海信集团控股股份有限公司|海信集团,海信,Hisense|group|山东
四川长虹电子控股集团有限公司|长虹集团,四川长虹,长虹|group|四川
创维集团有限公司|创维集团,创维,Skyworth|listed|广东
康佳集团股份有限公司|康佳集团,深康佳,康佳,KONKA|listed|广东
广东格兰仕集团有限公司|格兰仕,Galanz|group|广东
九阳股份有限公司|九阳股份,九阳|listed|山东
浙江苏泊尔股份有限公司|苏泊尔,SUPOR|listed|浙江
杭州老板电器股份有限公司|老板电器,老板|listed|浙江
宁波方太厨具有限公司|方太,方太集团|brand|浙江
无锡小天鹅电器有限公司|小天鹅电器,小天鹅|brand|江苏
小天鹅火锅|重庆小天鹅,小天鹅|brand|重庆
奥克斯集团有限公司|奥克斯,AUX|group|浙江
公牛集团股份有限公司|公牛集团|listed|浙江
# --- apparel, sportswear, jewellery, cosmetics ---
李宁有限公司|李宁公司,李宁体育,李宁|listed|北京
安踏体育用品有限公司|安踏体育,安踏,ANTA|listed|福建
特步国际控股有限公司|特步国际,特步,Xtep|listed|福建
361度国际有限公司|361度|listed|福建
鸿星尔克|ERKE|brand|福建
匹克体育|匹克|brand|福建
波司登国际控股有限公司|波司登|listed|江苏
雅戈尔集团股份有限公司|雅戈尔|listed|浙江
海澜之家集团股份有限公司|海澜之家|listed|江苏
浙江森马服饰股份有限公司|森马服饰,森马|listed|浙江
上海美特斯邦威服饰股份有限公司|美特斯邦威|listed|上海
宁波太平鸟时尚服饰股份有限公司|太平鸟|listed|浙江
红豆集团有限公司|红豆集团,红豆|group|江苏
恒源祥（集团）有限公司|恒源祥|brand|上海
周大福珠宝集团有限公司|周大福|listed|香港
周生生集团国际有限公司|周生生|listed|香港
老凤祥股份有限公司|老凤祥|listed|上海
珀莱雅化妆品股份有限公司|珀莱雅|listed|浙江
完美日记|逸仙电商|brand|广东
花西子|Florasis|brand|浙江
百雀羚|百雀羚护肤|brand|上海
# --- pharma, health ---
中国北京同仁堂（集团）有限责任公司|北京同仁堂,同仁堂|group|北京
云南白药集团股份有限公司|云南白药|listed|云南
广州白云山医药集团股份有限公司|白云山|listed|广东
江苏恒瑞医药股份有限公司|恒瑞医药,恒瑞|listed|江苏
无锡药明康德新药开发股份有限公司|药明康德,WuXi AppTec|listed|江苏
深圳迈瑞生物医疗电子股份有限公司|迈瑞医疗,迈瑞|listed|广东
上海复星医药（集团）股份有限公司|复星医药|listed|上海
上海医药集团股份有限公司|上海医药|listed|上海
四川科伦药业股份有限公司|科伦药业|listed|四川
爱尔眼科医院集团股份有限公司|爱尔眼科|listed|湖南
深圳华大基因股份有限公司|华大基因|listed|广东
# --- retail, real estate, hotels ---
永辉超市股份有限公司|永辉超市,永辉|listed|福建
苏宁易购集团股份有限公司|苏宁易购,苏宁|listed|江苏
国美零售控股有限公司|国美电器,国美|listed|北京
高鑫零售有限公司|大润发|listed|上海
盒马鲜生|盒马|brand|上海
成都红旗连锁股份有限公司|红旗连锁|listed|四川
大连万达集团股份有限公司|万达集团,万达|group|北京
万科企业股份有限公司|万科,万科集团,Vanke|listed|广东
保利发展控股集团股份有限公司|保利发展,保利地产|listed|广东
碧桂园控股有限公司|碧桂园,Country Garden|listed|广东
中国恒大集团|恒大集团,恒大|group|广东
融创中国控股有限公司|融创中国,融创|listed|天津
中国海外发展有限公司|中海地产,中国海外发展,中海|listed|香港
华润置地有限公司|华润置地|listed|香港
绿地控股集团股份有限公司|绿地集团,绿地控股,绿地|listed|上海
龙湖集团控股有限公司|龙湖集团,龙湖地产,龙湖|listed|
金科地产集团股份有限公司|金科股份,金科地产,金科|listed|重庆
重庆华宇集团有限公司|华宇集团|group|重庆
锦江国际（集团）有限公司|锦江国际,锦江集团,锦江|group|上海
华住集团有限公司|华住集团,华住|listed|上海
亚朵集团|亚朵酒店,亚朵|listed|上海
# --- airlines ---
中国国际航空股份有限公司|中国国航,国航,Air China|listed|北京
中国东方航空股份有限公司|东方航空,中国东航,东航,China Eastern|listed|上海
中国南方航空股份有限公司|南方航空,南航,China Southern|listed|广东
海南航空控股股份有限公司|海南航空,海航控股|listed|海南
四川航空股份有限公司|四川航空,川航|brand|四川
厦门航空有限公司|厦门航空,厦航|brand|福建
深圳航空有限责任公司|深圳航空,深航|brand|广东
山东航空股份有限公司|山东航空,山航|brand|山东
春秋航空股份有限公司|春秋航空,春秋|listed|上海
上海吉祥航空股份有限公司|吉祥航空|listed|上海
西部航空有限责任公司|西部航空|brand|重庆
重庆航空有限责任公司|重庆航空|brand|重庆
华夏航空股份有限公司|华夏航空|listed|重庆
成都航空有限公司|成都航空|brand|四川
天津航空有限责任公司|天津航空|brand|天津
北京首都航空有限公司|首都航空|brand|北京
云南祥鹏航空有限责任公司|祥鹏航空|brand|云南
西藏航空有限公司|西藏航空|brand|西藏
浙江长龙航空有限公司|长龙航空|brand|浙江
中国联合航空有限公司|中国联航|brand|北京
国泰航空有限公司|国泰航空,国泰,Cathay Pacific|listed|香港
# --- Chongqing: listed companies and municipal groups ---
重庆太极实业（集团）股份有限公司|太极集团,太极|listed|重庆
重庆智飞生物制品股份有限公司|智飞生物,智飞|listed|重庆
重庆三峰环境集团股份有限公司|三峰环境|listed|重庆
重庆钢铁股份有限公司|重庆钢铁,重钢|listed|重庆
重庆百货大楼股份有限公司|重庆百货,重百|listed|重庆
重庆商社（集团）有限公司|重庆商社,商社集团|group|重庆
重庆水务集团股份有限公司|重庆水务|listed|重庆
重庆燃气集团股份有限公司|重庆燃气|listed|重庆
重庆路桥股份有限公司|重庆路桥|listed|重庆
重庆港股份有限公司|重庆港|listed|重庆
重庆建工集团股份有限公司|重庆建工|listed|重庆
重庆机电股份有限公司|重庆机电|listed|重庆
重庆渝开发股份有限公司|渝开发|listed|重庆
重庆川仪自动化股份有限公司|川仪股份,川仪|listed|重庆
重庆再升科技股份有限公司|再升科技|listed|重庆
重庆博腾制药科技股份有限公司|博腾股份,博腾|listed|重庆
蓝黛科技集团股份有限公司|蓝黛科技|listed|重庆
重庆梅安森科技股份有限公司|梅安森|listed|重庆
重庆莱美药业股份有限公司|莱美药业|listed|重庆
华邦生命健康股份有限公司|华邦健康|listed|重庆
重庆福安药业（集团）股份有限公司|福安药业|listed|重庆
重庆涪陵电力实业股份有限公司|涪陵电力|listed|重庆
重庆三峡水利电力（集团）股份有限公司|三峡水利|listed|重庆
重庆正川医药包装材料股份有限公司|正川股份|listed|重庆
重庆秦安机电股份有限公司|秦安股份|listed|重庆
重庆望变电气（集团）股份有限公司|望变电气|listed|重庆
重庆山外山血液净化技术股份有限公司|山外山|listed|重庆
重庆华森制药股份有限公司|华森制药|listed|重庆
重庆百亚卫生用品股份有限公司|百亚股份,自由点|listed|重庆
重庆登康口腔护理用品股份有限公司|登康口腔,冷酸灵|listed|重庆
重庆新大正物业集团股份有限公司|新大正|listed|重庆
重庆顺博铝合金股份有限公司|顺博合金|listed|重庆
重庆万里新能源股份有限公司|万里股份|listed|重庆
重药控股股份有限公司|重药控股|listed|重庆
重庆医药（集团）股份有限公司|重庆医药|group|重庆
重庆药友制药有限责任公司|药友制药|brand|重庆
中国汽车工程研究院股份有限公司|中国汽研|listed|重庆
中冶赛迪集团有限公司|中冶赛迪|group|重庆
招商局重庆交通科研设计院有限公司|招商交科|group|重庆
重庆国际复合材料股份有限公司|国际复材,重庆国际复合材料|listed|重庆
重庆化医控股（集团）公司|重庆化医集团,化医集团|group|重庆
重庆机场集团有限公司|重庆机场集团|group|重庆
重庆交通运输控股（集团）有限公司|重庆交运集团,交运集团|group|重庆
重庆市城市建设投资（集团）有限公司|重庆城投集团,重庆城投|group|重庆
重庆城市交通开发投资（集团）有限公司|重庆交通开投集团,重庆交通开投|group|重庆
重庆高速公路集团有限公司|重庆高速集团|group|重庆
重庆市能源投资集团有限公司|重庆能源集团,重庆能投集团,重庆能投|group|重庆
重庆轨道交通（集团）有限公司|重庆轨道集团|group|重庆
重庆港务物流集团有限公司|重庆港务物流集团|group|重庆
民生实业（集团）有限公司|民生公司,民生实业,民生轮船|group|重庆
重庆中烟工业有限责任公司|重庆中烟|group|重庆
重庆粮食集团有限责任公司|重庆粮食集团|group|重庆
重庆农业投资集团有限公司|重庆农投集团|group|重庆
重庆旅游投资集团有限公司|重庆旅投集团,重庆旅投|group|重庆
西南铝业（集团）有限责任公司|西南铝业,西南铝|group|重庆
中国四联仪器仪表集团有限公司|四联集团|group|重庆
陆海新通道运营有限公司|陆海新通道运营公司|group|重庆
# --- foreign automakers and suppliers ---
宝马|宝马集团,BMW|foreign|德国
梅赛德斯-奔驰|奔驰,奔驰汽车,梅赛德斯-奔驰集团,Mercedes-Benz|foreign|德国
大众汽车|大众汽车集团,大众,Volkswagen|foreign|德国
奥迪|Audi|foreign|德国
保时捷|Porsche|foreign|德国
丰田汽车|丰田,Toyota|foreign|日本
本田|本田汽车,本田技研工业,Honda|foreign|日本
日产汽车|日产,Nissan|foreign|日本
马自达|Mazda|foreign|日本
雷克萨斯|Lexus|foreign|日本
现代汽车|现代,Hyundai|foreign|韩国
起亚|起亚汽车,Kia|foreign|韩国
福特汽车|福特,Ford|foreign|美国
通用汽车|通用,General Motors|foreign|美国
雪佛兰|Chevrolet|foreign|美国
别克|Buick|foreign|美国
凯迪拉克|Cadillac|foreign|美国
沃尔沃汽车|沃尔沃,Volvo|foreign|瑞典
捷豹路虎|路虎,Jaguar Land Rover|foreign|英国
劳斯莱斯|Rolls-Royce|foreign|英国
宾利|Bentley|foreign|英国
雷诺|雷诺集团,Renault|foreign|法国
标致汽车|标致,Peugeot|foreign|法国
雪铁龙|Citroën|foreign|法国
斯柯达|Škoda|foreign|捷克
法拉利|Ferrari|foreign|意大利
兰博基尼|Lamborghini|foreign|意大利
玛莎拉蒂|Maserati|foreign|意大利
博世|博世集团,Bosch|foreign|德国
大陆集团|Continental|foreign|德国
采埃孚|ZF|foreign|德国
舍弗勒|Schaeffler|foreign|德国
米其林|Michelin|foreign|法国
普利司通|Bridgestone|foreign|日本
卡特彼勒|Caterpillar|foreign|美国
# --- foreign technology and industry ---
苹果公司|苹果,Apple|foreign|美国
微软公司|微软,Microsoft|foreign|美国
谷歌|Google|foreign|美国
亚马逊|亚马逊公司,Amazon|foreign|美国
英特尔|Intel|foreign|美国
英伟达|NVIDIA|foreign|美国
高通公司|高通,Qualcomm|foreign|美国
超威半导体|AMD|foreign|美国
国际商业机器公司|IBM|foreign|美国
甲骨文公司|甲骨文,Oracle|foreign|美国
思科|Cisco|foreign|美国
惠普|惠普公司|foreign|美国
戴尔|戴尔科技,Dell|foreign|美国
三星电子|三星集团,三星,Samsung|foreign|韩国
LG电子|LG集团|foreign|韩国
SK海力士|SK Hynix|foreign|韩国
索尼|Sony|foreign|日本
松下|松下电器,Panasonic|foreign|日本
东芝|Toshiba|foreign|日本
日立|日立集团,Hitachi|foreign|日本
夏普|Sharp|foreign|日本
佳能|Canon|foreign|日本
尼康|Nikon|foreign|日本
任天堂|Nintendo|foreign|日本
软银集团|软银,SoftBank|foreign|日本
西门子|Siemens|foreign|德国
巴斯夫|BASF|foreign|德国
拜耳|Bayer|foreign|德国
蒂森克虏伯|ThyssenKrupp|foreign|德国
飞利浦|Philips|foreign|荷兰
阿斯麦|ASML|foreign|荷兰
ABB|ABB集团|foreign|瑞士
施耐德电气|施耐德,Schneider Electric|foreign|法国
波音|波音公司,Boeing|foreign|美国
空中客车|空客,Airbus|foreign|法国
通用电气|GE公司,General Electric|foreign|美国
霍尼韦尔|Honeywell|foreign|美国
埃克森美孚|ExxonMobil|foreign|美国
壳牌|Shell|foreign|英国
英国石油|BP公司|foreign|英国
道达尔能源|道达尔,TotalEnergies|foreign|法国
# --- foreign consumer brands ---
可口可乐|可口可乐公司,Coca-Cola|foreign|美国
百事公司|百事可乐,百事,PepsiCo|foreign|美国
雀巢|Nestlé|foreign|瑞士
达能集团|达能,Danone|foreign|法国
玛氏|玛氏公司|foreign|美国
亿滋国际|亿滋|foreign|美国
联合利华|Unilever|foreign|英国
宝洁|宝洁公司,P&G|foreign|美国
欧莱雅|L'Oréal|foreign|法国
资生堂|Shiseido|foreign|日本
雅诗兰黛|Estée Lauder|foreign|美国
百威英博|百威,AB InBev|foreign|比利时
嘉士伯|Carlsberg|foreign|丹麦
喜力|Heineken|foreign|荷兰
星巴克|Starbucks|foreign|美国
麦当劳|McDonald's|foreign|美国
肯德基|KFC|foreign|美国
必胜客|Pizza Hut|foreign|美国
汉堡王|Burger King|foreign|美国
耐克|Nike|foreign|美国
阿迪达斯|adidas|foreign|德国
彪马|PUMA|foreign|德国
优衣库|UNIQLO|foreign|日本
无印良品|MUJI|foreign|日本
路威酩轩集团|路威酩轩,LVMH|foreign|法国
路易威登|Louis Vuitton|foreign|法国
香奈儿|Chanel|foreign|法国
爱马仕|Hermès|foreign|法国
迪奥|Dior|foreign|法国
卡地亚|Cartier|foreign|法国
古驰|Gucci|foreign|意大利
普拉达|Prada|foreign|意大利
皮尔卡丹|Pierre Cardin|foreign|法国
劳力士|Rolex|foreign|瑞士
斯沃琪|Swatch|foreign|瑞士
宜家|IKEA|foreign|瑞典
沃尔玛|Walmart|foreign|美国
家乐福|Carrefour|foreign|法国
麦德龙|METRO|foreign|德国
开市客|Costco|foreign|美国
山姆会员商店|山姆会员店,山姆,Sam's Club|foreign|美国
迪士尼|华特迪士尼,Disney|foreign|美国
希尔顿|希尔顿酒店,Hilton|foreign|美国
万豪国际|万豪,万豪酒店,Marriott|foreign|美国
洲际酒店集团|洲际酒店,洲际,IHG|foreign|英国
雅高酒店集团|雅高,Accor|foreign|法国
# --- foreign pharma, finance, services, logistics ---
强生公司|强生,Johnson & Johnson|foreign|美国
辉瑞|Pfizer|foreign|美国
默沙东|MSD|foreign|美国
礼来公司|礼来,Eli Lilly|foreign|美国
阿斯利康|AstraZeneca|foreign|英国
葛兰素史克|GSK|foreign|英国
罗氏制药|罗氏,Roche|foreign|瑞士
诺华|Novartis|foreign|瑞士
赛诺菲|Sanofi|foreign|法国
诺和诺德|Novo Nordisk|foreign|丹麦
汇丰银行|汇丰,汇丰控股,HSBC|foreign|英国
渣打银行|渣打,Standard Chartered|foreign|英国
花旗集团|花旗,花旗银行,Citigroup|foreign|美国
高盛|高盛集团,Goldman Sachs|foreign|美国
摩根大通|JPMorgan|foreign|美国
摩根士丹利|大摩,Morgan Stanley|foreign|美国
贝莱德|BlackRock|foreign|美国
安联集团|安联,Allianz|foreign|德国
安盛集团|安盛,AXA|foreign|法国
淡马锡|Temasek|foreign|新加坡
普华永道|PwC|foreign|英国
德勤|Deloitte|foreign|英国
毕马威|KPMG|foreign|
安永会计师事务所|安永,Ernst & Young|foreign|英国
麦肯锡|McKinsey|foreign|美国
联邦快递|FedEx|foreign|美国
联合包裹|联合包裹服务公司|foreign|美国
敦豪|DHL|foreign|德国
马士基|Maersk|foreign|丹麦
# --- foreign airlines ---
新加坡航空|新航,Singapore Airlines|foreign|新加坡
阿联酋航空|Emirates|foreign|阿联酋
卡塔尔航空|Qatar Airways|foreign|卡塔尔
汉莎航空|汉莎,Lufthansa|foreign|德国
法国航空|法航,Air France|foreign|法国
英国航空|英航,British Airways|foreign|英国
芬兰航空|芬航,Finnair|foreign|芬兰
全日空|全日本空输,ANA|foreign|日本
日本航空|日航,Japan Airlines|foreign|日本
大韩航空|Korean Air|foreign|韩国
泰国航空|泰航,Thai Airways|foreign|泰国
达美航空|Delta Air Lines|foreign|美国
美国联合航空|美联航,United Airlines|foreign|美国
"""


@dataclass
class Company:
    """One row of companies.tsv, before and after filtering."""

    name: str
    aliases: list[str]
    kind: str
    region: str
    hand: bool = False
    codes: list[str] = field(default_factory=list)
    package_forms: set[str] = field(default_factory=set)  # forms taken from the package unreviewed


@dataclass
class Listed:
    """One row of matchina's ``entities`` table, its stock name normalised."""

    code: str
    name: str
    short: str
    market: str
    verified: bool


@dataclass
class Source:
    """The wheel the listed companies came from."""

    package: str
    version: str
    licence: str
    digest: str


@dataclass
class Dropped:
    """A form left out of the file, with the reason."""

    form: str
    row: str
    reason: str


def read_districts(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Province short/full name -> full name, and every place name or alias -> the full names."""
    provinces: dict[str, str] = {}
    places: dict[str, list[str]] = defaultdict(list)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        forms = [row["name"], *(a for a in row["aliases"].split(",") if a)]
        for form in forms:
            places[form].append(row["name"])
            if row["level"] == "province":
                provinces[form] = row["name"]
    return provinces, places


def read_jieba_dict(path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Word -> frequency and word -> part-of-speech tag from jieba's ``dict.txt``."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freq[parts[0]] = int(parts[1])
            tags[parts[0]] = parts[2] if len(parts) > 2 else ""
    return freq, tags


def jieba_dict_path() -> Path | None:
    """Locate jieba's dict.txt without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.exists() else None


def parse_hand(text: str, provinces: dict[str, str]) -> list[Company]:
    """Parse ``HAND`` (``name|aliases|kind|region`` lines); regions become full province names."""
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, kind, region = line.split("|")
        if kind not in KINDS:
            raise ValueError(f"bad kind in HAND: {line}")
        if region and region not in provinces and region not in FOREIGN_REGIONS:
            raise ValueError(f"bad region in HAND: {line}")
        full_region = provinces.get(region, region)
        rows.append(Company(name, [a for a in aliases.split(",") if a], kind, full_region, hand=True))
    return rows


def normalise_stock_name(raw: str) -> str | None:
    """Stock short name -> company short name, or None for delisted and English-only names.

    Full-width forms become half-width, spaces go, and the exchange's markers are removed:
    ``*ST全新`` -> 全新, ``京东方Ａ`` -> 京东方, ``美团－Ｗ`` -> 美团.
    """
    name = unicodedata.normalize("NFKC", raw).replace(" ", "")
    if "退" in name[-2:] or not CJK.search(name):
        return None
    name = HK_SUFFIX.sub("", name)
    name = ST_PREFIX.sub("", name)
    name = CLASS_SUFFIX.sub("", name)
    return name or None


def read_matchina(path: Path) -> tuple[Source, list[Listed], Counter[str]]:
    """The A-share and HK rows of matchina's ``entities.db``, read from the wheel or the database."""
    package, version, licence = "matchina", "unknown", "MIT"
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            blob = wheel.read(DB_MEMBER)
            meta_name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
            meta = email.parser.Parser().parsestr(wheel.read(meta_name).decode("utf-8"), headersonly=True)
        package, version = meta["Name"], meta["Version"]
        licence = meta.get("License-Expression") or meta.get("License") or licence
    else:
        blob = path.read_bytes()
    conn = sqlite3.connect(":memory:")
    conn.deserialize(blob)
    skipped: Counter[str] = Counter()
    rows = []
    query = "SELECT id, name_cn, COALESCE(name_short_cn, ''), source, verified FROM entities ORDER BY id"
    for ident, raw, short, source, verified in conn.execute(query):
        if source not in ("ashare", "hk_stock"):
            skipped[{"manual": "hand-made rows", "us_stock": "US-listed rows"}.get(source, source)] += 1
            continue
        name = normalise_stock_name(raw)
        if name is None:
            skipped["delisted or English-only names"] += 1
            continue
        short = unicodedata.normalize("NFKC", short).strip() if verified else ""
        market = "A" if source == "ashare" else "HK"
        rows.append(Listed(ident.lstrip("AHK"), name, short if short != name else "", market, bool(verified)))
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Source(package, version, licence, f"{path.name} sha256 {digest}"), rows, skipped


def region_from_name(name: str, provinces: dict[str, str]) -> str:
    """The province whose name starts the short name (重庆啤酒 -> 重庆市), else empty."""
    for form in sorted(provinces, key=len, reverse=True):
        if len(form) >= 2 and name.startswith(form):
            return provinces[form]
    return ""


def kind_of_listed(name: str) -> str:
    """``bank`` for financial institutions, else ``listed``."""
    return "bank" if name.endswith(FINANCE_SUFFIXES) else "listed"


def merge(
    hand: list[Company], listed: list[Listed], provinces: dict[str, str]
) -> tuple[list[Company], Counter[str]]:
    """Attach each listed company to the hand row that names it, or make it a row of its own."""
    by_form: dict[str, Company] = {}
    claimed: set[str] = set()
    for row in hand:
        for form in [row.name, *row.aliases]:
            by_form.setdefault(form, row)
            claimed.add(form)
    stats: Counter[str] = Counter()
    own: dict[str, Company] = {}
    for item in listed:
        row = by_form.get(item.name) or own.get(item.name)
        if row is None:
            if item.market == "HK" and not item.verified:
                stats["unverified HK rows not in HAND"] += 1
                continue
            row = Company(item.name, [], kind_of_listed(item.name), region_from_name(item.name, provinces))
            row.package_forms.add(item.name)
            own[item.name] = row
            stats[f"{item.market} rows of their own"] += 1
        else:
            stats[f"{item.market} rows merged"] += 1
        row.codes.append(f"{item.market}:{item.code}")
        short_is_free = item.short not in claimed or by_form.get(item.short) is row
        if item.short and item.short not in row.aliases and short_is_free:
            row.aliases.append(item.short)
            row.package_forms.add(item.short)
    return hand + list(own.values()), stats


def form_problem(form: str, places: dict[str, list[str]], freq: dict[str, int]) -> str:
    """Why a form cannot stand alone as a company name, or "" if it can."""
    if len(form) < 2:
        return "shorter than 2 characters"
    if form.isascii() and len(form) < 3:
        return "Latin form shorter than 3 characters"
    if form in HAND_STOP:
        return f"hand: {HAND_STOP[form]}"
    if form in places:
        return "place: " + ", ".join(sorted(set(places[form]))[:3]) + " (districts.tsv)"
    if freq.get(form, 0) >= MAX_FREQ:
        return f"jieba: frequency {freq[form]}"
    return ""


def database_form_problem(form: str, freq: dict[str, int], tags: dict[str, str]) -> str:
    """The stricter test for unreviewed forms from the package (row names, verified short forms).

    A jieba word with frequency >= ``MIN_DB_FREQ`` tagged as an ordinary word, place or person (not
    ``nz``/``nt``/``j``, jieba's tags for brands, organisations and abbreviations) is mostly not the
    company: 太阳能, 向日葵, 金融街, 白云机场, 天津港, 保利 (确保利益), 中环, 芒果.  Forms ending in a
    company word (股份, 科技, 电气 ...) are kept.
    """
    if form.endswith(COMPANY_WORDS):
        return ""
    if freq.get(form, 0) >= MIN_DB_FREQ and tags.get(form) not in COMPANY_TAGS:
        return f"jieba: ordinary word, frequency {freq[form]}, tag {tags.get(form)} (package form)"
    return ""


def filter_rows(
    rows: list[Company], places: dict[str, list[str]], freq: dict[str, int], tags: dict[str, str]
) -> tuple[list[Company], list[Dropped]]:
    """Drop bad names (database rows) and bad or shared aliases; return kept rows and the record."""
    dropped: list[Dropped] = []
    kept: list[Company] = []
    for row in rows:
        problem = form_problem(row.name, places, freq)
        if not problem and row.name in row.package_forms:
            problem = database_form_problem(row.name, freq, tags)
        if problem and row.hand:
            raise ValueError(f"hand row name {row.name!r}: {problem}")
        if problem:
            dropped.append(Dropped(row.name, "(whole row: listed company short name)", problem))
            continue
        kept.append(row)
    names = {row.name for row in kept}
    for row in kept:
        good = []
        for form in dict.fromkeys(row.aliases):
            problem = form_problem(form, places, freq)
            if not problem and form in row.package_forms:
                problem = database_form_problem(form, freq, tags)
            if not problem and form in names and form != row.name:
                problem = "the name of another row"
            if problem:
                dropped.append(Dropped(form, row.name, problem))
            elif form != row.name:
                good.append(form)
        row.aliases = good
    owners: dict[str, list[Company]] = defaultdict(list)
    for row in kept:
        for form in row.aliases:
            owners[form].append(row)
    for form, rows_ in owners.items():
        if len(rows_) > 1:
            for row in rows_:
                row.aliases.remove(form)
                others = "; ".join(r.name for r in rows_ if r is not row)
                dropped.append(Dropped(form, row.name, f"ambiguous: also an alias of {others}"))
    return kept, dropped


def write_tsv(rows: list[Company], source: Source, skipped: Counter[str], out: Path) -> None:
    """Write companies.tsv with a provenance header."""
    counts = Counter(r.kind for r in rows)
    n_hand = sum(r.hand for r in rows)
    n_merged = sum(r.hand and bool(r.codes) for r in rows)
    n_db = len(rows) - n_hand
    skip_note = ", ".join(f"{n} {what}" for what, n in sorted(skipped.items()))
    head = [
        "# Well-known companies and brands, with the short forms used for them in Chinese news.",
        "# Generated by tools/make_companies.py - do not edit by hand; rerun the script instead.",
        f"# Sources: (1) hand-compiled - {n_hand} rows in tools/make_companies.py (HAND), from general",
        "#   knowledge up to 2025: state-owned groups, banks and insurers, automakers and EV/battery makers,",
        "#   tech and internet platforms, consumer brands, airlines, logistics, Chongqing companies, and",
        "#   foreign companies by their Chinese names; entries I was not sure of were left out.",
        f"#   (2) PyPI package {source.package} {source.version}, file {DB_MEMBER} (table entities),",
        f"#   licence {source.licence}: stock short names (证券简称) of A-share companies and of",
        "#   verified HK-listed ones;",
        f"#   {n_merged} hand rows matched a company there, {n_db} rows come from it alone",
        f"#   (not taken: {skip_note}).",
        f"#   read from {source.digest}",
        "# name: legal name for most hand rows (else the best-known name; for foreign companies the",
        "#   Chinese brand name), the stock short name (证券简称) for rows from the package.",
        "# aliases: comma-separated short forms and brands used in news.  No alias is shorter than 2",
        "#   characters, a place in districts.tsv, a jieba word with frequency >= "
        f"{MAX_FREQ}, or shared by two rows;",
        "#   what was dropped, and why, is in companies_dropped.txt",
        "#   (长安 -> only 长安汽车, 华夏 -> only 华夏银行).",
        "# kind: listed (listed company) | group (state-owned or private group, not listed itself) |",
        "#   brand (company known by its brand, mostly unlisted: JVs, start-ups, chains) |",
        "#   bank (banks, insurers, brokers, trusts, asset managers) | foreign (head office abroad).",
        "# region: head office - a province-level name of districts.tsv (重庆市, 广东省, 香港特别行政区),",
        "#   or the country for foreign companies; empty if unknown.  Rows from the package get it only",
        "#   from a province name starting the short name (重庆啤酒 -> 重庆市).",
        "# Order: hand rows by sector, then the package's rows by stock code.",
        "# rows: " + ", ".join(f"{counts[k]} {k}" for k in KINDS) + f"; {len(rows)} in all.",
        "name\taliases\tkind\tregion",
    ]
    body = [f"{r.name}\t{','.join(r.aliases)}\t{r.kind}\t{r.region}" for r in rows]
    out.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def write_dropped(dropped: list[Dropped], out: Path) -> None:
    """Write companies_dropped.txt: ``form<TAB>row<TAB>reason``, grouped by kind of reason."""
    order = ("hand", "place", "jieba", "ambiguous", "the name", "shorter", "Latin")
    dropped = sorted(
        dropped,
        key=lambda d: (next((i for i, p in enumerate(order) if d.reason.startswith(p)), 99), d.row, d.form),
    )
    counts = Counter(d.reason.split(":")[0] if ":" in d.reason else d.reason for d in dropped)
    head = [
        "# Company names and aliases left out of companies.tsv, and why.",
        "# Generated by tools/make_companies.py - do not edit by hand; change HAND_STOP or HAND there.",
        "# Columns: form<TAB>row it was meant for<TAB>reason.  Reasons:",
        "#   hand - judged by hand to be mostly an ordinary word or a piece of frequent words (HAND_STOP);",
        "#   place - a name or alias in districts.tsv;",
        f"#   jieba - a word of jieba's dictionary with frequency >= {MAX_FREQ};",
        "#   ambiguous - an alias of two rows (dropped from both); the name of another row;",
        "#   shorter than 2 characters, or Latin-only and shorter than 3.",
        '# A row "(whole row ...)" is a listed company whose short name itself failed, left out entirely.',
        "# counts: " + ", ".join(f"{n} {what}" for what, n in counts.most_common()),
    ]
    body = [f"{d.form}\t{d.row}\t{d.reason}" for d in dropped]
    out.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("source", type=Path, help="matchina wheel, or its entities.db")
    ap.add_argument("--districts", type=Path, default=DATA / "districts.tsv")
    ap.add_argument("--jieba-dict", type=Path, help="jieba dict.txt (default: the installed jieba's)")
    ap.add_argument("--out", type=Path, default=DATA / "companies.tsv")
    ap.add_argument("--dropped", type=Path, default=DATA / "companies_dropped.txt")
    args = ap.parse_args(argv)

    dict_path = args.jieba_dict or jieba_dict_path()
    if dict_path is None:
        ap.error("jieba's dict.txt not found: pass --jieba-dict")
    provinces, places = read_districts(args.districts)
    freq, tags = read_jieba_dict(dict_path)
    hand = parse_hand(HAND, provinces)
    source, listed, skipped = read_matchina(args.source)
    rows, stats = merge(hand, listed, provinces)
    rows, dropped = filter_rows(rows, places, freq, tags)
    write_tsv(
        rows, source, skipped + Counter({k: v for k, v in stats.items() if "unverified" in k}), args.out
    )
    write_dropped(dropped, args.dropped)
    print(
        f"wrote {len(rows)} rows to {args.out} ({dict(stats)}); {len(dropped)} forms dropped", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
