"""Date extraction: each supported form, the seeds' own sentences, and non-dates."""

from __future__ import annotations

import time
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


def test_speed_thousands_of_articles_per_second() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rounds = 100
    t0 = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            extract_dates(t, THU)
    rate = rounds * len(texts) / (time.perf_counter() - t0)
    # Generous floor so a slow CI machine does not flake; typically well above 1000/s.
    assert rate > 300, rate
