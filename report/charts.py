"""Inline SVG charts (no JavaScript, no network): a line chart over time and a grouped bar chart per year."""

from __future__ import annotations

import math
from datetime import date
from html import escape

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 28, 46
COLORS = ("#1f5fa8", "#d1495b", "#2a9d8f", "#e9a23b", "#6a4c93")

Series = dict[str, list[float | None]]


def _fmt(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.3g} mln"
    if abs(value) >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.1f}"


def _bounds(series: Series) -> tuple[float, float]:
    """Axis range from zero (or the lowest value) to a round top: four steps of 1, 2, 2.5 or 5 x 10^n."""
    values = [v for values in series.values() for v in values if v is not None]
    low, high = min([0.0, *values]), max([1.0, *values])
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.floor(low / step) * step + 4 * step


def _frame(title: str, low: float, high: float) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [f'<text x="{LEFT}" y="16" class="ct">{escape(title)}</text>']
    for i in range(5):
        value = low + (high - low) * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="yl">{_fmt(value)}</text>')
    return parts


def _legend(names: list[str]) -> list[str]:
    parts, x = [], LEFT
    for i, name in enumerate(names):
        parts.append(f'<rect x="{x}" y="{HEIGHT - 14}" width="10" height="10" fill="{COLORS[i % len(COLORS)]}"/>'
                     f'<text x="{x + 14}" y="{HEIGHT - 5}" class="lg">{escape(name)}</text>')
        x += 22 + 7 * len(name)
    return parts


def _svg(parts: list[str], kind: str, points: int) -> str:
    return (f'<svg class="chart" data-kind="{kind}" data-points="{points}" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img">{"".join(parts)}</svg>')


def line_chart(title: str, x: list[date], series: Series) -> str:
    """One polyline per series over monthly dates; a gap where a value is missing. Empty when there is no data."""
    if not x or all(v is None for values in series.values() for v in values):
        return f'<p class="nodata">{escape(title)}: geen gegevens</p>'
    low, high = _bounds(series)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(x) - 1, 1)

    def ypos(v: float) -> float:
        return TOP + plot_h - (v - low) / (high - low) * plot_h

    parts = _frame(title, low, high)
    for i, day in enumerate(x):
        if day.month == 1 or i == 0:
            parts.append(f'<text x="{LEFT + i * step:.1f}" y="{HEIGHT - BOTTOM + 14}" class="xl">{day.year}</text>')
    total = 0
    for k, (name, values) in enumerate(series.items()):
        runs: list[list[str]] = [[]]
        for i, v in enumerate(values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(f"{LEFT + i * step:.1f},{ypos(v):.1f}")
        for run in filter(None, runs):
            total += len(run)
            parts.append(f'<polyline class="series" data-series="{escape(name)}" data-n="{len(run)}" fill="none" '
                         f'stroke="{COLORS[k % len(COLORS)]}" stroke-width="2" points="{" ".join(run)}">'
                         f'<title>{escape(name)}</title></polyline>')
    return _svg(parts + _legend(list(series)), "line", total)


def bar_chart(title: str, x: list[str], series: Series) -> str:
    """Grouped bars per category (e.g. year), one colour per series. Empty when there is no data."""
    if not x or all(v is None for values in series.values() for v in values):
        return f'<p class="nodata">{escape(title)}: geen gegevens</p>'
    low, high = _bounds(series)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group = plot_w / len(x)
    bar = group * 0.8 / len(series)
    zero = TOP + plot_h - (0 - low) / (high - low) * plot_h
    parts = _frame(title, low, high)
    total = 0
    for i, label in enumerate(x):
        parts.append(f'<text x="{LEFT + i * group + group / 2:.1f}" y="{HEIGHT - BOTTOM + 14}" class="xl">'
                     f'{escape(label)}</text>')
        for k, (name, values) in enumerate(series.items()):
            if values[i] is None:
                continue
            y = TOP + plot_h - (values[i] - low) / (high - low) * plot_h
            total += 1
            left = LEFT + i * group + group * 0.1 + k * bar
            parts.append(f'<rect class="series" data-series="{escape(name)}" x="{left:.1f}" '
                         f'y="{min(y, zero):.1f}" width="{bar:.1f}" height="{abs(zero - y):.1f}" '
                         f'fill="{COLORS[k % len(COLORS)]}"><title>{escape(name)} {escape(label)}: {_fmt(values[i])}'
                         f'</title></rect>')
    return _svg(parts + _legend(list(series)), "bar", total)
