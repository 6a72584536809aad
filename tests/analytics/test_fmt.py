from analytics import fmt
from analytics.catalog import Measure, Text

P0 = Measure("p0", Text("P0", "P0"), Text("P0", "P0"), "percent", None, 2, True, Text("", ""), None, False)
POOR = Measure("poor_count", Text("", ""), Text("", ""), "thousand_people", None, 2, True, Text("", ""), None, False)
GK = Measure("poverty_line", Text("", ""), Text("", ""), "rupiah_per_capita_month", None, 0, None, Text("", ""), None, False)
HOUSES = Measure("rtlh_units", Text("", ""), Text("", ""), "count", Text("rumah", "houses"), 0, None, Text("", ""), "rtlh", False)


def test_percent_uses_decimal_comma_in_indonesian_and_point_in_english():
    assert fmt.value(5.19, P0, "id") == "5,19 %"
    assert fmt.value(5.19, P0, "en") == "5.19 %"


def test_thousands_of_people_read_ribu_and_thousand():
    assert fmt.value(124.76, POOR, "id") == "124,76 ribu jiwa"
    assert fmt.value(124.76, POOR, "en") == "124.76 thousand"  # the spec's English form


def test_rupiah_groups_thousands_per_language():
    assert fmt.value(838535, GK, "id") == "Rp 838.535"
    assert fmt.value(838535, GK, "en") == "Rp 838,535"


def test_counts_carry_their_catalog_unit_label():
    assert fmt.value(8656, HOUSES, "id") == "8.656 rumah"
    assert fmt.value(8656, HOUSES, "en") == "8,656 houses"


def test_change_of_a_rate_is_in_points_with_a_true_minus_sign():
    assert fmt.change(5.19 - 5.93, P0, "id") == "\u22120,74 poin"
    assert fmt.change(0.5, P0, "en") == "+0.50 points"


def test_missing_values_read_no_data_never_zero():
    assert fmt.value(None, P0, "id") == "tidak ada data"
    assert fmt.value(float("nan"), P0, "en") == "no data"


def test_counts_of_rows_group_thousands_per_language():
    assert (fmt.count(500000, "id"), fmt.count(500000, "en"), fmt.count(7, "id")) == ("500.000", "500,000", "7")


def test_people_counts_read_in_natural_units_in_both_languages():
    from analytics import fmt as formatter
    from analytics.catalog import default_catalog

    poor = default_catalog().measure("poor_count")  # unit: thousand people
    assert formatter.value(124.76, poor, "id") == "124,76 ribu jiwa"
    assert formatter.value(24064.1, poor, "id") == "24,06 juta jiwa"
    assert formatter.value(24064.1, poor, "en") == "24.06 million"
    assert formatter.people(24_000_000, "id") == "24 juta" and formatter.people(24_000_000, "en") == "24 million"
    assert formatter.people(124_760, "id") == "124,8 ribu" and formatter.people(124_760, "en") == "124.8 thousand"
    assert formatter.people(30_000, "id") == "30 ribu"
