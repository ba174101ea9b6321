"""How a chart (and a caption) writes dates in the page's language: Plotly's own English, day-first numbers in Portuguese.

Plotly names months in English only (its other locales are JavaScript the app does not ship), so a
Portuguese page showed "Jan 1950" beside Portuguese text. Numbers are Brazilian convention instead:
``31/01/1950``, ``01/1950``, ``1950``. Decimal points stay points in every language, as in the
page's tables, equations and downloads.
"""

from __future__ import annotations

from datetime import datetime

# Plotly picks the first stop whose dtickrange holds the axis's tick spacing (milliseconds, or "M<n>" months)
_PT_STOPS = [
    dict(dtickrange=[None, 60_000], value="%H:%M:%S<br>%d/%m/%Y"),
    dict(dtickrange=[60_000, 86_400_000], value="%H:%M<br>%d/%m/%Y"),
    dict(dtickrange=[86_400_000, "M1"], value="%d/%m<br>%Y"),
    dict(dtickrange=["M1", "M12"], value="%m/%Y"),
    dict(dtickrange=["M12", None], value="%Y"),
]


def date_axis(lang: str, with_time: bool = False) -> dict:
    """Layout properties for a date x axis in ``lang`` (empty for English: Plotly's defaults).

    ``with_time``: the series has times of day (hourly data), so the hover shows hours too.
    """
    if lang != "pt":
        return {}
    return dict(tickformatstops=_PT_STOPS, hoverformat="%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


def date_text(when: str | datetime, lang: str, with_time: bool = False) -> str:
    """A date or timestamp (or its ISO text) as a reader writes it: ``1960-01-01`` (en) or
    ``01/01/1960`` (pt), with hours and minutes when it has a time of day or ``with_time`` (readings
    through the day: midnight is 00:00), and seconds when it has them; text that is not ISO comes
    back as it was."""
    if isinstance(when, str):
        try:
            when = datetime.fromisoformat(when)
        except ValueError:
            return when
    time = ""
    if when.second:
        time = " %H:%M:%S"
    elif with_time or (when.hour, when.minute) != (0, 0):
        time = " %H:%M"
    return when.strftime(("%d/%m/%Y" if lang == "pt" else "%Y-%m-%d") + time)
