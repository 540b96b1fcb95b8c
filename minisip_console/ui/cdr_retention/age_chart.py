"""The age chart of a retention category (CDRs first): rows by age in whole days, within retention
and past it, the cutoff marked. Its legend names the rows a purge deletes and those kept for a
legal hold as the status counted them (``cdr_browse.status_histogram``): the verdict's numbers.

``chart_values`` turns a ``core.cdr_browse.AgeHistogram`` into the two bar sets' values (plain
lists, no Qt), so a test can check that every bar counts what the histogram says. ``AgeChart``
draws them with QtCharts: one stacked bar per age (a bar holds a value in one of the two sets,
never both), a dashed line at the cutoff, and a last bar for everything older than the chart
reaches. With no CDRs it shows an explained empty state instead of an empty frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStackedWidget, QWidget

from minisip_console.ui import theme
from minisip_console.ui.i18n import tr
from minisip_console.ui.tabs import EmptyState

if TYPE_CHECKING:
    from minisip_console.core.cdr_browse import AgeHistogram


def empty_title() -> str:
    return tr("No CDRs to chart")


def empty_text() -> str:
    return tr(
        "This database holds no call detail records with a start time, so there is nothing past the "
        "retention either. The chart fills in as calls are recorded."
    )


@dataclass(frozen=True)
class ChartValues:
    """The bars of the chart: ``ages[i]`` is the bar's age in days (``None``: the "older" bar)."""

    ages: tuple[int | None, ...]
    within: tuple[int, ...]  # per bar: calls younger than the cutoff
    past: tuple[int, ...]  # per bar: calls at least ``cutoff_days`` old (a purge deletes them)
    cutoff_days: int
    max_days: int
    to_purge: int = 0  # what a purge at the cutoff deletes (the status's ``overdue``: holds excluded)
    held: int = 0  # past the cutoff but kept for a legal hold (in the red bars too)

    @property
    def total(self) -> int:
        return sum(self.within) + sum(self.past)

    @property
    def past_total(self) -> int:
        return sum(self.past)

    @property
    def cutoff_x(self) -> float:
        """Where the cutoff line goes: between the last bar within retention and the first past it."""
        return self.cutoff_days - 0.5

    @property
    def peak(self) -> int:
        return max((w + p for w, p in zip(self.within, self.past, strict=True)), default=0)


def chart_values(histogram: AgeHistogram) -> ChartValues:
    """Split the histogram's buckets (and its "older" count) into the two bar sets."""
    ages: list[int | None] = []
    within: list[int] = []
    past: list[int] = []
    for age, count in histogram.buckets:
        ages.append(age)
        is_past = age >= histogram.cutoff_days
        within.append(0 if is_past else count)
        past.append(count if is_past else 0)
    # the last bar: every call older than the chart reaches (always past a cutoff within the chart)
    ages.append(None)
    within.append(0)
    past.append(histogram.older)
    return ChartValues(
        tuple(ages), tuple(within), tuple(past), histogram.cutoff_days, histogram.max_days, histogram.past_cutoff, histogram.held
    )


def _nice_ceiling(value: int) -> int:
    """A round axis maximum at or above ``value`` (5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150...)."""
    if value <= 5:
        return 5
    step = 1
    while True:
        for mult in (10, 15, 20, 25, 30, 40, 50, 60, 80):
            if step * mult >= value:
                return step * mult
        step *= 10


class AgeChart(QStackedWidget):
    """The chart view, or its empty state when there are no CDRs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cdrAgeChart")
        self.values: ChartValues | None = None
        self.chart = QChart()
        self.chart.setObjectName("cdrAgeChartChart")
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.view = QChartView(self.chart)
        self.view.setObjectName("cdrAgeChartView")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        self.view.setAccessibleName(tr("CDRs by age in days"))
        self.empty = EmptyState(empty_title(), empty_text())
        self.addWidget(self.view)
        self.addWidget(self.empty)
        self.setCurrentWidget(self.empty)

    def showing_empty(self) -> bool:
        return self.currentWidget() is self.empty

    def clear(self) -> None:
        self.values = None
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.setCurrentWidget(self.empty)

    def set_histogram(self, histogram: AgeHistogram, *, many: str | None = None) -> ChartValues:
        from minisip_console.ui.cdr_retention.models import capital

        many = tr("CDRs") if many is None else many
        values = chart_values(histogram)
        self.clear()
        self.values = values
        if values.total == 0:
            self.setCurrentWidget(self.empty)
            return values
        colours = theme.current()  # blue: kept as promised; red: past the retention; the cutoff line
        dark = colours.name == "dark"
        if (self.chart.theme() == QChart.ChartTheme.ChartThemeDark) != dark:  # resets the fonts: only on a change
            self.chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
        within = QBarSet(tr("Within retention (younger than {days} days)").format(days=values.cutoff_days))
        within.setColor(QColor(colours.chart_within))
        within.setBorderColor(QColor(colours.chart_within))
        held = tr(", {count:,} held").format(count=values.held) if values.held else ""
        past = QBarSet(
            tr("Past retention ({days} days or older): {count:,} to purge{held}").format(
                days=values.cutoff_days, count=values.to_purge, held=held
            )
        )
        past.setColor(QColor(colours.chart_past))
        past.setBorderColor(QColor(colours.chart_past))
        within.append([float(v) for v in values.within])
        past.append([float(v) for v in values.past])
        bars = QStackedBarSeries()
        bars.setBarWidth(0.9)
        bars.append(within)
        bars.append(past)
        self.chart.addSeries(bars)

        top = _nice_ceiling(values.peak)
        cutoff = QLineSeries()
        cutoff.setName(tr("Cutoff: {days} days").format(days=values.cutoff_days))
        pen = QPen(QColor(colours.chart_cutoff))
        pen.setWidth(2)
        pen.setStyle(Qt.PenStyle.DashLine)
        cutoff.setPen(pen)
        cutoff.append(QPointF(values.cutoff_x, 0))
        cutoff.append(QPointF(values.cutoff_x, top))
        self.chart.addSeries(cutoff)

        x = QValueAxis()
        last = len(values.ages) - 1
        x.setRange(-0.5, last + 0.5)
        x.setTickType(QValueAxis.TickType.TicksDynamic)
        x.setTickAnchor(0)
        x.setTickInterval(10 if values.max_days > 40 else 5)
        x.setLabelFormat("%d")
        x.setMinorTickCount(0)
        x.setTitleText(tr("Age in days (the last bar, at {last}: older than {days} days)").format(last=last, days=values.max_days))
        y = QValueAxis()
        y.setRange(0, top)
        y.setLabelFormat("%d")
        y.setTickCount(6)
        y.setTitleText(capital(many))
        bold = QFont(x.titleFont())
        bold.setBold(False)
        x.setTitleFont(bold)
        y.setTitleFont(bold)
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, cutoff):
            series.attachAxis(x)
            series.attachAxis(y)
        self.view.setAccessibleName(tr("{many} by age in days").format(many=capital(many)))
        self.view.setAccessibleDescription(
            tr("{total:,} {many}; {past:,} are {days} days old or older, past the retention: {count:,} to purge{held}.").format(
                total=values.total, many=many, past=values.past_total, days=values.cutoff_days, count=values.to_purge, held=held
            )
        )
        self.setCurrentWidget(self.view)
        return values
