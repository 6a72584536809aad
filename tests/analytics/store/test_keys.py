"""Integer keys: equal keys get equal codes across frames, different keys never collide."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.store.keys import key_codes


def test_equal_keys_share_a_code_across_frames_and_others_differ():
    upload = pd.DataFrame({"region_code": ["3671", "3671", "3603", "3671"], "measure": ["p0", "p0", "p0", "p1"],
                           "year": [2025, 2025, 2025, 2025], "period": ["march"] * 4})
    stored = pd.DataFrame({"region_code": ["3603", "3674", "3671"], "measure": ["p0", "p0", "p1"],
                           "year": [2025, 2025, 2024], "period": ["march"] * 3})
    up, st = key_codes(upload, stored)
    assert up[0] == up[1]                                  # the same row twice
    assert len({up[0], up[2], up[3]}) == 3                 # region or measure differ
    assert st[0] == up[2]                                  # 3603 p0 2025 is stored
    assert st[1] not in up and st[2] not in up             # 3674 is not in the upload; 3671 p1 is 2024
    assert len(set(st)) == 3


def test_many_distinct_values_are_renumbered_instead_of_overflowing():
    n = 3000
    wide = pd.DataFrame({c: [f"{c}{i}" for i in range(n)] for c in "abcdefg"})
    (codes,) = key_codes(wide, columns=list("abcdefg"))  # 3001**7 would overflow int64
    assert codes.dtype == np.int64 and len(set(codes)) == n
    again = pd.concat([wide, wide.iloc[[5]]], ignore_index=True)
    (codes,) = key_codes(again, columns=list("abcdefg"))
    assert codes[-1] == codes[5] and len(set(codes)) == n


def test_a_series_code_extended_by_year_names_the_same_rows_as_the_whole_key():
    rows = pd.DataFrame({"region_code": ["3671", "3671", "3671", "3603", "3603"],
                         "measure": ["p0"] * 5, "year": [2024, 2025, 2024, 2024, 2024],
                         "period": ["march"] * 5})
    (series,) = key_codes(rows, columns=["region_code", "measure", "period"])
    assert series[0] == series[1] == series[2] and series[3] == series[4] and series[0] != series[3]
    (extended,) = key_codes(rows, columns=["year"], start=[series])
    (whole,) = key_codes(rows)
    # Rows 0 and 2 (3671 2024) and rows 3 and 4 (3603 2024) repeat a key; no other pair does.
    pairs = {(i, j) for i in range(5) for j in range(i + 1, 5) if extended[i] == extended[j]}
    assert pairs == {(0, 2), (3, 4)}
    assert pairs == {(i, j) for i in range(5) for j in range(i + 1, 5) if whole[i] == whole[j]}
