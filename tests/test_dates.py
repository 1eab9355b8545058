"""Date extraction: each supported form, the seeds' own sentences, and non-dates."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from geo.dates import DateMention, extract_dates
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"


def _one(text: str, published: date | None = None) -> DateMention:
    found = extract_dates(text, published)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- explicit forms


@pytest.mark.parametrize("text, iso", [
    ("صدر في 27.05.2017 بيان", "2017-05-27"),
    ("صدر في 27/5/2017 بيان", "2017-05-27"),
    ("صدر في 2017-05-27 بيان", "2017-05-27"),
    ("صدر في ٢٧/٠٥/٢٠١٧ بيان", "2017-05-27"),
    ("وقع الاتفاق في 1 أغسطس 2017 بالقاهرة", "2017-08-01"),
    ("وقع الاتفاق في 1 اغسطس، 2017 بالقاهرة", "2017-08-01"),
    ("بدأ في 22 تموز/يوليو 2017", "2017-07-22"),
    ("في 3 آب 2017", "2017-08-03"),
    ("في 15 كانون الثاني 2018", "2018-01-15"),
    ("في 21 كانون الأول 2017", "2017-12-21"),
    ("في 12 تشرين الأول 2017", "2017-10-12"),
    ("في 11 تشرين الثاني 2017", "2017-11-11"),
    ("في 18 شباط 2018", "2018-02-18"),
    ("في 14 أيلول 2017", "2017-09-14"),
    ("في ١٤ سبتمبر ٢٠١٧", "2017-09-14"),
    ("التاسع من يوليو/تموز 2017", "2017-07-09"),
    ("في الحادي والعشرين من تموز 2017", "2017-07-21"),
    ("في الثاني عشر من نيسان 2018", "2018-04-12"),
])
def test_explicit_day_forms(text: str, iso: str) -> None:
    m = _one(text)
    assert (m.date, m.kind, m.precision) == (iso, "explicit", "day")


def test_year_from_publication_for_current_month() -> None:
    m = _one("دخل الاتفاق حيز التنفيذ 6 ايار الجاري", date(2017, 5, 27))
    assert (m.text, m.date) == ("6 ايار الجاري", "2017-05-06")
    assert "current month" in m.note


def test_next_and_last_month_cross_the_year() -> None:
    assert _one("في 5 كانون الثاني المقبل", date(2017, 12, 20)).date == "2018-01-05"
    assert _one("في 5 كانون الأول الماضي", date(2018, 1, 10)).date == "2017-12-05"


def test_year_unknown_without_publication() -> None:
    m = _one("في 6 ايار الجاري")
    assert m.date is None and "unknown" in m.note


def test_month_level_mid_with_double_form() -> None:
    m = _one("ستعقد في منتصف تموز/يوليو المقبل", date(2017, 5, 4))
    assert (m.text, m.date, m.precision) == ("منتصف تموز/يوليو المقبل", "2017-07-15", "month")
    assert "mid" in m.note


def test_month_level_with_year_and_late() -> None:
    assert _one("في شهر مارس 2018").date == "2018-03-01"
    assert _one("في أواخر شباط 2018").date == "2018-02-28"


def test_day_range_is_one_mention_dated_by_its_first_day() -> None:
    m = _one("عقدت الجولة في 14 و15 أيلول 2017")
    assert (m.text, m.date) == ("14 و15 أيلول 2017", "2017-09-14")
    assert "range to day 15" in m.note
    assert _one("يومي 4-5 تموز/يوليو الجاري", date(2017, 7, 5)).date == "2017-07-04"


def test_invalid_day_is_reported_without_a_date() -> None:
    m = _one("في 31 شباط 2018")
    assert m.date is None and "no such day" in m.note


# --------------------------------------------------------------------------- relative forms

THU = date(2017, 5, 4)  # a Thursday


@pytest.mark.parametrize("text, iso", [
    ("وقعت اليوم الخميس المذكرة", "2017-05-04"),
    ("علق مشاركته أمس الأربعاء", "2017-05-03"),
    ("علق مشاركته امس الاربعاء", "2017-05-03"),
    ("تعقد يوم غد الجمعة جلسة", "2017-05-05"),
    ("قال الاثنين إن", "2017-05-01"),
    ("وصل يوم السبت", "2017-04-29"),
    ("وقع يوم الخميس", "2017-05-04"),
    ("وصل ليلة الأربعاء", "2017-05-03"),
    ("يجتمعون الأحد المقبل", "2017-05-07"),
    ("اجتمعوا الخميس الماضي", "2017-04-27"),
])
def test_relative_forms(text: str, iso: str) -> None:
    m = _one(text, THU)
    assert (m.date, m.kind) == (iso, "relative"), m


def test_contradicting_weekday_keeps_date_and_notes_it() -> None:
    m = _one("وقعت اليوم الجمعة المذكرة", THU)
    assert m.date == "2017-05-04"
    assert "Friday" in m.note and "Thursday" in m.note


def test_relative_without_publication_is_unresolved() -> None:
    m = _one("أمس الأربعاء")
    assert m.date is None and m.kind == "relative"


def test_between_the_two_is_not_monday() -> None:
    assert extract_dates("الخلاف بين الاثنين مستمر", THU) == []


# --------------------------------------------------------------------------- the seeds


def _resolved(prefix: str, published: date) -> list[tuple[str, str | None]]:
    text = _seed(prefix)
    found = extract_dates(text, published)
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.date) for m in found]


def test_seed_000_monday_press_conference() -> None:
    assert _resolved("000", date(2017, 5, 29)) == [("الاثنين", "2017-05-29")]


def test_seed_001_dateline_and_this_month() -> None:
    got = _resolved("001", date(2017, 5, 27))
    assert got == [
        ("27.05.2017", "2017-05-27"),
        ("يوم السبت", "2017-05-27"),
        ("6 ايار الجاري", "2017-05-06"),
        ("الاربعاء", "2017-05-24"),
        ("يوم الثلاثاء", "2017-05-23"),
    ]  # and nothing from the "© 2025 syria.news" footer


def test_seed_002_yesterday_tuesday() -> None:
    got = _resolved("002", date(2017, 7, 5))
    assert got.count(("امس الثلاثاء", "2017-07-04")) == 4
    assert ("امس", "2017-07-04") in got
    assert all(iso == "2017-07-04" for _, iso in got)  # "استانا 5" and "9 ممثلين" are not dates


def test_seed_003_astana6() -> None:
    got = _resolved("003", date(2017, 9, 14))
    assert got == [("اليوم الخميس", "2017-09-14"), ("الخميس", "2017-09-14"),
                   ("ليلة الأربعاء", "2017-09-13")]  # "أستانة 6" is a round, not a date


def test_seed_004_signing_day() -> None:
    got = _resolved("004", date(2017, 5, 4))
    assert got[0] == ("اليوم الخميس", "2017-05-04")
    assert ("أمس الأربعاء", "2017-05-03") in got
    assert ("منتصف تموز/يوليو المقبل", "2017-07-15") in got
    assert len(got) == 4


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize("text", [
    "© 2025 syria.news All Rights Reserved",
    "جميع الحقوق محفوظة 12 أيار 2017",
    "صورة أرشيفية: دمشق 12 أيار 2017",
    "منذ 6 سنوات",
    "في مباحثات أستانا 4 واستانا 5",
    "الساعة 13:29",
    "بلغ العدد 123.05.2017 وحدة",
    "مارس الضغط على الحكومة",
    "وصل 9 ممثلين",
])
def test_not_dates(text: str) -> None:
    assert extract_dates(text, THU) == []


def test_to_json_round_trip() -> None:
    m = _one("في 27/5/2017")
    assert m.to_json()["date"] == "2017-05-27"


# --------------------------------------------------------------------------- golden outputs
# Pinned before the extractor was optimised for speed: a faster extractor must give exactly
# these results. Each mention is (start, end, text, date, kind, note, precision).

DATE_SENTENCES = [
    "صدر في 27.05.2017 بيان", "صدر في 27/5/2017 بيان", "صدر في 2017-05-27 بيان",
    "صدر في ٢٧/٠٥/٢٠١٧ بيان", "وقع الاتفاق في 1 أغسطس 2017 بالقاهرة",
    "وقع الاتفاق في 1 اغسطس، 2017 بالقاهرة", "بدأ في 22 تموز/يوليو 2017", "في 3 آب 2017",
    "في 15 كانون الثاني 2018", "في 21 كانون الأول 2017", "في 12 تشرين الأول 2017",
    "في 11 تشرين الثاني 2017", "في 18 شباط 2018", "في 14 أيلول 2017", "في ١٤ سبتمبر ٢٠١٧",
    "التاسع من يوليو/تموز 2017", "في الحادي والعشرين من تموز 2017",
    "في الثاني عشر من نيسان 2018", "دخل الاتفاق حيز التنفيذ 6 ايار الجاري",
    "في 5 كانون الثاني المقبل", "في 5 كانون الأول الماضي", "في 6 ايار الجاري",
    "ستعقد في منتصف تموز/يوليو المقبل", "في شهر مارس 2018", "في أواخر شباط 2018",
    "عقدت الجولة في 14 و15 أيلول 2017", "يومي 4-5 تموز/يوليو الجاري", "في 31 شباط 2018",
    "وقعت اليوم الخميس المذكرة", "علق مشاركته أمس الأربعاء", "علق مشاركته امس الاربعاء",
    "تعقد يوم غد الجمعة جلسة", "قال الاثنين إن", "وصل يوم السبت", "وقع يوم الخميس",
    "وصل ليلة الأربعاء", "يجتمعون الأحد المقبل", "اجتمعوا الخميس الماضي",
    "وقعت اليوم الجمعة المذكرة", "أمس الأربعاء", "الخلاف بين الاثنين مستمر",
    "© 2025 syria.news All Rights Reserved", "جميع الحقوق محفوظة 12 أيار 2017",
    "صورة أرشيفية: دمشق 12 أيار 2017", "منذ 6 سنوات", "في مباحثات أستانا 4 واستانا 5",
    "الساعة 13:29", "بلغ العدد 123.05.2017 وحدة", "مارس الضغط على الحكومة", "وصل 9 ممثلين",
    "في 27/5/2017",
    # several forms in one text, across lines, with proclitics, marks and a caption line
    "و27.05.2017 وأمس الثلاثاء\nصورة: 12 أيار 2017\nثم أول أمس والبارحة، كلا الاثنين"
    " ومطلع شهر آب وبداية كانون الثاني 2018 ونهاية شباط الماضي، الجمعة القادم",
]
GOLDEN_SEEDS = {  # article -> (with its publication date, with it unknown)
    "000": (
        [
            (467, 474, "الاثنين", "2017-05-29", "relative",
             "most recent such weekday on or before publication", "day"),
        ],
        [
            (467, 474, "الاثنين", None, "relative", "needs the publication date", "day"),
        ],
    ),
    "001": (
        [
            (64, 74, "27.05.2017", "2017-05-27", "explicit", "", "day"),
            (141, 150, "يوم السبت", "2017-05-27", "relative",
             "most recent such weekday on or before publication", "day"),
            (724, 737, "6 ايار الجاري", "2017-05-06", "explicit",
             "year from publication date (current month)", "day"),
            (1177, 1185, "الاربعاء", "2017-05-24", "relative",
             "most recent such weekday on or before publication", "day"),
            (1732, 1744, "يوم الثلاثاء", "2017-05-23", "relative",
             "most recent such weekday on or before publication", "day"),
        ],
        [
            (64, 74, "27.05.2017", "2017-05-27", "explicit", "", "day"),
            (141, 150, "يوم السبت", None, "relative", "needs the publication date", "day"),
            (724, 737, "6 ايار الجاري", None, "explicit",
             "year not stated and publication date unknown", "day"),
            (1177, 1185, "الاربعاء", None, "relative", "needs the publication date", "day"),
            (1732, 1744, "يوم الثلاثاء", None, "relative", "needs the publication date", "day"),
        ],
    ),
    "002": (
        [
            (129, 141, "امس الثلاثاء", "2017-07-04", "relative", "", "day"),
            (435, 447, "امس الثلاثاء", "2017-07-04", "relative", "", "day"),
            (2012, 2024, "امس الثلاثاء", "2017-07-04", "relative", "", "day"),
            (2415, 2418, "امس", "2017-07-04", "relative", "", "day"),
            (2706, 2718, "امس الثلاثاء", "2017-07-04", "relative", "", "day"),
        ],
        [
            (129, 141, "امس الثلاثاء", None, "relative", "needs the publication date", "day"),
            (435, 447, "امس الثلاثاء", None, "relative", "needs the publication date", "day"),
            (2012, 2024, "امس الثلاثاء", None, "relative", "needs the publication date", "day"),
            (2415, 2418, "امس", None, "relative", "needs the publication date", "day"),
            (2706, 2718, "امس الثلاثاء", None, "relative", "needs the publication date", "day"),
        ],
    ),
    "003": (
        [
            (112, 124, "اليوم الخميس", "2017-09-14", "relative", "", "day"),
            (516, 522, "الخميس", "2017-09-14", "relative",
             "most recent such weekday on or before publication", "day"),
            (1324, 1337, "ليلة الأربعاء", "2017-09-13", "relative",
             "night of that weekday (Arabic usage can also mean the eve, the night before); most "
             "recent such weekday on or before publication", "day"),
        ],
        [
            (112, 124, "اليوم الخميس", None, "relative", "needs the publication date", "day"),
            (516, 522, "الخميس", None, "relative", "needs the publication date", "day"),
            (1324, 1337, "ليلة الأربعاء", None, "relative", "needs the publication date", "day"),
        ],
    ),
    "004": (
        [
            (225, 237, "اليوم الخميس", "2017-05-04", "relative", "", "day"),
            (921, 944, "منتصف تموز/يوليو المقبل", "2017-07-15", "explicit",
             "month-level (mid month); year from publication date (next such month)", "month"),
            (1014, 1030, "منتصف تموز/يوليو", "2017-07-15", "explicit",
             "month-level (mid month); year assumed from publication date", "month"),
            (1266, 1278, "أمس الأربعاء", "2017-05-03", "relative", "", "day"),
        ],
        [
            (225, 237, "اليوم الخميس", None, "relative", "needs the publication date", "day"),
            (921, 944, "منتصف تموز/يوليو المقبل", None, "explicit",
             "month-level (mid month); year not stated and publication date unknown", "month"),
            (1014, 1030, "منتصف تموز/يوليو", None, "explicit",
             "month-level (mid month); year not stated and publication date unknown", "month"),
            (1266, 1278, "أمس الأربعاء", None, "relative", "needs the publication date", "day"),
        ],
    ),
}
GOLDEN_SENTENCES = [  # (published THU, published unknown) per DATE_SENTENCES item
    (
        [
            (7, 17, "27.05.2017", "2017-05-27", "explicit", "", "day"),
        ],
        [
            (7, 17, "27.05.2017", "2017-05-27", "explicit", "", "day"),
        ],
    ),
    (
        [
            (7, 16, "27/5/2017", "2017-05-27", "explicit", "", "day"),
        ],
        [
            (7, 16, "27/5/2017", "2017-05-27", "explicit", "", "day"),
        ],
    ),
    (
        [
            (7, 17, "2017-05-27", "2017-05-27", "explicit", "", "day"),
        ],
        [
            (7, 17, "2017-05-27", "2017-05-27", "explicit", "", "day"),
        ],
    ),
    (
        [
            (7, 17, "٢٧/٠٥/٢٠١٧", "2017-05-27", "explicit", "", "day"),
        ],
        [
            (7, 17, "٢٧/٠٥/٢٠١٧", "2017-05-27", "explicit", "", "day"),
        ],
    ),
    (
        [
            (15, 27, "1 أغسطس 2017", "2017-08-01", "explicit", "", "day"),
        ],
        [
            (15, 27, "1 أغسطس 2017", "2017-08-01", "explicit", "", "day"),
        ],
    ),
    (
        [
            (15, 28, "1 اغسطس، 2017", "2017-08-01", "explicit", "", "day"),
        ],
        [
            (15, 28, "1 اغسطس، 2017", "2017-08-01", "explicit", "", "day"),
        ],
    ),
    (
        [
            (7, 25, "22 تموز/يوليو 2017", "2017-07-22", "explicit", "", "day"),
        ],
        [
            (7, 25, "22 تموز/يوليو 2017", "2017-07-22", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 12, "3 آب 2017", "2017-08-03", "explicit", "", "day"),
        ],
        [
            (3, 12, "3 آب 2017", "2017-08-03", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 23, "15 كانون الثاني 2018", "2018-01-15", "explicit", "", "day"),
        ],
        [
            (3, 23, "15 كانون الثاني 2018", "2018-01-15", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 22, "21 كانون الأول 2017", "2017-12-21", "explicit", "", "day"),
        ],
        [
            (3, 22, "21 كانون الأول 2017", "2017-12-21", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 22, "12 تشرين الأول 2017", "2017-10-12", "explicit", "", "day"),
        ],
        [
            (3, 22, "12 تشرين الأول 2017", "2017-10-12", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 23, "11 تشرين الثاني 2017", "2017-11-11", "explicit", "", "day"),
        ],
        [
            (3, 23, "11 تشرين الثاني 2017", "2017-11-11", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 15, "18 شباط 2018", "2018-02-18", "explicit", "", "day"),
        ],
        [
            (3, 15, "18 شباط 2018", "2018-02-18", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 16, "14 أيلول 2017", "2017-09-14", "explicit", "", "day"),
        ],
        [
            (3, 16, "14 أيلول 2017", "2017-09-14", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 17, "١٤ سبتمبر ٢٠١٧", "2017-09-14", "explicit", "", "day"),
        ],
        [
            (3, 17, "١٤ سبتمبر ٢٠١٧", "2017-09-14", "explicit", "", "day"),
        ],
    ),
    (
        [
            (0, 25, "التاسع من يوليو/تموز 2017", "2017-07-09", "explicit", "", "day"),
        ],
        [
            (0, 25, "التاسع من يوليو/تموز 2017", "2017-07-09", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 31, "الحادي والعشرين من تموز 2017", "2017-07-21", "explicit", "", "day"),
        ],
        [
            (3, 31, "الحادي والعشرين من تموز 2017", "2017-07-21", "explicit", "", "day"),
        ],
    ),
    (
        [
            (3, 27, "الثاني عشر من نيسان 2018", "2018-04-12", "explicit", "", "day"),
        ],
        [
            (3, 27, "الثاني عشر من نيسان 2018", "2018-04-12", "explicit", "", "day"),
        ],
    ),
    (
        [
            (24, 37, "6 ايار الجاري", "2017-05-06", "explicit",
             "year from publication date (current month)", "day"),
        ],
        [
            (24, 37, "6 ايار الجاري", None, "explicit",
             "year not stated and publication date unknown", "day"),
        ],
    ),
    (
        [
            (3, 24, "5 كانون الثاني المقبل", "2018-01-05", "explicit",
             "year from publication date (next such month)", "day"),
        ],
        [
            (3, 24, "5 كانون الثاني المقبل", None, "explicit",
             "year not stated and publication date unknown", "day"),
        ],
    ),
    (
        [
            (3, 23, "5 كانون الأول الماضي", "2016-12-05", "explicit",
             "year from publication date (last such month)", "day"),
        ],
        [
            (3, 23, "5 كانون الأول الماضي", None, "explicit",
             "year not stated and publication date unknown", "day"),
        ],
    ),
    (
        [
            (3, 16, "6 ايار الجاري", "2017-05-06", "explicit",
             "year from publication date (current month)", "day"),
        ],
        [
            (3, 16, "6 ايار الجاري", None, "explicit",
             "year not stated and publication date unknown", "day"),
        ],
    ),
    (
        [
            (9, 32, "منتصف تموز/يوليو المقبل", "2017-07-15", "explicit",
             "month-level (mid month); year from publication date (next such month)", "month"),
        ],
        [
            (9, 32, "منتصف تموز/يوليو المقبل", None, "explicit",
             "month-level (mid month); year not stated and publication date unknown", "month"),
        ],
    ),
    (
        [
            (3, 16, "شهر مارس 2018", "2018-03-01", "explicit", "month-level", "month"),
        ],
        [
            (3, 16, "شهر مارس 2018", "2018-03-01", "explicit", "month-level", "month"),
        ],
    ),
    (
        [
            (3, 18, "أواخر شباط 2018", "2018-02-28", "explicit", "month-level (late month)",
             "month"),
        ],
        [
            (3, 18, "أواخر شباط 2018", "2018-02-28", "explicit", "month-level (late month)",
             "month"),
        ],
    ),
    (
        [
            (15, 32, "14 و15 أيلول 2017", "2017-09-14", "explicit", "range to day 15 of the month",
             "day"),
        ],
        [
            (15, 32, "14 و15 أيلول 2017", "2017-09-14", "explicit", "range to day 15 of the month",
             "day"),
        ],
    ),
    (
        [
            (5, 26, "4-5 تموز/يوليو الجاري", "2017-07-04", "explicit",
             "range to day 5 of the month; year from publication date (current month); says "
             "'this month' but publication month is 5", "day"),
        ],
        [
            (5, 26, "4-5 تموز/يوليو الجاري", None, "explicit",
             "range to day 5 of the month; year not stated and publication date unknown", "day"),
        ],
    ),
    (
        [
            (3, 15, "31 شباط 2018", None, "explicit", "no such day", "day"),
        ],
        [
            (3, 15, "31 شباط 2018", None, "explicit", "no such day", "day"),
        ],
    ),
    (
        [
            (5, 17, "اليوم الخميس", "2017-05-04", "relative", "", "day"),
        ],
        [
            (5, 17, "اليوم الخميس", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (12, 24, "أمس الأربعاء", "2017-05-03", "relative", "", "day"),
        ],
        [
            (12, 24, "أمس الأربعاء", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (12, 24, "امس الاربعاء", "2017-05-03", "relative", "", "day"),
        ],
        [
            (12, 24, "امس الاربعاء", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (5, 18, "يوم غد الجمعة", "2017-05-05", "relative", "", "day"),
        ],
        [
            (5, 18, "يوم غد الجمعة", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (4, 11, "الاثنين", "2017-05-01", "relative",
             "most recent such weekday on or before publication", "day"),
        ],
        [
            (4, 11, "الاثنين", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (4, 13, "يوم السبت", "2017-04-29", "relative",
             "most recent such weekday on or before publication", "day"),
        ],
        [
            (4, 13, "يوم السبت", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (4, 14, "يوم الخميس", "2017-05-04", "relative",
             "most recent such weekday on or before publication", "day"),
        ],
        [
            (4, 14, "يوم الخميس", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (4, 17, "ليلة الأربعاء", "2017-05-03", "relative",
             "night of that weekday (Arabic usage can also mean the eve, the night before); most "
             "recent such weekday on or before publication", "day"),
        ],
        [
            (4, 17, "ليلة الأربعاء", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (8, 20, "الأحد المقبل", "2017-05-07", "relative",
             "next such weekday after publication", "day"),
        ],
        [
            (8, 20, "الأحد المقبل", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (8, 21, "الخميس الماضي", "2017-04-27", "relative",
             "last such weekday before publication", "day"),
        ],
        [
            (8, 21, "الخميس الماضي", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (5, 17, "اليوم الجمعة", "2017-05-04", "relative",
             "text says Friday but 2017-05-04 is a Thursday; date kept", "day"),
        ],
        [
            (5, 17, "اليوم الجمعة", None, "relative", "needs the publication date", "day"),
        ],
    ),
    (
        [
            (0, 12, "أمس الأربعاء", "2017-05-03", "relative", "", "day"),
        ],
        [
            (0, 12, "أمس الأربعاء", None, "relative", "needs the publication date", "day"),
        ],
    ),
    ([], []),
    ([], []),
    ([], []),
    ([], []),
    ([], []),
    ([], []),
    ([], []),
    ([], []),
    ([], []),
    ([], []),
    (
        [
            (3, 12, "27/5/2017", "2017-05-27", "explicit", "", "day"),
        ],
        [
            (3, 12, "27/5/2017", "2017-05-27", "explicit", "", "day"),
        ],
    ),
    (
        # Issue 12: "وأمس الثلاثاء" is yesterday with a conjunction attached, not a bare
        # Tuesday (this snapshot once pinned "الثلاثاء" alone, 2017-05-02); "والبارحة",
        # "ومطلع", "وبداية" and "ونهاية" likewise keep their meaning after "و".
        [
            (1, 11, "27.05.2017", "2017-05-27", "explicit", "", "day"),
            (13, 25, "أمس الثلاثاء", "2017-05-03", "relative",
             "text says Tuesday but 2017-05-03 is a Wednesday; date kept", "day"),
            (48, 55, "أول أمس", "2017-05-02", "relative", "", "day"),
            (57, 64, "البارحة", "2017-05-03", "relative", "", "day"),
            (79, 90, "مطلع شهر آب", "2017-08-01", "explicit",
             "month-level (early month); year assumed from publication date", "month"),
            (92, 115, "بداية كانون الثاني 2018", "2018-01-01", "explicit",
             "month-level (early month)", "month"),
            (117, 134, "نهاية شباط الماضي", "2017-02-28", "explicit",
             "month-level (end of month); year from publication date (last such month)",
             "month"),
            (136, 149, "الجمعة القادم", "2017-05-05", "relative",
             "next such weekday after publication", "day"),
        ],
        [
            (1, 11, "27.05.2017", "2017-05-27", "explicit", "", "day"),
            (13, 25, "أمس الثلاثاء", None, "relative", "needs the publication date", "day"),
            (48, 55, "أول أمس", None, "relative", "needs the publication date", "day"),
            (57, 64, "البارحة", None, "relative", "needs the publication date", "day"),
            (79, 90, "مطلع شهر آب", None, "explicit",
             "month-level (early month); year not stated and publication date unknown", "month"),
            (92, 115, "بداية كانون الثاني 2018", "2018-01-01", "explicit",
             "month-level (early month)", "month"),
            (117, 134, "نهاية شباط الماضي", None, "explicit",
             "month-level (end of month); year not stated and publication date unknown",
             "month"),
            (136, 149, "الجمعة القادم", None, "relative", "needs the publication date", "day"),
        ],
    ),
]
SEED_PUBLISHED = {"000": date(2017, 5, 29), "001": date(2017, 5, 27), "002": date(2017, 7, 5),
                  "003": date(2017, 9, 14), "004": date(2017, 5, 4)}


def _pinned(text: str, published: date | None) -> list[tuple[object, ...]]:
    found = extract_dates(text, published)
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.start, m.end, m.text, m.date, m.kind, m.note, m.precision) for m in found]


def test_golden_seeds() -> None:
    assert sorted(GOLDEN_SEEDS) == sorted(p.name[:3] for p in SEEDS.glob("*.txt"))
    for prefix, (with_date, without) in GOLDEN_SEEDS.items():
        text = _seed(prefix)
        assert _pinned(text, SEED_PUBLISHED[prefix]) == with_date, prefix
        assert _pinned(text, None) == without, prefix


def test_golden_sentences() -> None:
    assert len(GOLDEN_SENTENCES) == len(DATE_SENTENCES)
    for text, (with_date, without) in zip(DATE_SENTENCES, GOLDEN_SENTENCES, strict=True):
        assert _pinned(text, THU) == with_date, text
        assert _pinned(text, None) == without, text


def test_anchored_scan_finds_what_finditer_finds() -> None:
    """The month/weekday-anchored scan is an optimisation of re.finditer, never a filter."""
    from geo import dates as D
    from geo.arabic import normalise

    words = [*D.MONTHS, *D.WEEKDAYS, *D.ORDINALS, *D._QUALIFIERS, *D._PRE_WORDS, *D._DAY_SEPS,
             "شهر", "من", "عام", "العام", "الجاري", "المقبل", "الماضي", "بين", "كلا", "ابو",
             "وايار", "الانتخابات", "2017", "14", "5", "٢٠", "،", "/", "(", ")", ".", "_", "\x00",
             "#", "و", "ب", "ال", "قال", "x",
             # issue 12: relative months and years, "الـ18", attached conjunctions
             "الشهر", "السنه", "الحالي", "القادم", "الجاريه", "ال18", "وامس", "ومطلع"]
    rng = random.Random(2017)

    def phrase() -> str:  # a whole (or nearly whole) day-month mention, longest parts often
        day = rng.choice(["3", "14", "٢٠", rng.choice(list(D.ORDINALS)) + " من"])
        if rng.random() < 0.5:
            day += rng.choice(["", " "]) + rng.choice(D._DAY_SEPS) + rng.choice(["", " "]) + "15"
        return " ".join([day, *rng.sample(["من", "شهر"], rng.randint(0, 2)),
                         rng.choice(list(D.MONTHS))])

    for _ in range(3000):
        toks = [phrase() if rng.random() < 0.15 else rng.choice(words)
                for _ in range(rng.randint(1, 14))]
        norm = normalise("".join(t + rng.choice(["", " ", " ", " ", "  "]) for t in toks))
        months, weekdays = D._anchors(norm)
        for rx, anchors, reach in ((D._DAY_MONTH, months, D._REACH_DAY_MONTH),
                                   (D._MONTH_LEVEL, months, D._REACH_MONTH_LEVEL),
                                   (D._RELATIVE, weekdays, D._REACH_RELATIVE),
                                   (D._PERIOD, D._period_anchors(norm, months), D._REACH_PERIOD)):
            want = [(m.span(), m.groupdict()) for m in rx.finditer(norm)]
            for word_start in (False, True):
                got = [(m.span(), m.groupdict())
                       for m in D._finditer_near(rx, norm, anchors, reach, word_start)]
                assert got == want, norm
            assert rx.pattern.startswith(D._L)  # what word_start=True relies on


def test_numeric_scan_near_separators_finds_what_finditer_finds() -> None:
    from geo import dates as D

    rng = random.Random(5)
    parts = ["1", "12", "2017", "05", "٣", "7", ".", "/", "-", " ", "و", "x", "\x00", "..", "3.",
             "27.05.2017", "2017-05-27", "1/2/2017", "2017-1-3", "5.5.2017", "٢٠١٧"]
    for _ in range(3000):
        norm = "".join(rng.choice(parts) for _ in range(rng.randint(1, 20)))
        want = []
        for rx in (D._NUM_DMY, D._NUM_ISO):  # the plain scan
            for m in rx.finditer(norm):
                d = D._safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
                if D._left_ok(norm, m.start(), "./-") and d and 1900 <= d.year <= 2100:
                    want.append((m.start(), m.end(), d.isoformat(), "explicit", "", "day"))
        assert D._numeric(norm) == want, norm


def test_skipped_lines_are_found_through_their_needed_words() -> None:
    from geo import dates as D

    # Under re.I the needed Latin letters match only themselves and their capitals, and every
    # alternative of _SKIP_LINE holds one of the needed words.
    chars = "".join(sorted(set("".join(D._SKIP_NEEDS))))
    everything = "".join(map(chr, range(0x110000)))
    assert set(re.findall("[" + re.escape(chars) + "]", everything, re.I)) == set(chars)
    for alt in D._SKIP_LINE.pattern.split("|"):
        assert any(n in alt for n in D._SKIP_NEEDS), alt

    def reference(norm: str) -> list[tuple[int, int]]:
        ranges, pos = [], 0
        if D._SKIP_HINT.search(norm):
            for line in norm.split("\x00"):
                if D._SKIP_LINE.search(line):
                    ranges.append((pos, pos + len(line)))
                pos += len(line) + 1
        return ranges

    rng = random.Random(9)
    words = ["©", "جميع الحقوق", "all rights reserved", "ALL RIGHTS RESERVED", "صوره", "الصوره",
             "photo", "Photo", "v", "p", "نص", " ", " ", "\x00", "\x00", ": ", "بصوره"]
    for _ in range(3000):
        norm = "".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        assert D._skipped_ranges(norm) == reference(norm), norm
        for line in norm.split("\x00"):
            assert D._skip_line(line) == bool(D._SKIP_LINE.search(line)), line
    assert D._SKIP_LINE.pattern == (r"©|جميع الحقوق|all rights reserved|^[\W\x00]*(?:ال)?صوره(?!\w)"
                                    r"|^[\W\x00]*photo")  # what _skip_line takes apart


def test_bare_yesterday_near_its_words_finds_what_finditer_finds() -> None:
    from geo import dates as D

    rng = random.Random(12)
    toks = ["امس", "اول", "البارحه", "الخامس", " ", " ", "\x00", "و", "اول امس", "ب", "x"]
    for _ in range(3000):
        norm = "".join(rng.choice(toks) for _ in range(rng.randint(0, 12)))
        # Word start, or a conjunction "و"/"ف" at a word start ("وامس": issue 12).
        want = [m.span() for m in D._BARE_YESTERDAY.finditer(norm)
                if D._left_ok(norm, m.start())
                or (norm[m.start() - 1] in "وف" and D._left_ok(norm, m.start() - 1))]
        assert [c[:2] for c in D._bare_yesterday(norm, None)] == want, norm


# --------------------------------------------------------------------------- issue 12


def _dates(text: str, published: date | None = THU) -> list[tuple[str, str | None, str]]:
    found = extract_dates(text, published)
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.date, m.precision) for m in found]


@pytest.mark.parametrize("text, want", [
    # a day and month, the year from the dateline
    ("وصلت القافلة في الثامن عشر من آذار", ("الثامن عشر من آذار", "2017-03-18", "day")),
    ("وصلت القافلة في الـ18 من آذار", ("الـ18 من آذار", "2017-03-18", "day")),
    ("وصلت القافلة في 18 آذار", ("18 آذار", "2017-03-18", "day")),
    # ordinal days in words, with either month name first, and "و" written apart
    ("في الحادي والعشرين من أيار/مايو", ("الحادي والعشرين من أيار/مايو", "2017-05-21", "day")),
    ("في الحادي والعشرين من مايو/أيار", ("الحادي والعشرين من مايو/أيار", "2017-05-21", "day")),
    ("في الرابع و العشرين من شباط", ("الرابع و العشرين من شباط", "2017-02-24", "day")),
    ("في الأول من مارس", ("الأول من مارس", "2017-03-01", "day")),
    # a month or a year relative to the dateline (THU = 4 May 2017)
    ("منذ الشهر الماضي", ("الشهر الماضي", "2017-04-01", "month")),
    ("حتى نهاية الشهر المقبل", ("نهاية الشهر المقبل", "2017-06-30", "month")),
    ("منذ مطلع الشهر الجاري", ("مطلع الشهر الجاري", "2017-05-01", "month")),
    ("في السادس من الشهر الجاري", ("السادس من الشهر الجاري", "2017-05-06", "day")),
    ("في 30 من الشهر الماضي", ("30 من الشهر الماضي", "2017-04-30", "day")),
    ("في العام الماضي", ("العام الماضي", "2016-01-01", "year")),
    ("خلال السنة المقبلة", ("السنة المقبلة", "2018-01-01", "year")),
    ("قبل نهاية العام الجاري", ("نهاية العام الجاري", "2017-12-31", "year")),
    # relative days with an attached conjunction
    ("وقال وأمس الأربعاء إن", ("أمس الأربعاء", "2017-05-03", "day")),
    ("واليوم الخميس وقعت", ("اليوم الخميس", "2017-05-04", "day")),
    ("وغدا الجمعة تعقد", ("غدا الجمعة", "2017-05-05", "day")),
    ("وقال والبارحة إن", ("البارحة", "2017-05-03", "day")),
    # Persian/Urdu letters and digits in the anchoring words
    ("فی ۱۸ أیلول", ("۱۸ أیلول", "2017-09-18", "day")),
    ("الیوم الخمیس", ("الیوم الخمیس", "2017-05-04", "day")),
    ("فی الثانی عشر من کانون الثانی", ("الثانی عشر من کانون الثانی", "2017-01-12", "day")),
    ("ۃ الیوم الجمعہ", ("الیوم الجمعہ", "2017-05-04", "day")),
])
def test_issue12_forms(text: str, want: tuple[str, str, str]) -> None:
    assert _dates(text) == [want]


def test_relative_period_without_a_dateline() -> None:
    assert _dates("منذ الشهر الماضي وفي السادس من الشهر الجاري", None) == [
        ("الشهر الماضي", None, "month"), ("السادس من الشهر الجاري", None, "day")]


@pytest.mark.parametrize("text", [
    "في الخامس من العام الماضي",  # a day of a year is not a date
    "الشهر الذي مضى",              # no relative word
    "بعد أشهر من التوتر",
    "كلا الاثنين",
])
def test_issue12_not_dates(text: str) -> None:
    assert _dates(text) == []


def test_month_arithmetic_across_years() -> None:
    assert _dates("في الشهر المقبل", date(2017, 12, 20)) == [("الشهر المقبل", "2018-01-01",
                                                            "month")]
    assert _dates("في الشهر الماضي", date(2018, 1, 3)) == [("الشهر الماضي", "2017-12-01", "month")]


# --------------------------------------------------------------------------- issue 12, second pass
# A part of the day before "اليوم" makes it today; a weekday "from which" something holds is the
# coming one. (THU = 4 May 2017, a Thursday.)


@pytest.mark.parametrize("text, want", [
    ("قتل ثلاثة صباح اليوم في قصف", ("صباح اليوم", "2017-05-04", "day")),
    ("تعرضت الأحياء فجر اليوم لقصف", ("فجر اليوم", "2017-05-04", "day")),
    ("وصلت القافلة ومساء اليوم بدأ التفريغ", ("مساء اليوم", "2017-05-04", "day")),
    ("عند ظهيرة اليوم", ("ظهيرة اليوم", "2017-05-04", "day")),
    # with its weekday: one mention, the weekday checked against the dateline
    ("مساء اليوم الخميس", ("مساء اليوم الخميس", "2017-05-04", "day")),
])
def test_part_of_today(text: str, want: tuple[str, str, str]) -> None:
    assert _dates(text) == [want]


def test_part_of_today_with_a_wrong_weekday_is_noted_and_needs_a_dateline() -> None:
    (m,) = extract_dates("صباح اليوم الجمعة", THU)
    assert m.date == "2017-05-04" and "Friday" in m.note
    assert _dates("صباح اليوم", None) == [("صباح اليوم", None, "day")]


@pytest.mark.parametrize("text", [
    "ويبلغ عدد سكان البلدة اليوم نحو ثلاثين ألفا",  # "nowadays"
    "استمر القصف طوال اليوم",                      # "all day"
    "في اليوم الأول من المعارك",                  # "the first day"
    "صباح اليومية الجديدة",                        # another word
])
def test_bare_today_is_not_a_date(text: str) -> None:
    assert _dates(text) == []


@pytest.mark.parametrize("text, published, want", [
    # Friday 5 May 2017: "from midnight Saturday" is the next day, not six days before
    ("يبدأ وقف الغارات اعتبارا من منتصف ليل السبت", date(2017, 5, 5),
     ("ليل السبت", "2017-05-06")),
    ("تفتح المعابر ابتداء من الأحد", THU, ("الأحد", "2017-05-07")),
    ("يسري القرار بدءا من صباح الخميس", THU, ("الخميس", "2017-05-04")),  # on the day itself
    # without the cue, a weekday alone is the most recent one
    ("قصفت الطائرات البلدة ليل السبت", date(2017, 5, 5), ("ليل السبت", "2017-04-29")),
    ("وصل الوفد الأحد", THU, ("الأحد", "2017-04-30")),
])
def test_weekday_from_which_something_holds_is_the_coming_one(
        text: str, published: date, want: tuple[str, str]) -> None:
    assert [(t, d) for t, d, _ in _dates(text, published)] == [want]


def test_the_linker_scan_finds_the_same_new_forms() -> None:
    """geo.linker scans an article once and hands geo.dates its anchors: the new anchors (parts
    of today, with a conjunction too) must reach the date patterns that way as well."""
    from geo.corpus import CatalogRow, article_from_text
    from geo.linker import Linker

    body = ("تعرضت الأحياء فجر اليوم لقصف، ومساء اليوم الخميس وصلت قافلة. ويبدأ وقف الغارات "
            "اعتبارا من منتصف ليل السبت. ويبلغ عدد سكانها اليوم نحو ألف.")
    art = article_from_text("عنوان\n" + body + "\n", "t")
    art.catalog = CatalogRow("t", "", "", "", THU, "test", 1.0, "", None)
    got = [(d.text, d.date) for d in Linker.from_repo().link(art).dates]
    assert got == [(m.text, m.date) for m in extract_dates(art.text, THU)]
    assert got == [("فجر اليوم", "2017-05-04"), ("مساء اليوم الخميس", "2017-05-04"),
                   ("ليل السبت", "2017-05-06")]
