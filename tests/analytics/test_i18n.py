"""The one string lookup: plural forms by babel's CLDR rules, messages in both languages."""

from __future__ import annotations

from babel import Locale

from analytics.errors import Problem, UploadRejected
from analytics.i18n import LANGUAGES, pair, strings, t


def test_english_counts_one_and_many_indonesian_has_one_form():
    assert t("chart.peers", "en", count=1) == "1 comparison region"
    assert t("chart.peers", "en", count=3) == "3 comparison regions"
    assert t("chart.peers", "en", count=0) == "0 comparison regions"
    assert t("chart.peers", "id", count=1) == "1 wilayah pembanding"
    assert t("chart.peers", "id", count=3) == "3 wilayah pembanding"


def test_a_rejection_says_error_or_errors_by_count():
    one = UploadRejected([Problem(2, "value", "x", "a", "b")])
    assert one.message("en") == "File rejected: 1 error. Nothing was saved."
    three = UploadRejected([Problem(n, "value", "x", "a", "b") for n in (2, 3, 4)])
    assert three.message("en") == "File rejected: 3 errors. Nothing was saved."
    assert three.message("id") == "Berkas ditolak: 3 kesalahan. Tidak ada data yang disimpan."


def test_pair_gives_indonesian_then_english_with_the_same_parameters():
    assert pair("message.cli.file_not_found", file="x.csv") == (
        "Berkas tidak ditemukan: x.csv", "File not found: x.csv")


def test_every_plural_text_has_an_other_form_and_only_its_languages_categories():
    for key, texts in strings().items():
        for lang, text in zip(LANGUAGES, texts, strict=True):
            if isinstance(text, dict):
                assert "other" in text, key
                assert set(text) <= set(Locale.parse(lang).plural_form.tags) | {"other"}, key


def test_a_parameter_can_differ_by_language_as_a_fragment_or_a_function():
    hint = pair("message.matching.did_you_mean", close="p0")
    assert hint == (" Mungkin maksudnya: p0.", " Did you mean: p0?")
    text_id, text_en = pair("message.matching.measure_unknown", text="kemiskinan x", hint=hint)
    assert text_id.endswith("Mungkin maksudnya: p0.") and text_en.endswith("Did you mean: p0?")
    # 7.5 is written 7,5 in the Indonesian message and 7.5 in the English one.
    below = pair("message.validate.lower_above_upper", lower=lambda lang: "7,5" if lang == "id" else "7.5", upper="5")
    assert "7,5" in below.id and "7.5" in below.en
