"""Deterministic generator of synthetic Arabic news articles for benchmarking the archive.

``python3 benchmarks/gen_corpus.py N OUT_DIR [--seed S] [--jsonl FILE] [--sample K]``

Each article is composed, not copied: a title (sometimes with an outlet prefix or suffix), an
optional printed dateline, 3-10 body paragraphs drawn from 177 sentence templates and 38 title
templates written for this generator (shelling, clashes, negotiations, evacuations, monitors
and observation posts proposed or deployed by Russia, Turkey, Iran or Kazakhstan, humanitarian
aid, statements, background on the Astana memorandum, and topics with no zone at all: the
north-east, Damascus and the coast, Astana/Geneva diplomacy, neighbouring countries), and
sometimes page furniture (an "اقرأ أيضا" list, a © footer, a sign-off line). The slots come
from the project itself: towns from ``geo/base/places.csv`` (with the zone the linker's own
geometry gives each town, so "in a zone" means what the linker will decide), zone names from
``geo.linker.ZONE_NAMES`` and ``geo/zones.geojson``, force nouns from ``geo.forces``, month and
weekday names (Levantine and Egyptian) from ``geo.dates``. Relative dates ("أمس الثلاثاء")
agree with the catalog's publication date, so the date extractor can resolve them. Officials
are named by title only: the quotes are invented.

Output: ``NNNNNN_<sha16>.txt`` files (sha16 = first 16 hex of ``geo.ingest.content_hash``, as
``geo ingest`` names files) and ``catalog.csv`` in the project's schema, or with ``--jsonl`` one
JSON object per line (``text``, ``title``, ``outlet``, ``url``, ``published``).

Determinism: article ``k`` depends only on ``(seed, k)`` (its own ``random.Random``), so the same
seed and N give byte-identical output, and a larger N extends a smaller run. Nothing reads the
clock, the environment or the file system order. A text whose hash was already produced is
regenerated with the next attempt number.

Importable: ``generate(n, seed)`` yields ``GeneratedArticle``; ``write_corpus(n, out_dir, seed)``
writes the folder; ``sanity_report(folder)`` links a sample with the project's linker.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere, the geo package is beside us
    sys.path.insert(0, str(ROOT))

# The private tables are imported on purpose: the generator must write exactly the vocabulary
# the extractors know (month and weekday spellings, force nouns), and follow them when they grow.
from geo import ZONE_IDS  # noqa: E402
from geo.arabic import normalise  # noqa: E402
from geo.corpus import CATALOG_COLUMNS  # noqa: E402
from geo.dates import _MONTH_NAMES, _TEENS, _UNITS, _WEEKDAY_NAMES  # noqa: E402
from geo.forces import _FORCE_NOUNS  # noqa: E402
from geo.ingest import content_hash  # noqa: E402
from geo.linker import COMMON_WORD_PLACES, ZONE_NAMES  # noqa: E402
from geo.paths import PLACES_PATH, ZONES_PATH  # noqa: E402

DEFAULT_SEED = 2017
FIRST_DAY = dt.date(2017, 5, 1)
LAST_DAY = dt.date(2020, 3, 31)
# Busy period of the zones (memorandum to the fall of the south); most press falls in it.
BUSY_LAST_DAY = dt.date(2018, 8, 31)
# A constant, not today's date: output must be byte-identical from one day to the next.
ADDED = "2026-12-01"
MIN_CHARS, MAX_CHARS = 800, 6000

# --------------------------------------------------------------------------- outlets

@dataclass(frozen=True)
class Outlet:
    en: str
    ar: str
    slug: str
    # Written into titles and sign-offs only when geo.corpus.KNOWN_SITES knows the name, as a
    # real scrape would show it; unknown names would just become part of the headline.
    site: str = ""


OUTLETS: tuple[Outlet, ...] = (
    Outlet("Al Arabiya", "العربية", "alarabiya", "العربية نت"),
    Outlet("Syria News", "سيريانيوز", "syrianews", "سيريانيوز"),
    Outlet("IRNA Arabic", "وكالة الجمهورية الإسلامية للأنباء (إرنا)", "irna", "إرنا"),
    Outlet("Akhbar Al Aan", "أخبار الآن", "akhbaralaan", "أخبار الآن"),
    Outlet("Baladi News", "بلدي نيوز", "baladinews", "بلدي نيوز"),
    Outlet("Enab Baladi", "عنب بلدي", "enabbaladi", "عنب بلدي"),
    Outlet("Al Jazeera Net", "الجزيرة نت", "aljazeera", "الجزيرة نت"),
    Outlet("Al-Durar Al-Shamiya", "الدرر الشامية", "eldorar", "الدرر الشامية"),
    Outlet("Sputnik Arabic", "سبوتنيك عربي", "sputnik", "سبوتنيك"),
    Outlet("RT Arabic", "روسيا اليوم", "rtarabic", "روسيا اليوم"),
    Outlet("Anadolu Agency Arabic", "وكالة الأناضول", "anadolu"),
    Outlet("SMART News Agency", "وكالة سمارت", "smartnews"),
    Outlet("Al Modon", "المدن", "almodon"),
    Outlet("Asharq Al-Awsat", "الشرق الأوسط", "aawsat"),
    Outlet("Al-Quds Al-Arabi", "القدس العربي", "alquds"),
    Outlet("Al-Araby Al-Jadeed", "العربي الجديد", "alaraby"),
)

# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Actor:
    name: str  # the country
    adj_m: str
    adj_f: str
    capital: str


ACTORS = {
    "russia": Actor("روسيا", "الروسي", "الروسية", "موسكو"),
    "turkey": Actor("تركيا", "التركي", "التركية", "أنقرة"),
    "iran": Actor("إيران", "الإيراني", "الإيرانية", "طهران"),
    "kazakhstan": Actor("كازاخستان", "الكازاخستاني", "الكازاخستانية", "أستانا"),
    "us": Actor("الولايات المتحدة", "الأمريكي", "الأمريكية", "واشنطن"),
    "jordan": Actor("الأردن", "الأردني", "الأردنية", "عمّان"),
}
GUARANTOR_IDS = ("russia", "turkey", "iran")
OFFER_IDS = ("russia", "turkey", "iran", "kazakhstan")


def _month_spellings() -> dict[int, tuple[list[str], str]]:
    """``month -> (Egyptian/MSA spellings, Levantine spelling)`` from geo.dates, whose table
    lists the Egyptian names first and the Levantine ones last."""
    by_month: dict[int, list[str]] = {}
    for name, month in _MONTH_NAMES.items():
        by_month.setdefault(month, []).append(name)
    return {m: (names[:-1], names[-1]) for m, names in by_month.items()}


MONTHS = _month_spellings()
WEEKDAYS: dict[int, list[str]] = {}
for _name, _wd in _WEEKDAY_NAMES.items():
    WEEKDAYS.setdefault(_wd, []).append(_name)
DAY_ORDINALS = [*_UNITS, "العاشر", *_TEENS]  # day 1..19 in words ("التاسع من تموز")


def _force_phrases() -> list[str]:
    """Indefinite force nouns from geo.forces that read well after إرسال / نشر: not the bare
    "حفظ السلام", not nominative "-ون" plurals, not definite forms (templates add the article
    where they need it)."""
    out = []
    for words in _FORCE_NOUNS.values():
        for w in words:
            if w.startswith(("ال", "حفظ")) or w.endswith("ون"):
                continue
            out.append(w)
    return out


FORCES = _force_phrases()
# The monitoring kinds, drawn more often than plain "قوات" so force sentences are about monitors.
MONITOR_FORCES = [f for f in FORCES if any(k in f for k in ("سلام", "مراقب", "شرطة"))]

FEM_ORDINALS = ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة",
                "الثامنة", "التاسعة", "العاشرة", "الحادية عشرة", "الثانية عشرة"]

# Armed groups by zone: {FACTION_F} takes only the grammatically feminine names (subjects of
# "وأعلنت", "واستعادت"), {FACTION} any of them (after a preposition).
FACTIONS_F = {
    "idlib": ["فصائل المعارضة", "الجبهة الوطنية للتحرير", "هيئة تحرير الشام"],
    "northern-homs": ["فصائل المعارضة", "حركة أحرار الشام"],
    "eastern-ghouta": ["فصائل المعارضة", "حركة أحرار الشام"],
    "south": ["فصائل المعارضة", "فصائل الجبهة الجنوبية", "ألوية العمري"],
}
FACTIONS = {
    "idlib": [*FACTIONS_F["idlib"], "جيش العزة", "فيلق الشام"],
    "northern-homs": [*FACTIONS_F["northern-homs"], "جيش التوحيد", "الفيلق الرابع"],
    "eastern-ghouta": [*FACTIONS_F["eastern-ghouta"], "جيش الإسلام", "فيلق الرحمن"],
    "south": [*FACTIONS_F["south"], "جيش الثورة"],
}
# Masculine names only, for verb agreement ("وأفاد", "وثّق").
MONITORS = ["المرصد السوري لحقوق الإنسان", "مكتب توثيق الشهداء", "فريق منسقو استجابة سوريا",
            "مركز توثيق الانتهاكات"]
# Feminine plurals only: the templates conjugate their verbs in the feminine ("وقالت").
LOCAL_SOURCES = ["مصادر محلية", "مصادر ميدانية", "مصادر طبية", "مصادر في المجلس المحلي",
                 "شبكات إخبارية محلية", "مصادر أهلية"]
AGENCIES = ["وكالة الأنباء السورية (سانا)", "وكالة الأناضول", "وكالة إنترفاكس الروسية",
            "وكالة فارس الإيرانية", "وكالة سبوتنيك", "وكالة الصحافة الفرنسية", "وكالة رويترز"]
IRAN_OFFICIALS = ["المتحدث باسم وزارة الخارجية الإيرانية",
                  "أمين المجلس الأعلى للأمن القومي الإيراني",
                  "مساعد وزير الخارجية الإيراني للشؤون العربية والأفريقية"]
# Titles, never personal names: the quotes are invented, so no real person is quoted.
RUSSIA_OFFICIALS = ["وزير الخارجية الروسي", "المتحدث الرسمي باسم الخارجية الروسية",
                    "رئيس مركز المصالحة الروسي في حميميم", "نائب وزير الدفاع الروسي"]
TURKEY_OFFICIALS = ["وزير الخارجية التركي", "المتحدث باسم الرئاسة التركية",
                    "وزير الدفاع التركي"]
CAPITAL_DATELINES = ["دمشق", "بيروت", "عمّان", "موسكو", "أنقرة", "طهران", "أستانا", "جنيف",
                     "إسطنبول", "غازي عنتاب", "القاهرة"]
NORTH_DESTINATIONS = ["الشمال السوري", "مدينة جرابلس", "مناطق درع الفرات", "إدلب",
                      "ريف حلب الشمالي"]
EAST_GOVERNORATES = ("الرقة", "الحسكة", "دير الزور")
IRAQ_PLACES = ["الموصل", "تلعفر", "الأنبار", "القائم", "كركوك", "بغداد"]
LEBANON_PLACES = ["عرسال", "بعلبك", "البقاع", "طرابلس", "صيدا"]
WORLD_PLACES = ["صنعاء", "عدن", "بنغازي", "مصراتة", "الخرطوم", "عمّان"]

# --------------------------------------------------------------------------- templates
# Slots: {Z} the sentence's zone name, {ZLOC} "في/ب + zone", {lZ} "ل + zone", {T}/{T2} two
# towns of that zone, {OT} a town outside every zone, {ET}/{EGOV} north-east town/governorate,
# {DT} Damascus-area or coastal town, {WHEN} a date phrase that agrees with the publication date,
# {DATE} an explicit day, {MEMO} the memorandum's date, counted nouns ({civ}, {trucks} ...),
# actors ({A}, {Aadj_m}, {Aadj_f}, {Acap}), force phrases ({FORCE}, {MFORCE}).

ZONE_POOLS: dict[str, tuple[str, ...]] = {
    "shelling": (
        "قصفت قوات النظام بالمدفعية الثقيلة بلدة {T} {ZLOC} {WHEN}، ما أسفر عن مقتل {civ} وإصابة"
        " آخرين بجروح، بحسب ما أفادت {LOCAL}.",
        "شنّت طائرات حربية يُرجَّح أنها روسية {raids} على {T} و{T2}، في أعنف تصعيد تشهده المنطقة"
        " منذ إعلانها منطقة لخفض التصعيد.",
        "وثّق {MONITOR} سقوط {shells} على الأحياء السكنية في {T} خلال الساعات الأربع والعشرين"
        " الماضية.",
        "واستهدفت قذائف الهاون {WHEN} سوقاً شعبية وسط {T}، ما أدى إلى احتراق عدد من المحال"
        " التجارية وإصابة {wounded}.",
        "وقالت {LOCAL} إن القصف طال مدرسة ومركزاً صحياً في {T}، وإن فرق الدفاع المدني عملت ساعات"
        " على انتشال العالقين من تحت الأنقاض.",
        "وتبادلت فصائل المعارضة وقوات النظام القصف على محور {T}، في خرق جديد لوقف إطلاق النار"
        " المعلن {ZLOC}.",
        "ويأتي هذا التصعيد رغم إدراج {Z} ضمن مناطق خفض التصعيد التي أُقرّت في أستانا {MEMO}.",
        "وأحصى الدفاع المدني {raids} و{shells} على مدن وبلدات {Z} منذ مطلع الأسبوع.",
        "وأفاد مراسل «{OUTLET}» بأن الطيران المروحي ألقى براميل متفجرة على أطراف {T} فجر {TODAY}.",
        "وخرج مستشفى ميداني في {T2} عن الخدمة بعد استهدافه بصاروخ موجّه، وفق ما أعلنت مديرية"
        " الصحة الحرة.",
        "ونعت {LOCAL} {civ} قضوا تحت القصف في {T}، بينهم نساء وأطفال.",
        "وطالت الغارات قرى تابعة {lZ}، بحسب {LOCAL}، وسط حركة نزوح نحو المناطق الحدودية.",
        "وتشهد أجواء {Z} تحليقاً مكثفاً لطائرات الاستطلاع منذ {WHEN_SHORT}، وسط مخاوف الأهالي من"
        " حملة عسكرية واسعة.",
    ),
    "clashes": (
        "واندلعت اشتباكات عنيفة بين {FACTION} وقوات النظام على أطراف {T}، استُخدمت فيها الأسلحة"
        " الثقيلة والمتوسطة.",
        "وأعلنت {FACTION_F} أنها صدّت محاولة تقدم لقوات النظام باتجاه {T}، وأوقعت في صفوفها"
        " {dead}.",
        "وتحاول قوات النظام منذ أيام التقدم نحو {T} من جهة {T2}، تحت غطاء جوي كثيف.",
        "وسيطرت قوات النظام {WHEN} على تلة استراتيجية تطل على {T}، بعد معارك استمرت {days}.",
        "واستعادت {FACTION_F} نقاطاً خسرتها قرب {T2} في هجوم معاكس شنّته ليلاً.",
        "وقال قائد ميداني في {FACTION} إن المعارك على جبهة {T} «لن تتوقف ما دام القصف مستمراً».",
    ),
    "negotiation": (
        "عقدت لجنة التفاوض الممثلة لأهالي {Z} جولة جديدة من المحادثات مع وفد عسكري روسي {WHEN}،"
        " لبحث ملف المعتقلين وفتح المعابر.",
        "وقالت مصادر مطلعة على المفاوضات إن الجانب الروسي طالب بتسليم السلاح الثقيل مقابل وقف"
        " العمليات العسكرية على {T}.",
        "وتتواصل الاتصالات بين وجهاء {T} وضباط في مركز المصالحة الروسي في قاعدة حميميم بشأن تسوية"
        " أوضاع المطلوبين.",
        "وأكد عضو في وفد المعارضة أن أي اتفاق لن يمضي قبل الإفراج عن المعتقلين وإدخال المساعدات إلى"
        " {Z} دون قيود.",
        "ونص الاتفاق المبدئي على وقف شامل لإطلاق النار {ZLOC} ابتداءً من {DATE}، وفتح ممر إنساني"
        " قرب {T}.",
        "وعُقد الاجتماع في خيمة أقيمت على أطراف {T2} بحضور ممثلين عن الهلال الأحمر.",
        "وأمهل الجانب الروسي الفصائل {days} للرد على مسودة الاتفاق الخاصة {bZ}.",
        "وأشارت {LOCAL} إلى أن الخلاف ما زال قائماً حول بقاء السلاح الفردي بيد عناصر الفصائل"
        " في {T}.",
        "وتضمنت المسودة، بحسب نسخة اطلعت عليها «{OUTLET}»، انسحاب الفصائل من {T2} وتسليمها للشرطة"
        " العسكرية الروسية.",
        "وطالب الأهالي بضمانات مكتوبة تمنع الاعتقالات بعد دخول مؤسسات الدولة إلى {T}.",
    ),
    "evacuation": (
        "خرجت {WHEN} دفعة جديدة من المهجّرين تضم {people} من {T} على متن {buses} باتجاه {NORTH}.",
        "وأعلنت الأمم المتحدة إجلاء {patients} من {Z} لتلقي العلاج في مستشفيات دمشق.",
        "وبحسب الهلال الأحمر العربي السوري، جرى إجلاء {families} من {T} إلى مراكز إيواء مؤقتة في"
        " {OT}.",
        "ورفض قسم من الأهالي الخروج من {T}، مفضّلين البقاء بضمانات روسية بعدم دخول قوات النظام إلى"
        " البلدة.",
        "ووصلت الحافلات إلى معبر قلعة المضيق بعد رحلة استمرت أكثر من عشرين ساعة، وفق {LOCAL}.",
        "وقال مسؤول في منظمة إغاثية إن مخيمات الاستقبال في {NORTH} لم تعد قادرة على استيعاب"
        " الوافدين الجدد.",
        "وتنتظر {families} أخرى في {T2} دورها في الخروج خلال الأيام المقبلة.",
    ),
    "forces": (
        "وأعلنت وزارة الدفاع الروسية نشر {MFORCE} على خطوط التماس {ZLOC} لمراقبة الالتزام بوقف"
        " إطلاق النار.",
        "وأقام الجيش التركي نقطة مراقبة جديدة قرب {T}، هي {ORDF} ضمن النقاط المقررة بموجب تفاهمات"
        " أستانا.",
        "وقال {IRAN_OFFICIAL} إن بلاده مستعدة لإرسال {FORCE} إلى مناطق خفض التوتر إذا توافقت"
        " الدول الضامنة على ذلك.",
        "وأبدت كازاخستان استعدادها لإرسال قوات حفظ السلام إلى سوريا في حال صدور تفويض من مجلس"
        " الأمن الدولي.",
        "واقترحت موسكو نشر {MFORCE} من دول غير منخرطة في النزاع لمراقبة حدود {Z}.",
        "ونفت أنقرة الأنباء عن إرسال تعزيزات إلى {Z}، مؤكدة أن انتشار جنودها يقتصر على نقاط"
        " المراقبة المتفق عليها.",
        "وتنص المذكرة على أن تنشر الدول الضامنة {MFORCE} على طول حدود مناطق خفض التصعيد، بما"
        " فيها {Z}.",
        "ودخلت وحدات من الشرطة العسكرية الروسية إلى {T} {WHEN} وأقامت حواجز عند مداخلها.",
        "وأكد مصدر عسكري روسي أن الشرطة العسكرية ستنتشر في {T2} و{T} للإشراف على تنفيذ الاتفاق.",
        "وتسعى طهران إلى نشر مراقبين إيرانيين قرب {Z}، وهو ما ترفضه فصائل المعارضة بشدة.",
        "وقال {TURKEY_OFFICIAL} إن بلاده سترسل {FORCE} إلى {Z} بالتنسيق مع روسيا، إذا اكتملت"
        " الترتيبات الميدانية.",
        "وذكرت {AGENCY} أن رتلاً عسكرياً تركياً يضم {vehicles} عبر معبر كفر لوسين متجهاً إلى"
        " نقطة المراقبة في {T}.",
        "ووصل {soldiers} من الشرطة العسكرية الروسية إلى {Z} لتسيير دوريات على طول خطوط الفصل.",
        "واشترطت المعارضة أن تكون قوات المراقبة في {Z} من دول محايدة، رافضة أي دور إيراني.",
    ),
    "humanitarian": (
        "دخلت قافلة مساعدات إنسانية مؤلفة من {trucks} إلى {T}، تحمل مواد غذائية وطبية تكفي"
        " {people} لمدة شهر.",
        "وحذّر مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية من تدهور الأوضاع المعيشية لنحو"
        " {thousands} مدني في {Z}.",
        "وارتفعت أسعار المواد الأساسية في أسواق {T} بشكل حاد، إذ تجاوز سعر ربطة الخبز {price}"
        " ليرة سورية.",
        "وأفادت منظمة أطباء بلا حدود بأن المستشفيات الميدانية في {Z} تعاني نقصاً حاداً في الأدوية"
        " والمستلزمات الجراحية.",
        "وطالبت منظمات إغاثية بفتح معبر دائم إلى {T} لإدخال الطحين وحليب الأطفال.",
        "وقال مسؤول في الهلال الأحمر إن فرقه لم تتمكن من الوصول إلى {T2} بسبب استمرار القصف.",
        "ووزّعت جمعيات محلية {baskets} على النازحين في {T} بتمويل من منظمات دولية.",
        "وسجّلت النقاط الطبية في {T} {cases} من سوء التغذية الحاد بين الأطفال منذ {MONTH_AGO}.",
    ),
    "statement": (
        "وقال {RUSSIA_OFFICIAL} في مؤتمر صحفي {WHEN} إن وقف إطلاق النار {ZLOC} «صامد إلى حد كبير»"
        " رغم بعض الخروقات.",
        "وأكدت وزارة الخارجية {Aadj_f} في بيان أن الدول الضامنة ملتزمة بتثبيت الهدنة في مناطق خفض"
        " التصعيد الأربع.",
        "وحمّلت المعارضة السورية روسيا المسؤولية عن الخروقات المتكررة {ZLOC}، بوصفها دولة ضامنة"
        " للاتفاق.",
        "ودعا الأمين العام للأمم المتحدة جميع الأطراف إلى احترام وقف الأعمال العدائية في {Z}"
        " والسماح بوصول المساعدات.",
        "ونقلت {AGENCY} عن مصدر عسكري قوله إن الجيش «سيرد بحزم» على أي هجوم ينطلق من {Z}.",
        "وأشار المبعوث الأممي إلى سوريا إلى أن مصير {Z} سيكون على جدول أعمال الجولة المقبلة من"
        " محادثات أستانا.",
        "وأعرب {TURKEY_OFFICIAL} عن قلق بلاده من أي عملية عسكرية واسعة في {Z}، محذراً من موجة نزوح"
        " جديدة نحو الحدود.",
        "وقالت الخارجية الأمريكية إن واشنطن «تتابع بقلق» التطورات الأخيرة {ZLOC}.",
        "واعتبر المجلس المحلي في {T} أن الاتفاق «لم يغيّر شيئاً على الأرض» حتى الآن.",
    ),
}

# Sentences about a zone that fit any topic: background and colour.
ZONE_BACKGROUND: tuple[str, ...] = (
    "ودخلت مذكرة مناطق خفض التصعيد حيز التنفيذ في السادس من {MAY} 2017، على أن تُجدّد"
    " تلقائياً كل ستة أشهر.",
    "وتُعدّ {Z} واحدة من أربع مناطق شملها الاتفاق، ويقطنها وفق تقديرات أممية نحو {thousands}"
    " نسمة.",
    "وجاء ذلك بعد {days} من انتهاء الجولة {ORDF} من محادثات أستانا.",
    "ويرى مراقبون أن التفاهمات الروسية التركية بشأن {Z} باتت أكثر هشاشة مع تكرار الخروقات.",
    "وتشهد المنطقة منذ {MONTH_AGO} هدوءاً حذراً تتخلله خروقات متقطعة.",
    "وأوضحت {LOCAL} أن حركة الأسواق في {T} عادت جزئياً {WHEN} بعد أيام من الإغلاق.",
    "وتخضع {Z} لحصار متفاوت الشدة منذ سنوات، وتعتمد على طرق تهريب لتأمين حاجاتها.",
    "وكانت المنطقة قد شهدت في {DATE} اتفاقاً محلياً لوقف القتال لم يصمد سوى أيام.",
    "ويتهم ناشطون النظام باستغلال الهدنة لحشد قواته على تخوم {Z}.",
    "وتقع {T} على بعد كيلومترات من خطوط التماس، وتتعرض لقصف متكرر منذ {MONTH_AGO}.",
    "وينتشر في {T} و{T2} عدد من المخيمات العشوائية التي تؤوي نازحين من مناطق مجاورة.",
    "ويبلغ عدد سكان {T} اليوم نحو {thousands} نسمة بعد موجات النزوح المتلاحقة.",
    "وأكدت الأمم المتحدة أن آخر قافلة مساعدات وصلت {lZ} كانت قبل {weeks}.",
    "ويعتمد سكان {T} و{T2} على الزراعة، وقد تضرر موسمهم هذا العام بفعل المعارك.",
)
# The four zones in one sentence: the classic background line of 2017 reporting.
FOUR_ZONES_SENTENCES: tuple[str, ...] = (
    "وكانت روسيا وتركيا وإيران قد وقّعت في أستانا {MEMO} مذكرة لإنشاء أربع مناطق لخفض التصعيد"
    " في سوريا، تشمل {FOUR}.",
    "وتضم مناطق خفض التوتر، وفق مذكرة أستانا، {FOUR}، وتتولى الدول الضامنة مراقبة الالتزام بها.",
)

# Sentences that fit any article, with or without a zone.
GENERIC: tuple[str, ...] = (
    "ولم يتسنَّ لـ«{OUTLET}» التحقق من هذه المعلومات من مصدر مستقل.",
    "ولم يصدر عن الحكومة السورية أي تعليق رسمي على ما جرى حتى ساعة إعداد هذا التقرير.",
    "وتتضارب الروايات حول حصيلة الضحايا بين مصادر المعارضة ووسائل الإعلام الرسمية.",
    "وأسفر النزاع في سوريا منذ عام 2011 عن مقتل مئات الآلاف وتشريد ملايين السوريين داخل البلاد"
    " وخارجها.",
    "ويتوقع محللون أن تبقى الأوضاع على حالها إلى حين التوصل إلى تسوية سياسية شاملة.",
    "وفي سياق متصل، أعلنت الأمم المتحدة أن خطة الاستجابة الإنسانية لسوريا لم تُموَّل إلا بنسبة"
    " {pct} في المئة.",
    "وكان مجلس الأمن الدولي قد عقد جلسة طارئة في {DATE} لبحث الوضع الإنساني في سوريا.",
    "وقالت مصادر دبلوماسية لـ«{OUTLET}» إن الاتصالات مستمرة بين العواصم المعنية بعيداً عن"
    " الأضواء.",
    "وشدد البيان على «ضرورة الحل السياسي وفق القرار 2254».",
    "وتعذّر الاتصال بالمسؤولين المعنيين للحصول على تعليق.",
    "وتقول منظمات حقوقية إن آلاف المعتقلين ما زالوا مجهولي المصير.",
    "ويعيش أكثر من ستة ملايين نازح داخل سوريا، بحسب أرقام الأمم المتحدة.",
    "وتقدّر الأمم المتحدة كلفة إعادة الإعمار في سوريا بمئات المليارات من الدولارات.",
)

# Topics with no zone. {ET} etc. are drawn so that no zone is linked.
EAST: tuple[str, ...] = (
    "أعلنت قوات سوريا الديمقراطية {WHEN} سيطرتها على بلدة {ET} في ريف {EGOV}، بعد معارك مع"
    " تنظيم الدولة استمرت {days}.",
    "وشنّ طيران التحالف الدولي بقيادة الولايات المتحدة {raids} على مواقع التنظيم قرب {ET}.",
    "ونزحت {families} من {ET} باتجاه مخيمات في ريف الحسكة، وسط ظروف إنسانية صعبة.",
    "وقال متحدث باسم التحالف إن عمليات التمشيط في {ET} قد تستغرق {weeks} قبل عودة المدنيين.",
    "وأفاد {MONITOR} بأن ألغاماً زرعها التنظيم في أحياء {ET} أودت بحياة {civ} منذ {MONTH_AGO}.",
    "ويشهد مخيم الهول شرقي الحسكة اكتظاظاً كبيراً، بحسب منظمات إغاثية تعمل في المنطقة.",
    "واتهمت الإدارة الذاتية الجيش التركي بقصف قرى قرب {ET} على الشريط الحدودي {WHEN}.",
    "وتسيطر قوات النظام على الضفة الغربية لنهر الفرات قرب {ET}، فيما تنتشر قوات سوريا"
    " الديمقراطية على الضفة الشرقية.",
    "ووصلت تعزيزات عسكرية أمريكية إلى قاعدة قرب {ET}، وفق ما ذكرت {AGENCY}.",
    "وأعلن مجلس {EGOV} المدني بدء إزالة الأنقاض من الشوارع الرئيسية في المدينة.",
    "وتعاني مدينة {EGOV} من انقطاع شبه دائم للمياه والكهرباء منذ انتهاء المعارك.",
    "وقال مسؤول في الإدارة الذاتية إن المجالس المحلية ستتولى إدارة {ET} خلال المرحلة المقبلة.",
    "وسُمع دوي انفجارات في {ET} {WHEN}، تبيّن لاحقاً أنها ناجمة عن تفجير مخلفات حربية.",
    "وتواصل فرق الدفاع المدني انتشال جثث من مقبرة جماعية عُثر عليها قرب {ET}.",
    "ويخشى السكان في {ET} من عودة خلايا التنظيم، بعد سلسلة اغتيالات طالت وجهاء محليين.",
    "وافتتحت منظمة إغاثية دولية مركزاً صحياً في {ET} يخدم نحو {thousands} نسمة.",
    "وتشهد أسعار الخبز في {ET} ارتفاعاً متواصلاً منذ {MONTH_AGO}.",
    "واعتقلت قوات الأمن الداخلي {suspects} في {ET} بتهمة الانتماء إلى خلايا التنظيم.",
)
DOMESTIC: tuple[str, ...] = (
    "افتتحت الحكومة السورية {WHEN} معرض دمشق الدولي بمشاركة {companies} من دول عدة.",
    "وأعلنت وزارة الكهرباء زيادة ساعات التقنين في {DT} بسبب نقص الوقود.",
    "وعادت {families} إلى {DT} بعد سنوات من النزوح، وفق ما أفادت {AGENCY}.",
    "وقالت محافظة ريف دمشق إن أعمال تأهيل الطريق الواصل إلى {DT} ستنتهي {MONTH_AHEAD}.",
    "وشهدت مدينة حمص ارتفاعاً ملحوظاً في أسعار المحروقات، مع طوابير طويلة أمام محطات الوقود.",
    "وفي مدينة {CT} الساحلية، أقيم مهرجان ثقافي بمشاركة فرق فنية من محافظات عدة.",
    "وأصدرت وزارة التربية نتائج امتحانات الشهادة الثانوية، وبلغت نسبة النجاح {pct} في المئة.",
    "وانفجرت عبوة ناسفة بسيارة عسكرية في {DT} {WHEN}، دون أن تُعرف حصيلة الضحايا.",
    "وأعلن مصرف سوريا المركزي سعراً جديداً لصرف الدولار بلغ {price} ليرة.",
    "وأطلقت وزارة الزراعة حملة لمكافحة حرائق الغابات في ريف {CT}.",
    "ونظّم أهالي {DT} وقفة احتجاجية على تردّي الخدمات وارتفاع الأسعار.",
    "وأعلنت وزارة النقل استئناف الرحلات الجوية بين دمشق وعواصم عربية {MONTH_AHEAD}.",
    "وقال محافظ دمشق إن مشروع تنظيم المناطق العشوائية سيبدأ {MONTH_AHEAD}.",
    "وأفادت {AGENCY} بأن وحدات الهندسة فكّكت عبوات ناسفة في محيط {DT}.",
    "وارتفعت أسعار الذهب في أسواق دمشق إلى مستويات غير مسبوقة، وفق جمعية الصاغة.",
    "وأقيمت في دار الأوبرا بدمشق أمسية موسيقية {WHEN} بحضور جمهور كبير.",
    "وتستعد {DT} لاستقبال المصطافين بعد ترميم عدد من المواقع الأثرية والفنادق.",
    "ووزّعت مؤسسة المياه صهاريج على أحياء {DT} بعد انقطاع استمر {days}.",
)
DIPLOMACY: tuple[str, ...] = (
    "اختتمت في أستانا {WHEN} الجولة {ORDF} من المحادثات حول سوريا بمشاركة الدول الضامنة روسيا"
    " وتركيا وإيران.",
    "وبحث المجتمعون آليات تثبيت وقف إطلاق النار في مناطق خفض التصعيد، وملف المعتقلين"
    " والمفقودين.",
    "وقال رئيس الوفد {Aadj_m} إن الجولة المقبلة ستُعقد {MONTH_AHEAD}.",
    "وأعلنت وزارة الخارجية الكازاخستانية استعداد بلادها لاستضافة جولة جديدة من المحادثات.",
    "وفي جنيف، التقى المبعوث الأممي وفدي الحكومة والمعارضة كلاً على حدة لبحث تشكيل اللجنة"
    " الدستورية.",
    "وقال {IRAN_OFFICIAL} إن بلاده لا تمانع إرسال مراقبين إلى مناطق خفض التوتر بالتنسيق مع روسيا"
    " وتركيا.",
    "وأكدت موسكو أن الشرطة العسكرية الروسية ستواصل مهامها في مناطق التهدئة حتى استقرار الوضع.",
    "وأجرى الرئيس الروسي اتصالاً هاتفياً بنظيره التركي {WHEN} تناول تنفيذ تفاهمات أستانا.",
    "ورحّبت {A} بنتائج الاجتماع، ودعت إلى البناء عليها للانتقال إلى مسار سياسي شامل.",
    "وانتقدت واشنطن مشاركة إيران بصفتها دولة ضامنة، معتبرة أن وجودها يقوّض فرص التهدئة.",
    "وحضر الاجتماع بصفة مراقب ممثلون عن الأردن والولايات المتحدة والأمم المتحدة.",
    "وأوضح البيان الختامي أن الدول الضامنة ستعقد اجتماعاً على مستوى الخبراء في {DATE}.",
    "وقال مصدر في وفد المعارضة إن الجولة لم تحقق تقدماً يُذكر في ملف المعتقلين.",
    "ووصل وفد الحكومة السورية إلى أستانا {WHEN} برئاسة مندوب سوريا لدى الأمم المتحدة.",
    "وأكد البيان الختامي التزام الدول الضامنة بسيادة سوريا ووحدة أراضيها.",
    "وعقد وزراء خارجية روسيا وتركيا وإيران اجتماعاً ثلاثياً في موسكو {WHEN}، بحثوا خلاله"
    " الخطوات التالية.",
    "وقال {RUSSIA_OFFICIAL} إن الاجتماع المقبل سيبحث آليات عمل مجموعة العمل الخاصة"
    " بالمعتقلين.",
    "وأكدت كازاخستان أنها مستعدة لإرسال قوات حفظ سلام إلى سوريا إذا طلب مجلس الأمن ذلك.",
    "ونقلت {AGENCY} عن دبلوماسي غربي قوله إن نجاح مسار أستانا يبقى مرهوناً بالتزام الأطراف"
    " على الأرض.",
)
FOREIGN: tuple[str, ...] = (
    "أعلنت قيادة العمليات المشتركة في العراق {WHEN} استعادة السيطرة على أحياء في {IRAQ} بعد"
    " معارك مع تنظيم الدولة.",
    "وعاد {people} من اللاجئين السوريين من بلدة عرسال اللبنانية إلى بلادهم، وفق الأمن العام"
    " اللبناني.",
    "وقالت الأمم المتحدة إن أكثر من {thousands} شخص في اليمن يواجهون خطر المجاعة.",
    "وتجددت الاشتباكات جنوب طرابلس الليبية {WHEN} بين قوات متنافسة على السيطرة على العاصمة.",
    "وارتفعت أسعار النفط في الأسواق العالمية إلى أعلى مستوى لها منذ {MONTH_AGO}.",
    "وعقد البرلمان العراقي جلسة استثنائية لبحث الأوضاع الأمنية في {IRAQ}.",
    "وأعلن الجيش اللبناني توقيف {people} قرب {LEBANON} بتهمة التهريب عبر الحدود.",
    "وحذّرت منظمة الصحة العالمية من تفشي الكوليرا في {WORLD} مع تدهور شبكات المياه.",
    "واستضافت {WORLD} مؤتمراً إقليمياً بحث ملف اللاجئين وإعادة الإعمار في المنطقة.",
    "وقال وزير الخارجية الأردني إن بلاده «لن تسمح بأي تهديد لأمن حدودها الشمالية».",
    "وأعلنت الحكومة الأردنية إعادة فتح معبر جابر الحدودي أمام حركة الشاحنات.",
    "واتفقت بغداد وأربيل على تشكيل لجنة مشتركة لإدارة المنافذ الحدودية.",
    "وتظاهر مئات في بيروت {WHEN} احتجاجاً على تردي الأوضاع الاقتصادية.",
    "وقالت المفوضية الأممية لشؤون اللاجئين إن {thousands} لاجئ سوري في لبنان يعيشون تحت خط"
    " الفقر.",
    "وأعلن التحالف بقيادة السعودية اعتراض صاروخ باليستي أُطلق من اليمن.",
    "وزار وفد حكومي عراقي دمشق {WHEN} لبحث إعادة فتح المعبر الحدودي بين البلدين.",
)
# Only weak (governorate-level) zone words: Aleppo, Hama, Latakia cities, "محافظة حمص", and the
# south without a zone word in the sentence.
WEAK: tuple[str, ...] = (
    "وسقطت قذائف على أحياء في مدينة حلب {WHEN}، ما أدى إلى إصابة {wounded}.",
    "وشهدت مدينة حماة انقطاعاً للتيار الكهربائي استمر {days}.",
    "وأعلنت مديرية الصحة في محافظة حمص افتتاح مستشفى جديد بطاقة {beds}.",
    "ووصلت إلى ميناء اللاذقية شحنة قمح تزن {tons}.",
    "وارتفعت درجات الحرارة في جنوب سوريا إلى مستويات قياسية هذا الأسبوع.",
    "وقالت غرفة تجارة حلب إن الصادرات تراجعت بنسبة {pct} في المئة خلال الربع الأخير.",
    "وافتُتح في حماة معرض للكتاب بمشاركة دور نشر سورية وعربية {WHEN}.",
    "وأعادت السلطات افتتاح قلعة حلب أمام الزوار بعد أعمال ترميم استمرت {weeks}.",
    "واندلعت حرائق في أراض زراعية بريف حماة الغربي، أتت على مئات الدونمات.",
    "وقال مدير مرفأ اللاذقية إن حركة السفن ارتفعت بنسبة {pct} في المئة.",
)

TITLES: dict[str, tuple[str, ...]] = {
    "shelling": ("قتلى وجرحى بقصف على {T} في {Z}", "تصعيد عسكري في {Z} رغم اتفاق خفض التصعيد",
                 "غارات جوية تستهدف {T} و{T2}", "{MONITOR}: مقتل {civ} بقصف على {T}"),
    "clashes": ("معارك عنيفة على جبهة {T}", "{FACTION_F} تصد هجوماً لقوات النظام قرب {T}",
                "قوات النظام تحاول التقدم في {Z}"),
    "negotiation": ("جولة مفاوضات جديدة حول مصير {Z}", "روسيا تعرض تسوية على أهالي {T}",
                    "مفاوضات {Z}: الخلاف على السلاح الثقيل"),
    "evacuation": ("خروج دفعة جديدة من مهجري {T}", "إجلاء مرضى من {Z}",
                   "الحافلات تصل إلى {T} لنقل المهجرين"),
    "forces": ("{A} مستعدة لإرسال قوات لمراقبة الهدنة في {Z}",
               "الشرطة العسكرية الروسية تنتشر في {T}", "نقطة مراقبة تركية جديدة قرب {T}",
               "مراقبون في {Z}؟ الدول الضامنة تبحث التفاصيل"),
    "humanitarian": ("قافلة مساعدات تدخل {T}", "الأمم المتحدة تحذر من كارثة إنسانية في {Z}",
                     "نقص حاد في الأدوية في {Z}"),
    "statement": ("{Acap}: الهدنة في {Z} صامدة", "قلق دولي من التصعيد في {Z}",
                  "المعارضة تحمّل روسيا مسؤولية الخروقات في {Z}"),
    "east": ("قسد تسيطر على {ET}", "نزوح من {ET} مع اشتداد المعارك",
             "التحالف يكثف غاراته قرب {ET}"),
    "domestic": ("ساعات تقنين أطول في {DT}", "عودة عائلات نازحة إلى {DT}",
                 "دمشق: ارتفاع جديد في الأسعار"),
    "diplomacy": ("اختتام جولة جديدة من محادثات أستانا", "{A} ترحب بنتائج اجتماع أستانا",
                  "الدول الضامنة تبحث تثبيت وقف إطلاق النار"),
    "foreign": ("معارك جديدة في {IRAQ}", "عودة لاجئين سوريين من عرسال",
                "تحذير أممي من المجاعة في اليمن"),
    "weak": ("حلب: قذائف على الأحياء السكنية", "حماة بلا كهرباء", "شحنة قمح في ميناء اللاذقية"),
}
RELATED_HEADERS = ("اقرأ أيضا:", "اقرأ أيضاً", "مقالات ذات صلة", "أخبار ذات صلة")
# Verbs whose first letter is a root و, not the conjunction.
NATIVE_WAW = ("وثّق", "وصل", "وزّع", "وقّع", "وجّه")
DATELINE_FORMS = ("{CITY} - {OUTLET_AR}: ", "{CITY} ({OUTLET_AR}) - ", "{CITY}- خاص: ", "")

# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class Town:
    names: tuple[str, ...]  # the gazetteer name first, then spellings the linker also knows


@dataclass(frozen=True)
class Gazetteer:
    zone_towns: dict[str, tuple[Town, ...]]
    zone_strong: dict[str, tuple[str, ...]]
    zone_medium: dict[str, tuple[str, ...]]
    east: tuple[str, ...]
    damascus: tuple[str, ...]
    coast: tuple[str, ...]
    outside: tuple[str, ...]


_ARABIC_ONLY = re.compile("^[\u0621-\u064a ]+$")


@cache
def gazetteer() -> Gazetteer:
    """Towns by zone (as the linker's own point-in-polygon decides it) and zone names by
    strength (from geo.linker.ZONE_NAMES and the zones' name variants). Built once."""
    from geo.linker import VARIANTS_PATH, Linker

    linker = Linker(ZONES_PATH, PLACES_PATH, VARIANTS_PATH)
    with PLACES_PATH.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    variants: dict[str, list[str]] = {}
    with VARIANTS_PATH.open(encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            variants.setdefault(r["place_key"], []).append(r["variant_ar"])

    zone_words = {normalise(n) for _, n, _, _, _ in ZONE_NAMES} | {normalise("حمص")}

    def usable(name: str) -> bool:
        n = normalise(name).strip()
        return (bool(_ARABIC_ONLY.match(name)) and len(n.replace(" ", "")) >= 3
                and n not in COMMON_WORD_PLACES and n not in zone_words)

    # A name shared by two gazetteer rows links to whichever zone either has; keep such names
    # out of the "outside every zone" lists.
    zones_of_name: dict[str, set[str | None]] = {}
    for r in rows:
        place = linker.places.get(r["geonameid"])
        if place is not None:
            zones_of_name.setdefault(normalise(r["name_ar"]), set()).add(place.zone_id)

    zone_towns: dict[str, list[Town]] = {z: [] for z in ZONE_IDS}
    by_admin: dict[str, list[str]] = {}
    seen: set[str] = set()
    for r in rows:
        place = linker.places.get(r["geonameid"])
        name = r["name_ar"].strip()
        if place is None or not usable(name) or name in seen:
            continue
        seen.add(name)
        if place.zone_id is not None:
            alts = [a for a in r["alternatenames_ar"].split("|") + variants.get(r["geonameid"], [])
                    if a != name and usable(a)]
            zone_towns[place.zone_id].append(Town((name, *dict.fromkeys(alts))))
        elif zones_of_name.get(normalise(name)) == {None}:
            by_admin.setdefault(r["geonames_admin1_name"], []).append(name)

    strong: dict[str, list[str]] = {z: [] for z in ZONE_IDS}
    medium: dict[str, list[str]] = {z: [] for z in ZONE_IDS}
    for zid, name, kind, strength, _ in ZONE_NAMES:
        if kind == "zone-name":
            (strong if strength == "strong" else medium)[zid].append(name)
    data = json.loads(ZONES_PATH.read_text(encoding="utf-8"))
    for feat in data["features"]:
        zid = feat["properties"]["id"]
        for name in feat["properties"].get("name_variants_ar", []):
            # Joined pairs ("درعا والقنيطرة") and long descriptions read badly in a slot.
            if (name not in strong[zid] and name not in medium[zid] and " و" not in name
                    and "خفض" not in name and "التوتر" not in name):
                strong[zid].append(name)
    return Gazetteer(
        zone_towns={z: tuple(t) for z, t in zone_towns.items()},
        zone_strong={z: tuple(v) for z, v in strong.items()},
        zone_medium={z: tuple(v) for z, v in medium.items()},
        # Towns, not the governorate capitals ("بلدة دير الزور" would read wrong).
        east=tuple(n for n in by_admin.get("Ar-Raqqah", []) + by_admin.get("Al-Hasakah", [])
                   + by_admin.get("Deir ez-Zor", []) if n not in EAST_GOVERNORATES),
        damascus=tuple(by_admin.get("Rif-dimashq", []) + by_admin.get("Dimashq", [])),
        coast=tuple(by_admin.get("Tartus", []) + by_admin.get("Latakia", [])),
        outside=tuple(n for names in by_admin.values() for n in names),
    )


# --------------------------------------------------------------------------- Arabic helpers


def attach(prefix: str, name: str) -> str:
    """A one-letter proclitic on a name: ``ل`` + ``الغوطة`` is ``للغوطة``, not ``لالغوطة``."""
    if prefix == "ل" and name.startswith("ال"):
        return "لل" + name[2:]
    return prefix + name


def counted(n: int, plural: str, acc: str, gen: str) -> str:
    """``n`` and its noun in the case and number Arabic requires after a number written in
    digits: 3-10 take the genitive plural, 11-99 the accusative singular, round hundreds the
    genitive singular. 1, 2 (and x01, x02) need other constructions, so they are avoided."""
    r = n % 100
    if r in (1, 2):
        n += 2
        r += 2
    if r == 0:
        return f"{n} {gen}"
    return f"{n} {plural}" if r <= 10 else f"{n} {acc}"


COUNTED: dict[str, tuple[int, int, str, str, str]] = {
    # slot: (min, max, plural, accusative singular, genitive singular)
    "civ": (3, 40, "مدنيين", "مدنياً", "مدني"),
    "wounded": (3, 60, "أشخاص", "شخصاً", "شخص"),
    "dead": (3, 35, "قتلى", "قتيلاً", "قتيل"),
    "raids": (3, 60, "غارات", "غارة", "غارة"),
    "shells": (5, 300, "قذائف", "قذيفة", "قذيفة"),
    "people": (120, 4000, "أشخاص", "شخصاً", "شخص"),
    "buses": (5, 90, "حافلات", "حافلة", "حافلة"),
    "families": (4, 900, "عائلات", "عائلة", "عائلة"),
    "patients": (4, 60, "مرضى", "مريضاً", "مريض"),
    "trucks": (6, 70, "شاحنات", "شاحنة", "شاحنة"),
    "days": (3, 20, "أيام", "يوماً", "يوم"),
    "weeks": (3, 12, "أسابيع", "أسبوعاً", "أسبوع"),
    "vehicles": (6, 60, "آليات", "آلية", "آلية"),
    "soldiers": (20, 400, "عناصر", "عنصراً", "عنصر"),
    "companies": (12, 300, "شركات", "شركة", "شركة"),
    "baskets": (150, 5000, "سلال غذائية", "سلة غذائية", "سلة غذائية"),
    "cases": (5, 200, "حالات", "حالة", "حالة"),
    "beds": (30, 300, "أسرّة", "سريراً", "سرير"),
    "tons": (1000, 40000, "أطنان", "طناً", "طن"),
    "suspects": (3, 45, "أشخاص", "شخصاً", "شخص"),
}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


# --------------------------------------------------------------------------- composition

_SLOT_RE = re.compile(r"\{(\w+)\}")
_NORM_CACHE: dict[str, str] = {}


def _norm(piece: str) -> str:
    """``normalise(piece)``, memoised: slot values repeat (towns, counts, dates), and the
    article hash is built from these pieces (see ``_Stream``)."""
    n = _NORM_CACHE.get(piece)
    if n is None:
        n = _NORM_CACHE[piece] = normalise(piece)
    return n


@dataclass(frozen=True, eq=False)
class Template:
    """A template compiled once: its literals (and their normalised forms) around the slots,
    the distinct slot names, and for each slot position which distinct value it repeats."""

    literals: list[str | None]  # literal, None (slot), literal, ... for slice assignment
    nliterals: list[str | None]
    names: tuple[str, ...]  # distinct slot names, in order of first use
    index: tuple[int, ...] | None  # slot position -> distinct value; None when all distinct
    t_pair: tuple[int, int] | None  # positions of {T} and {T2} in ``names``


@cache
def _compile(template: str) -> Template:
    pieces = _SLOT_RE.split(template)  # literal, slot, literal, slot, ..., literal
    slots = pieces[1::2]
    names = tuple(dict.fromkeys(slots))
    index = tuple(names.index(s) for s in slots)
    literals: list[str | None] = [None] * len(pieces)
    literals[::2] = pieces[::2]
    nliterals: list[str | None] = [None] * len(pieces)
    nliterals[::2] = [normalise(lit) for lit in pieces[::2]]
    pair = (names.index("T"), names.index("T2")) if {"T", "T2"} <= set(names) else None
    return Template(literals, nliterals, names,
                    None if len(names) == len(slots) else index, pair)


class _Stream:
    """The article text and, piece by piece, its ``geo.arabic.normalise`` form.

    ``geo.ingest.content_hash`` is sha256 of ``" ".join(normalise(text).split())``, and
    normalising the whole text costs about as much as composing it (a per-character
    ``str.translate`` over a 64k-entry table). ``normalise`` maps each character on its own and
    only collapses spaces, which the split/join undoes anyway, so normalising the pieces (mostly
    memoised) and joining them gives the same hash. ``generate`` checks this against
    ``content_hash`` itself on the first article and every ``HASH_CHECK_EVERY``-th one.
    """

    def __init__(self) -> None:
        self.text: list[str] = []
        self.norm: list[str] = []

    def add(self, text: str, norm: str | None = None) -> None:
        self.text.append(text)
        self.norm.append(_norm(text) if norm is None else norm)

    def digest(self) -> str:
        joined = " ".join("".join(self.norm).split())
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()


class _Composer:
    """One article's choices: the random stream, its date, outlet, zone and grade."""

    def __init__(self, rng: random.Random, gaz: Gazetteer, published: dt.date, outlet: Outlet,
                 zone: str | None, grade: str):
        self.rng = rng
        self.gaz = gaz
        self.published = published
        self.outlet = outlet
        self.zone = zone
        self.grade = grade  # "strong", "medium" (zone articles) or "none"
        self.actor = ACTORS[rng.choice(OFFER_IDS)]
        self.cur_zone = zone

    # ---- filling

    def fill(self, template: str | Template) -> tuple[str, str]:
        """The filled template and its ``normalise``d form (see ``_Stream``). List slicing
        instead of a loop over the pieces: this is the generator's innermost step."""
        t = _compile(template) if isinstance(template, str) else template
        values = [SLOTS[name](self) for name in t.names]
        if t.t_pair is not None:
            i, j = t.t_pair
            if values[i] == values[j]:  # {T} and {T2} must be two different towns
                values[j] = SLOTS["T2"](self)
        if t.index is not None:
            values = [values[k] for k in t.index]
        out = t.literals.copy()
        out[1::2] = values
        norm = t.nliterals.copy()
        cache_get = _NORM_CACHE.get
        norm[1::2] = [cache_get(v) or _norm(v) for v in values]
        return "".join(out), "".join(norm)  # type: ignore[arg-type]

    def _pick(self, seq: tuple[str, ...] | list[str]) -> str:
        # random() and int() rather than rng.choice: this is the hot path of the generator.
        return seq[int(self.rng.random() * len(seq))]

    def _int(self, lo: int, hi: int) -> int:
        return lo + int(self.rng.random() * (hi - lo + 1))

    # ---- zones and towns

    def _zone_name(self) -> str:
        z = self.cur_zone
        if z is None:
            return "المنطقة"
        if self.grade == "strong":
            return self._pick(self.gaz.zone_strong[z])
        # Medium: the zone's "mostly but not only" names, or an area named after one of its
        # towns (northern Homs has no medium-grade name of its own).
        medium = self.gaz.zone_medium[z]
        if medium and self.rng.random() < 0.6:
            return self._pick(medium)
        return f"{self._pick(('منطقة', 'محيط', 'ريف', 'بلدات'))} {self._town()}"

    def _zone_loc(self) -> str:
        name = self._zone_name()
        r = self.rng.random()
        if r < 0.25:
            return attach("ب", name)
        return ("في " if r < 0.9 else "داخل ") + name

    def _town(self) -> str:
        towns = self.gaz.zone_towns[self.cur_zone or "idlib"]
        town = towns[int(self.rng.random() * len(towns))]
        if len(town.names) > 1 and self.rng.random() < 0.2:
            return self._pick(town.names[1:])
        return town.names[0]

    def _four_zones(self) -> str:
        names = [self._pick(self.gaz.zone_strong[z]) for z in ZONE_IDS]
        self.rng.shuffle(names)
        if self.rng.random() < 0.3:
            return "، ".join(names[:-1]) + " و" + names[-1]
        return " و".join(names)

    def _dateline_city(self) -> str:
        if self.zone is not None and self.rng.random() < 0.6:
            return self._town()
        return self._pick(CAPITAL_DATELINES)

    # ---- dates (all relative to the publication date, so geo.dates can resolve them)

    def _weekday(self, day: dt.date) -> str:
        return self._pick(WEEKDAYS[day.weekday()])

    def _month_name(self, month: int) -> str:
        egyptian, levantine = MONTHS[month]
        r = self.rng.random()
        if r < 0.35:
            return f"{levantine}/{self._pick(egyptian)}"
        if r < 0.45:
            return f"{self._pick(egyptian)}/{levantine}"
        if r < 0.55:
            return f"{levantine} ({egyptian[0]})"
        return levantine if r < 0.75 else self._pick(egyptian)

    def _today(self) -> str:
        return f"اليوم {self._weekday(self.published)}"

    def _when(self) -> str:
        p = self.published
        r = self.rng.random()
        if r < 0.22:
            return f"أمس {self._weekday(p - dt.timedelta(days=1))}"
        if r < 0.34:
            return f"يوم أمس {self._weekday(p - dt.timedelta(days=1))}"
        if r < 0.5:
            return self._today()
        if r < 0.66:
            back = self.rng.randint(2, 6)
            return f"يوم {self._weekday(p - dt.timedelta(days=back))}"
        if r < 0.72:
            return self._pick(("فجر اليوم", "مساء أمس", "صباح أمس"))
        if r < 0.86 and p.day > 1:
            d = self.rng.randint(1, p.day)
            return f"في {d} {self._month_name(p.month)} الجاري"
        return f"في {self._date()}"

    def _when_short(self) -> str:
        back = self.rng.randint(2, 6)
        return f"يوم {self._weekday(self.published - dt.timedelta(days=back))}"

    def _date(self) -> str:
        day = self.published - dt.timedelta(days=self.rng.randint(0, 40))
        r = self.rng.random()
        if r < 0.12 and day.day <= len(DAY_ORDINALS):
            return f"{DAY_ORDINALS[day.day - 1]} من {self._month_name(day.month)} {day.year}"
        if r < 0.22:
            return f"{day.day:02d}.{day.month:02d}.{day.year}"
        if r < 0.28:
            return f"{day.day}/{day.month}/{day.year}"
        return f"{day.day} {self._month_name(day.month)} {day.year}"

    def _memo(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return f"في 4 {self._month_name(5)} 2017"
        if r < 0.8:
            return f"في الرابع من {self._month_name(5)} 2017"
        return "مطلع أيار/مايو 2017"

    def _month_ago(self) -> str:
        p = self.published
        m = p.month - 1 or 12
        q = self._pick(("مطلع", "منتصف", "أواخر", "أوائل"))
        return f"{q} {self._month_name(m)} الماضي"

    def _month_ahead(self) -> str:
        m = self.published.month % 12 + 1
        q = self._pick(("مطلع", "منتصف", "أواخر"))
        return f"{q} {self._month_name(m)} المقبل"


def _counted_slot(lo: int, hi: int, plural: str, acc: str,
                  gen: str) -> Callable[[_Composer], str]:
    return lambda c: counted(c._int(lo, hi), plural, acc, gen)


# Slot name -> how to fill it, given the article's composer. Built once, not per article.
SLOTS: dict[str, Callable[[_Composer], str]] = {
    "Z": _Composer._zone_name, "ZLOC": _Composer._zone_loc,
    "lZ": lambda c: attach("ل", c._zone_name()), "bZ": lambda c: attach("ب", c._zone_name()),
    "T": _Composer._town, "T2": _Composer._town, "OT": lambda c: c._pick(c.gaz.outside),
    "ET": lambda c: c._pick(c.gaz.east), "EGOV": lambda c: c._pick(EAST_GOVERNORATES),
    "DT": lambda c: c._pick(c.gaz.damascus), "CT": lambda c: c._pick(c.gaz.coast),
    "WHEN": _Composer._when, "WHEN_SHORT": _Composer._when_short, "TODAY": _Composer._today,
    "DATE": _Composer._date, "MEMO": _Composer._memo, "MAY": lambda c: c._month_name(5),
    "MONTH_AGO": _Composer._month_ago, "MONTH_AHEAD": _Composer._month_ahead,
    "FOUR": _Composer._four_zones, "ORDF": lambda c: c._pick(FEM_ORDINALS[1:]),
    "FORCE": lambda c: c._pick(FORCES), "MFORCE": lambda c: c._pick(MONITOR_FORCES),
    "A": lambda c: c.actor.name, "Aadj_m": lambda c: c.actor.adj_m,
    "Aadj_f": lambda c: c.actor.adj_f, "Acap": lambda c: c.actor.capital,
    "IRAN_OFFICIAL": lambda c: c._pick(IRAN_OFFICIALS),
    "RUSSIA_OFFICIAL": lambda c: c._pick(RUSSIA_OFFICIALS),
    "TURKEY_OFFICIAL": lambda c: c._pick(TURKEY_OFFICIALS),
    "FACTION": lambda c: c._pick(FACTIONS[c.cur_zone or "idlib"]),
    "FACTION_F": lambda c: c._pick(FACTIONS_F[c.cur_zone or "idlib"]),
    "MONITOR": lambda c: c._pick(MONITORS), "LOCAL": lambda c: c._pick(LOCAL_SOURCES),
    "AGENCY": lambda c: c._pick(AGENCIES), "OUTLET": lambda c: c.outlet.ar,
    "OUTLET_AR": lambda c: c.outlet.ar, "NORTH": lambda c: c._pick(NORTH_DESTINATIONS),
    "CITY": _Composer._dateline_city, "IRAQ": lambda c: c._pick(IRAQ_PLACES),
    "LEBANON": lambda c: c._pick(LEBANON_PLACES), "WORLD": lambda c: c._pick(WORLD_PLACES),
    "thousands": lambda c: f"{c._int(11, 450)} ألف",
    "price": lambda c: str(25 * c._int(6, 120)),
    "pct": lambda c: str(c._int(11, 78)),
    **{name: _counted_slot(*spec) for name, spec in COUNTED.items()},
}


@dataclass(frozen=True)
class GeneratedArticle:
    index: int
    article_id: str  # file stem: NNNNNN_<sha16>
    text: str
    title: str
    outlet: Outlet
    published: dt.date
    url: str
    date_confidence: float
    date_evidence: str
    topic: str
    zones: tuple[str, ...]  # zones the generator meant to mention (before any linking)

    def catalog_row(self) -> dict[str, str]:
        return {"article_id": self.article_id, "outlet_en": self.outlet.en,
                "outlet_ar": self.outlet.ar, "url": self.url,
                "published": self.published.isoformat(), "date_method": "synthetic",
                "date_confidence": f"{self.date_confidence:.2f}",
                "date_evidence": self.date_evidence, "added": ADDED}

    def json_line(self) -> str:
        return json.dumps({"text": self.text, "title": self.title, "outlet": self.outlet.en,
                           "url": self.url, "published": self.published.isoformat()},
                          ensure_ascii=False)


ZONE_TOPICS = tuple(ZONE_POOLS)
ZONE_TOPIC_WEIGHTS = (24, 12, 14, 12, 18, 12, 14)  # shelling .. statement
ZONE_WEIGHTS = (28, 22, 22, 28)  # idlib, northern-homs, eastern-ghouta, south
ZONE_SHARE, WEAK_SHARE = 0.62, 0.08  # the rest (30%) names no zone at all
TITLE_TOPICS = tuple(TITLES)
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 3, 10
# Body lengths aimed at (characters): a long right tail; articles come out at 800-6,000
# characters, mean about 2,500 (overshoot of the last paragraph and furniture included).
LENGTH_TARGETS = (600, 900, 1150, 1400, 1700, 2000, 2250, 2500, 2800, 3150, 3600, 4300, 5200)
OTHER_TOPICS = {"east": EAST, "domestic": DOMESTIC, "diplomacy": DIPLOMACY, "foreign": FOREIGN}


def _published(rng: random.Random) -> dt.date:
    last = BUSY_LAST_DAY if rng.random() < 0.7 else LAST_DAY
    return FIRST_DAY + dt.timedelta(days=rng.randint(0, (last - FIRST_DAY).days))


@dataclass
class _Draft:
    stream: _Stream
    title: str
    composer: _Composer
    topic: str
    zones: tuple[str, ...]
    printed_dateline: bool


Pool = tuple[tuple[str, ...], int, str | None]  # templates, weight, zone they speak of
_BAGS: dict[tuple[tuple[int, int, str | None], ...],
            tuple[list[tuple[Template, str | None]], list[int]]] = {}


def _bag(pools: tuple[Pool, ...]) -> tuple[list[tuple[Template, str | None]], list[int]]:
    """Every template of ``pools`` with its zone, and the cumulative weights to draw them.
    Articles share a few hundred pool combinations, so each is built once."""
    key = tuple((id(tpls), w, z) for tpls, w, z in pools)  # the pools are module constants
    hit = _BAGS.get(key)
    if hit is None:
        bag = [(_compile(tpl), z) for tpls, _, z in pools for tpl in tpls]
        cum = list(itertools.accumulate(w for tpls, w, _ in pools for _ in tpls))
        hit = _BAGS[key] = (bag, cum)
    return hit


def _compose(rng: random.Random, gaz: Gazetteer) -> _Draft:
    """One article: plan (date, outlet, zone, grade, topic), then title, body and furniture."""
    published = _published(rng)
    outlet = OUTLETS[int(rng.random() * len(OUTLETS))]
    r = rng.random()
    if r < ZONE_SHARE:
        zone: str | None = rng.choices(ZONE_IDS, ZONE_WEIGHTS)[0]
        grade = "strong" if rng.random() < 0.65 else "medium"
        topic = rng.choices(ZONE_TOPICS, ZONE_TOPIC_WEIGHTS)[0]
    elif r < ZONE_SHARE + WEAK_SHARE:
        zone, grade, topic = None, "none", "weak"
    else:
        zone, grade = None, "none"
        topic = rng.choices(list(OTHER_TOPICS), (30, 25, 25, 20))[0]
    c = _Composer(rng, gaz, published, outlet, zone, grade)

    # The sentence pools this article draws from, with weights: its own topic first, so an
    # article stays mostly on its subject, with background and the odd aside.
    zones = [zone] if zone else []
    own = ZONE_POOLS[topic] if zone is not None else (WEAK if topic == "weak"
                                                      else OTHER_TOPICS[topic])
    if zone is not None:
        pools: list[Pool] = [(own, 6, zone)]
        pools += [(ZONE_POOLS[t], 1, zone) for t in ZONE_TOPICS if t != topic]
        pools += [(ZONE_BACKGROUND, 3, zone), (GENERIC, 1, None)]
        if rng.random() < 0.22:
            other = rng.choice([z for z in ZONE_IDS if z != zone])
            zones.append(other)
            pools.append((ZONE_POOLS[rng.choice(ZONE_TOPICS)], 2, other))
        if rng.random() < 0.15:
            pools.append((FOUR_ZONES_SENTENCES, 2, None))
    else:
        # One neighbouring topic for asides; the others rarely, so that the longest stories
        # still have enough templates not to repeat themselves.
        aside = rng.choice([t for t in OTHER_TOPICS if t != topic])
        pools = [(own, 12, None), (GENERIC, 4, None), (OTHER_TOPICS[aside], 3, None)]
        pools += [(p, 1, None) for t, p in OTHER_TOPICS.items() if t not in (topic, aside)]
        if topic == "weak":
            pools.append((DOMESTIC, 8, None))
    bag, cum = _bag(tuple(pools))
    total = cum[-1]
    used: set[Template] = set()
    rand = rng.random

    def sentence() -> tuple[str, str]:
        # Weighted draw (rng.choices by hand, it is the hot loop), avoiding a template already
        # used in this article.
        k = bisect.bisect(cum, rand() * total)
        for _ in range(6):
            if bag[k][0] not in used:
                break
            k = bisect.bisect(cum, rand() * total)
        else:
            # Small pools in long articles: take the next unused template in the bag instead
            # (a repeat only when every one has been used).
            k = next((j % len(bag) for j in range(k, k + len(bag))
                      if bag[j % len(bag)][0] not in used), k)
        tpl, z = bag[k]
        used.add(tpl)
        c.cur_zone = z if z is not None else zone
        text, norm = c.fill(tpl)
        c.cur_zone = zone
        # A lead-style sentence inside the story is joined with "و", as the wires write it.
        if not text.startswith("و") or text.startswith(NATIVE_WAW):
            text, norm = "و" + text, "و" + norm
        return text, norm

    title, title_norm = c.fill(c._pick(TITLES[topic]))
    lead_tpl = _compile(c._pick(own))
    used.add(lead_tpl)
    lead, _ = c.fill(lead_tpl)
    # The lead opens the story, so it loses the conjunction "و" (but not the و of وثّق).
    if lead.startswith("و") and not lead.startswith(NATIVE_WAW):
        lead = lead[1:]
    dateline, dateline_norm = c.fill(c._pick(DATELINE_FORMS))
    first = [(dateline + lead, dateline_norm + _norm(lead))]
    first += [sentence() for _ in range(rng.randint(0, 2))]
    paragraphs = [first]
    size = sum(len(t) for t, _ in first)
    # The length is planned (a target, then a paragraph count that suits it, then a share of
    # the target per paragraph) so that short items and long features both occur.
    target = rng.choice(LENGTH_TARGETS)
    n_par = max(MIN_PARAGRAPHS, min(MAX_PARAGRAPHS, round(target / 500) + c._int(-1, 1)))
    budget = max(0, target - size) / (n_par - 1)
    for _ in range(n_par - 1):
        par = [sentence()]
        chars = len(par[0][0])
        while chars < budget * (0.6 + 0.8 * rng.random()):
            par.append(sentence())
            chars += len(par[-1][0]) + 1
        if size + chars > MAX_CHARS - 400:
            break
        paragraphs.append(par)
        size += chars
    while size < MIN_CHARS:
        par = [sentence() for _ in range(2)]
        paragraphs.append(par)
        size += sum(len(t) + 1 for t, _ in par)

    stream = _Stream()
    printed = _assemble(rng, c, stream, (title, title_norm), paragraphs)
    return _Draft(stream, title, c, topic, tuple(zones), printed)


def _assemble(rng: random.Random, c: _Composer, st: _Stream, title: tuple[str, str],
              paragraphs: list[list[tuple[str, str]]]) -> bool:
    """Lay the article out in ``st``; True when a dateline with the date is printed."""
    outlet = c.outlet
    if outlet.site and rng.random() < 0.3:
        if rng.random() < 0.5:
            st.add(f"{outlet.site}| ")
            st.add(*title)
        else:
            st.add(*title)
            st.add(f" - {outlet.site}")
    else:
        st.add(*title)
    st.add("\n\n")
    p = c.published
    printed = rng.random() < 0.2
    if printed:
        st.add(f"{p.day:02d}.{p.month:02d}.{p.year} | {rng.randint(7, 23):02d}:"
               f"{rng.randint(0, 59):02d}\n\n")
    sep = "\n\n" if rng.random() < 0.75 else "\n"
    # Some outlets print Arabic-Indic digits; normalise maps them back, so the hash stream
    # keeps the pieces' normalised forms unchanged.
    indic = rng.random() < 0.08
    for k, par in enumerate(paragraphs):
        if k:
            st.add(sep)
        text = " ".join(t for t, _ in par)
        st.add(text.translate(ARABIC_INDIC) if indic else text, " ".join(n for _, n in par))
    if outlet.site and rng.random() < 0.12:
        st.add(f"\n\n{outlet.site}")
    if rng.random() < 0.35:
        st.add(f"\n\n{rng.choice(RELATED_HEADERS)}")
        saved = (c.cur_zone, c.grade)
        for _ in range(rng.randint(2, 5)):
            # Other stories' titles, about any zone: furniture the linker must ignore.
            c.cur_zone, c.grade = rng.choice(ZONE_IDS), "strong"
            st.add("\n")
            st.add(*c.fill(rng.choice(TITLES[rng.choice(TITLE_TOPICS)])))
        c.cur_zone, c.grade = saved
    if rng.random() < 0.4:
        year = rng.randint(p.year, 2025)
        st.add("\n\n" + rng.choice((f"© {year} {outlet.ar}. جميع الحقوق محفوظة",
                                      f"جميع الحقوق محفوظة © {outlet.en} {year}",
                                      f"© {outlet.en} {year} - All Rights Reserved")))
    st.add("\n")
    return printed


def _evidence(text: str, printed: bool) -> tuple[float, str]:
    if printed:
        return 0.99, "synthetic: dateline printed under the title"
    if "أمس" in text or "اليوم" in text:
        return 0.9, "synthetic: relative day in the text agrees with the publication date"
    return 0.7, "synthetic: publication date drawn by the generator"


HASH_CHECK_EVERY = 64


def generate(n: int, seed: int = DEFAULT_SEED) -> Iterator[GeneratedArticle]:
    """``n`` articles, deterministic for ``(n, seed)``; article k depends on (seed, k) only
    (unless an earlier article had the same text, when k is regenerated)."""
    gaz = gazetteer()
    seen: set[str] = set()
    for k in range(n):
        attempt = 0
        while True:
            # String seeds are hashed by random (SHA-512), independent of PYTHONHASHSEED.
            rng = random.Random(f"gen_corpus:{seed}:{k}:{attempt}")
            draft = _compose(rng, gaz)
            digest = draft.stream.digest()
            if digest not in seen:
                break
            attempt += 1
        text = "".join(draft.stream.text)
        if k % HASH_CHECK_EVERY == 0 and content_hash(text) != digest:
            raise RuntimeError("the piecewise hash no longer equals geo.ingest.content_hash; "
                               "update _Stream to follow geo.arabic.normalise")
        seen.add(digest)
        c = draft.composer
        article_id = f"{k:06d}_{digest[:16]}"
        confidence, evidence = _evidence(text, draft.printed_dateline)
        url = (f"https://example.org/synthetic/{c.outlet.slug}/{c.published:%Y/%m/%d}/"
               f"{article_id}")
        yield GeneratedArticle(k, article_id, text, draft.title, c.outlet, c.published, url,
                               confidence, evidence, draft.topic, draft.zones)


def write_corpus(n: int, out_dir: Path | str, seed: int = DEFAULT_SEED) -> Path:
    """Write ``n`` articles and ``catalog.csv`` into ``out_dir`` (created; must not already hold
    articles or a catalog). Returns the folder."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if (out / "catalog.csv").exists() or next(out.glob("*.txt"), None) is not None:
        raise FileExistsError(f"{out} already holds articles or a catalog.csv")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CATALOG_COLUMNS)
    # os.open relative to the folder's descriptor: about twice as fast as Path.write_bytes for
    # 100k small files, and O_EXCL never overwrites. Bytes, so no newline translation.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    dir_fd = os.open(out, os.O_RDONLY)
    try:
        for art in generate(n, seed):
            fd = os.open(f"{art.article_id}.txt", flags, 0o644, dir_fd=dir_fd)
            try:
                os.write(fd, art.text.encode("utf-8"))
            finally:
                os.close(fd)
            row = art.catalog_row()
            writer.writerow([row[c] for c in CATALOG_COLUMNS])
    finally:
        os.close(dir_fd)
    (out / "catalog.csv").write_bytes(buf.getvalue().encode("utf-8"))
    return out


def write_jsonl(n: int, path: Path | str, seed: int = DEFAULT_SEED) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("wb") as fh:
        for art in generate(n, seed):
            fh.write(art.json_line().encode("utf-8") + b"\n")
    return p


# --------------------------------------------------------------------------- sanity report


def sanity_report(folder: Path | str, sample: int = 500) -> dict[str, float]:
    """Link the first ``sample`` articles of ``folder`` with the project's linker and return
    the shares and means the README quotes."""
    from geo.corpus import load_catalog, read_article
    from geo.linker import Linker

    d = Path(folder)
    catalog = load_catalog(d / "catalog.csv")
    files = sorted(d.glob("*.txt"))[:sample]
    lk = Linker.from_repo()
    n = len(files)
    per_zone = dict.fromkeys(ZONE_IDS, 0)
    grade = {"strong": 0, "medium": 0, "weak-only": 0, "none": 0}
    no_zone = places = dates = resolved = forces = general = chars = 0
    for p in files:
        art = read_article(p, catalog)
        links = lk.link(art)
        zs = links.zone_ids("medium")
        for z in zs:
            per_zone[z] += 1
        no_zone += not zs
        best = max((z.strength for z in links.zones), default=None,
                   key=lambda s: {"weak": 0, "medium": 1, "strong": 2}[s])
        grade[{None: "none", "weak": "weak-only"}.get(best, best or "none")] += 1
        places += len(links.places)
        dates += len(links.dates)
        resolved += sum(1 for m in links.dates if m.date)
        forces += len(links.forces)
        general += len(links.general)
        chars += len(art.text)
    n = max(n, 1)
    out = {f"zone:{z}": v / n for z, v in per_zone.items()}
    out |= {"no_zone_medium": no_zone / n, **{f"best:{k}": v / n for k, v in grade.items()},
            "mean_places": places / n, "mean_dates": dates / n,
            "mean_dates_resolved": resolved / n, "mean_forces": forces / n,
            "mean_general": general / n, "mean_chars": chars / n, "articles": float(len(files))}
    return out


def print_report(rep: dict[str, float]) -> None:
    n = int(rep["articles"])
    print(f"sanity report: the project's linker on {n} generated articles (zones at >= medium)")
    for z in ZONE_IDS:
        print(f"  {z:15s} {rep[f'zone:{z}']:6.1%}")
    print(f"  {'no zone':15s} {rep['no_zone_medium']:6.1%}")
    print("  best grade: " + ", ".join(f"{k} {rep[f'best:{k}']:.1%}"
                                       for k in ("strong", "medium", "weak-only", "none")))
    print(f"  mean per article: {rep['mean_places']:.1f} places, {rep['mean_dates']:.1f} dates "
          f"({rep['mean_dates_resolved']:.1f} resolved), {rep['mean_forces']:.2f} force "
          f"candidates, {rep['mean_general']:.1f} general references, "
          f"{rep['mean_chars']:,.0f} characters")


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic Arabic news corpus.")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out_dir", type=Path, help="folder for the .txt files and catalog.csv")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--jsonl", type=Path, metavar="FILE",
                    help="write JSON Lines to FILE instead of a folder (OUT_DIR is then unused)")
    ap.add_argument("--sample", type=int, default=500,
                    help="articles linked for the sanity report (0: no report)")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be >= 0")
    gazetteer()  # built before timing: it is start-up, not generation
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        target = (write_jsonl(args.n, args.jsonl, args.seed) if args.jsonl
                  else write_corpus(args.n, args.out_dir, args.seed))
    except FileExistsError as exc:
        print(f"gen_corpus: {exc}", file=sys.stderr)
        return 1
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU time too: on a shared machine, or when the disk is slow to take 100k small files,
    # wall time says more about the machine than about the generator.
    print(f"wrote {args.n:,} articles to {target} (seed {args.seed}): {wall:.2f} s wall = "
          f"{args.n / max(wall, 1e-9):,.0f} articles/s; {cpu:.2f} s CPU = "
          f"{args.n / max(cpu, 1e-9):,.0f} articles/s")
    if args.sample > 0 and args.n > 0:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            folder = args.out_dir
            if args.jsonl:
                folder = write_corpus(min(args.n, args.sample), Path(tmp) / "sample", args.seed)
            print_report(sanity_report(folder, args.sample))
    return 0


if __name__ == "__main__":
    sys.exit(main())
