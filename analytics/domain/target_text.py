"""Words for targets and their status, in Indonesian and English: one wording for every page and the brief.

Takes the dataclasses of analytics.domain.targets and returns plain text (no Markdown, no HTML): the
Overview cards, the Kemiskinan target section, the Bandingkan status column and the region
brief all say the same thing the same way.
"""

from __future__ import annotations

import re

from analytics import fmt
from analytics.catalog import Measure
from analytics.domain.narrative import rate_text
from analytics.domain.targets import GlidePath, Missing, Status, Target, TargetAnswer, short_basis
from analytics.i18n import period_label, t, when
from analytics.regions import RegionRegistry

# Status colours (Streamlit badge colour names) and icons: the word is always shown too, so the
# colour is never the only carrier of the meaning (colour-blind readers, print).
STATUS_COLOUR = {"on_track": "green", "met": "green", "off_track": "red", "missed": "red",
                 "passed_no_observation": "orange", "no_data": "gray", "conflict": "violet", "none": "gray"}
STATUS_ICON = {"on_track": ":material/trending_down:", "met": ":material/check_circle:",
               "off_track": ":material/warning:", "missed": ":material/cancel:",
               "passed_no_observation": ":material/history:", "no_data": ":material/help:",
               "conflict": ":material/call_split:", "none": ":material/remove:"}


# A poverty line in US dollars (PPP) as sources write it: "US$2,15", "US$1.9", "USD 2,15".
_DOLLAR_LINE = re.compile(r"(?:US\$|USD)\s?(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s?dolar")


# A line named only to say it is *not* the one used ("bukan US$1,9 seperti era Inpres 4/2022").
_NEGATION = re.compile(r"(bukan|not|instead of)\W*$", re.IGNORECASE)


def _dollar_lines(text: str) -> set[str]:
    text = text or ""
    return {(m.group(1) or m.group(2)).replace(",", ".").rstrip("0").rstrip(".") for m in _DOLLAR_LINE.finditer(text)
            if not _NEGATION.search(text[max(0, m.start() - 12):m.start()])}


def line_caution(target: Target, measure: Measure, lang: str) -> str | None:
    """When a target's source names a different dollar poverty line than the measure's data use
    (RPJMN 2025–2029 extreme-poverty targets: US$2.15 PPP 2017; the data here: US$1.9 PPP 2011),
    a caution that the two are not measured alike; None otherwise."""
    target_lines = _dollar_lines(f"{target.note or ''} {target.source}")
    data_lines = _dollar_lines(measure.definition.get("id")) | _dollar_lines(measure.definition.get("en"))
    if not target_lines or not data_lines or target_lines & data_lines:
        return None
    def shown(lines: set[str]) -> str:
        text = ", ".join(sorted(lines))
        return text.replace(".", ",") if lang == "id" else text
    return t("targets.line_differs", lang, target=shown(target_lines), data=shown(data_lines))


def value_text(target: Target, measure: Measure, lang: str) -> str:
    """"4,80 %", "4,50–5,50 %", "di bawah 0,50 %", "tanpa angka"."""
    kind = target.kind
    if kind == "value":
        return fmt.value(target.value, measure, lang)
    if kind == "range":
        return t("targets.value.range", lang, lower=fmt.number(target.lower, measure.decimals, lang),
                 upper=fmt.value(target.upper, measure, lang))
    if kind == "below":
        return t("targets.value.below", lang, upper=fmt.value(target.upper, measure, lang))
    if kind == "above":
        return t("targets.value.above", lang, lower=fmt.value(target.lower, measure, lang))
    return t("targets.value.words", lang)


def scope_text(target: Target, registry: RegionRegistry, lang: str) -> str:
    """"target sendiri" / "target provinsi Banten" / "target nasional"."""
    if target.scope == "province":
        return t("targets.scope.province", lang, name=registry.name(target.region_code))
    return t(f"targets.scope.{target.scope}", lang)


def basis_text(target: Target, lang: str) -> str:
    """The short legal basis, with the flags that go with it (year not stated, to be verified)."""
    parts = [short_basis(target.basis)]
    if not target.year_stated:
        parts.append(t("targets.year_not_stated", lang, year=target.year))
    if target.verify:
        parts.append(t("targets.verify", lang))
    return "; ".join(parts)


def headline_label(target: Target, measure: Measure, registry: RegionRegistry, lang: str) -> str:
    """"target provinsi Banten: 2,42–3,42 % pada 2029"."""
    return (f"{scope_text(target, registry, lang)}: "
            + t("targets.by_year", lang, value=value_text(target, measure, lang), year=target.year))


def position_text(glide: GlidePath, lang: str) -> str:
    if glide.position is None:
        return ""
    prefix = "targets.position.range." if glide.target.kind == "range" else "targets.position."
    return t(prefix + glide.position, lang)


def missing_text(glide: GlidePath, measure: Measure, lang: str) -> str:
    """What is missing, in words (for "not enough data")."""
    missing = glide.missing
    if missing is Missing.NO_NUMBER:
        return t("targets.missing.no_number", lang)
    if missing is Missing.NO_OBSERVATION:
        short = measure.short.get(lang)
        # "miskin ekstrem" mid-sentence; an acronym such as P0 keeps its capitals.
        short = short if short[:2].isupper() else short[:1].lower() + short[1:]
        return t("targets.missing.no_observation", lang, measure=short,
                 period=period_label(glide.target.period, lang))
    if missing is Missing.METHOD_BREAK and glide.latest is not None:
        return t("targets.missing.method_break", lang, start=glide.latest.year - 1 if glide.previous is None else
                 glide.previous.year, end=glide.latest.year, year=glide.method_break)
    latest = glide.latest
    return t("targets.missing.one_observation", lang,
             when=when(latest.period, latest.year, lang) if latest else "")


def detail_text(glide: GlidePath, measure: Measure, lang: str) -> str:
    """One or two sentences under a status: the numbers behind it."""
    latest = glide.latest
    if glide.status in (Status.MET, Status.MISSED) and glide.observed_at_target is not None:
        point = glide.observed_at_target
        observed = t("targets.observed", lang, when=when(point.period, point.year, lang),
                     value=fmt.value(point.value, measure, lang), position=position_text(glide, lang)) + "."
        caution = line_caution(glide.target, measure, lang)
        return f"{observed} {caution}" if caution else observed
    if glide.status is Status.PASSED_NO_OBSERVATION and latest is not None:
        passed = t("targets.passed", lang, year=glide.target.year, value=fmt.value(latest.value, measure, lang),
                   when=when(latest.period, latest.year, lang))
        caution = line_caution(glide.target, measure, lang)
        return f"{passed} {caution}" if caution else passed
    parts = []
    if latest is not None and glide.needed_per_year is not None:
        parts.append(t("targets.latest", lang, value=fmt.value(latest.value, measure, lang),
                       when=when(latest.period, latest.year, lang)) + ".")
        if glide.achieved_per_year is not None and glide.previous is not None:
            parts.append(t("targets.pace", lang, needed=rate_text(glide.needed_per_year, measure, lang),
                           start=latest.year, end=glide.target.year,
                           achieved=rate_text(glide.achieved_per_year, measure, lang),
                           from_year=glide.previous.year, to_year=latest.year))
        else:
            parts.append(t("targets.pace_needed_only", lang, needed=rate_text(glide.needed_per_year, measure, lang),
                           start=latest.year, end=glide.target.year))
    if glide.status is Status.NO_DATA:
        parts.append(t("targets.not_enough", lang, reason=missing_text(glide, measure, lang)))
    if glide.baseline_before_plan and latest is not None:
        parts.append(t("targets.before_plan", lang, year=latest.year,
                       plan=(glide.target.plan_period or "").replace("-", "–")))
    caution = line_caution(glide.target, measure, lang)
    if caution:
        parts.append(caution)
    return " ".join(parts)


def shared_detail(glides: tuple[GlidePath, ...], measure: Measure, lang: str) -> str:
    """For conflicting targets of one year: what they share (latest value, pace achieved, or what
    is missing), said once; `needed_text` gives each target's own need."""
    glide = glides[0]
    latest = glide.latest
    if glide.status is Status.NO_DATA and glide.missing is not Missing.ONE_OBSERVATION:
        return t("targets.not_enough", lang, reason=missing_text(glide, measure, lang))
    if latest is None:
        return ""
    if glide.achieved_per_year is not None and glide.previous is not None and glide.needed_per_year is not None:
        return t("targets.latest_achieved", lang, value=fmt.value(latest.value, measure, lang),
                 when=when(latest.period, latest.year, lang), achieved=rate_text(glide.achieved_per_year, measure, lang),
                 from_year=glide.previous.year, to_year=latest.year)
    return detail_text(glide, measure, lang)


def needed_text(glide: GlidePath, measure: Measure, lang: str) -> str:
    """"perlu −0,188 poin/tahun" for one of several targets; empty when no need applies."""
    if glide.needed_per_year is None or glide.target_passed:
        return ""
    return t("targets.needed_short", lang, needed=rate_text(glide.needed_per_year, measure, lang))


def answer_status(answer: TargetAnswer) -> str:
    """The headline status key: a Status value, "conflict" when its targets disagree, "none" without any."""
    if not answer.headline:
        return "none"
    status = answer.status
    return status.value if status is not None else "conflict"
