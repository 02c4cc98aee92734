"""The mentions-per-month chart's numbers and geometry (plain Python, no database)."""

from datetime import date, datetime

import pytest

from articles.timeline import fill_months, months_between, timeline


def test_months_between_crosses_a_year_end():
    assert months_between(date(2025, 11, 1), date(2026, 2, 1)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_fill_months_adds_empty_months_between_and_merges_days_of_one_month():
    rows = [(date(2026, 2, 1), 3), (date(2025, 11, 1), 1), (datetime(2026, 2, 1, 0, 0), 1)]

    assert fill_months(rows) == [
        (date(2025, 11, 1), 1),
        (date(2025, 12, 1), 0),
        (date(2026, 1, 1), 0),
        (date(2026, 2, 1), 4),
    ]


def test_no_mentions_means_no_chart():
    assert timeline([]) is None
    assert timeline([(date(2026, 1, 1), 0)]) is None


def test_bars_are_scaled_to_the_busiest_month_and_stand_on_the_axis():
    chart = timeline([(date(2026, 1, 1), 2), (date(2026, 3, 1), 4)], width=400, height=120)

    assert [bar.month for bar in chart.bars] == [date(2026, 1, 1), date(2026, 3, 1)]
    first, last = chart.bars
    assert last.height == chart.plot_bottom - chart.plot_top
    assert first.height == last.height / 2
    assert first.y + first.height == chart.plot_bottom == last.y + last.height
    assert first.x < last.x
    assert last.x + last.width <= chart.width


def test_empty_months_have_no_bar_but_keep_their_slot():
    chart = timeline([(date(2026, 1, 1), 1), (date(2026, 3, 1), 1)])

    assert len(chart.months) == 3
    assert len(chart.bars) == 2
    slot = chart.bars[1].x - chart.bars[0].x
    assert slot == pytest.approx((chart.width - 4 - chart.plot_left) / 3 * 2, abs=0.02)


def test_summary_names_the_range_the_total_and_the_busiest_month():
    chart = timeline([(date(2025, 11, 1), 1), (date(2026, 2, 1), 3)])

    assert chart.summary == (
        "4 mentions from November 2025 to February 2026; the most, 3, in February 2026."
    )
    assert chart.counted_months == [(date(2025, 11, 1), 1), (date(2026, 2, 1), 3)]
    assert [(row.iso, row.label, row.count) for row in chart.table_rows] == [
        ("2025-11", "November 2025", 1),
        ("2026-02", "February 2026", 3),
    ]


def test_summary_of_a_single_month():
    assert timeline([(date(2026, 1, 1), 1)]).summary == (
        "1 mention in January 2026; the most, 1, in January 2026."
    )


def test_bar_label_says_month_and_count():
    assert timeline([(date(2026, 3, 1), 5)]).bars[0].label == "March 2026: 5"


def test_year_labels_mark_each_january_when_there_is_room():
    chart = timeline([(date(2024, 1, 1), 1), (date(2026, 6, 1), 1)])

    assert [tick.label for tick in chart.ticks] == ["2024", "2025", "2026"]


def test_year_labels_thin_out_over_long_spans_so_they_never_overlap():
    chart = timeline([(date(2000, 1, 1), 1), (date(2025, 12, 1), 1)], width=640)

    labels = [tick.label for tick in chart.ticks]
    assert labels[0] == "2000"
    assert len(labels) < 26
    gaps = [b.x - a.x for a, b in zip(chart.ticks, chart.ticks[1:], strict=False)]
    assert min(gaps) >= 56


def test_a_partial_first_year_gives_way_to_the_next_years_label():
    chart = timeline([(date(2025, 12, 1), 1), (date(2027, 6, 1), 1)], width=300)

    assert chart.ticks[0].label == "2026"
