"""Generate provider deliveries into a landing dir, month by month (inputs.md section 1, docs/design.md)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from synthetic import catalog
from synthetic.bsn import broken_bsn
from synthetic.population import simulate
from synthetic.writer import Style, provider_styles, write_delivery

TRAJECT_COLUMNS = ["traject_id", "bsn", "geboortedatum", "geslacht", "gemeentecode", "productcode", "hulpvorm",
                   "verwijzer", "gestart_met_crisis", "aanmelddatum", "datum_aanvang", "datum_einde", "reden_beeindiging"]
BAD_BSN_SHARE = 0.0015
BAD_ORDER_SHARE = 0.001
CREDIT_SHARE = 0.003
OVERBRUGGING_SHARE = 0.2
LATE_SHARE = 0.02
CORRECTION_SHARE = 0.01
DELIVERY_DELAY_DAYS = {"wachtlijst": (2, 8), "trajecten": (6, 18), "declaraties": (12, 26)}


@dataclass
class GenerationSummary:
    landing_dir: Path
    files: dict[str, int] = field(default_factory=lambda: {"trajecten": 0, "declaraties": 0, "wachtlijst": 0})
    rows: dict[str, int] = field(default_factory=lambda: {"trajecten": 0, "declaraties": 0, "wachtlijst": 0})
    bad_rows: int = 0
    late_files: int = 0
    corrections: int = 0
    clients: int = 0
    bytes_written: int = 0
    seconds: float = 0.0

    @property
    def total_files(self) -> int:
        return sum(self.files.values()) + self.corrections


def generate(landing_dir: Path, scale: str = "zl", start_year: int = 2020, years: int = 5,
             seed: int = 42, fraction: float = 1.0) -> GenerationSummary:
    """Write monthly trajecten, declaraties and wachtlijst files per provider for `years` years from start_year.

    scale 'region' (alias 'zl': Zuid-Limburg) or 'nl' (all current gemeenten; fraction < 1 keeps a deterministic
    sample of them). Files go to <landing_dir>/aanleveringen/<YYYY-MM>/, corrections to aanleveringen/herlevering/
    (same name, newer mtime); for 'nl' the providers outside Zuid-Limburg are added in referentie/aanbieders.csv.
    Deterministic for a given seed.
    """
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    trajecten = simulate(rng, scale, start_year, years, fraction)
    if catalog.canonical_scale(scale) == "nl":
        _write_providers(landing_dir, trajecten["agb"].unique().to_list())
    styles = provider_styles(rng, trajecten["agb"].unique().to_list())
    tarieven = _tariffs(start_year, years)
    last_day = date(start_year + years - 1, 12, 31)
    summary = GenerationSummary(landing_dir=landing_dir,
                                clients=trajecten.filter(pl.col("datum_aanvang") <= last_day)["client"].n_unique())
    credits: pl.DataFrame | None = None
    for month in pl.date_range(date(start_year, 1, 1), date(start_year + years - 1, 12, 1), "1mo", eager=True):
        month_end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        snapshot = _snapshot(rng, trajecten, month, month_end, summary)
        declaraties = _declaraties(trajecten, tarieven, month, month_end)
        wachtlijst = _wachtlijst(rng, trajecten, month_end)
        deliveries = {"trajecten": snapshot, "declaraties": pl.concat([declaraties, credits]) if credits is not None else declaraties,
                      "wachtlijst": wachtlijst}
        credits = _credits(rng, declaraties)
        for soort, frame in deliveries.items():
            for (agb,), part in frame.partition_by("agb", as_dict=True).items():
                _deliver(rng, summary, styles[agb], agb, month, month_end, soort, part.drop("agb"))
    summary.seconds = round(time.perf_counter() - started, 1)
    return summary


def _write_providers(landing_dir: Path, agbs: list[str]) -> None:
    """The reference rows of the regional providers that deliver, as a referentie/ override (inputs.md section 3)."""
    rows = catalog.regional_providers().filter(pl.col("agb").is_in(agbs))
    path = landing_dir / "referentie" / "aanbieders.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    rows.write_csv(path, separator=";")


def _tariffs(start_year: int, years: int) -> pl.DataFrame:
    rows = [(p.code, y, p.eenheid, round(p.tarief_2023 * (1 + catalog.TARIEF_INDEX) ** (y - 2023), 2), p.volume)
            for p in catalog.PRODUCTS for y in range(start_year, start_year + years)]
    old, new, _ = catalog.MKD_SUCCESSOR
    rows += [(new, y, e, t, v) for code, y, e, t, v in rows if code == old]
    return pl.DataFrame(rows, schema=["productcode", "jaar", "eenheid", "tarief", "volume_maand"], orient="row")


def _active(trajecten: pl.DataFrame, start: date, end: date) -> pl.DataFrame:
    return trajecten.filter((pl.col("datum_aanvang") <= end) & (pl.col("datum_einde") >= start))


def _snapshot(rng, trajecten: pl.DataFrame, month: date, month_end: date, summary: GenerationSummary) -> pl.DataFrame:
    """Every trajectory that ran in the month; datum_einde and reden only once the end is in the past."""
    frame = _active(trajecten, month, month_end).with_columns(
        pl.when(pl.col("datum_einde") <= month_end).then(pl.col("datum_einde")).alias("datum_einde"),
        pl.when(pl.col("datum_einde") <= month_end).then(pl.col("reden_beeindiging")).alias("reden_beeindiging"),
    )
    n = frame.height
    bad_bsn = rng.random(n) < BAD_BSN_SHARE
    bad_order = (rng.random(n) < BAD_ORDER_SHARE) & ~bad_bsn
    summary.bad_rows += int(bad_bsn.sum() + bad_order.sum())
    bsn = frame["bsn"].to_numpy().copy()
    bsn[bad_bsn] = [broken_bsn(b) for b in bsn[bad_bsn]]
    return frame.with_columns(
        pl.Series("bsn", bsn, dtype=pl.String),
        pl.when(pl.Series(bad_order)).then(pl.col("datum_aanvang") - pl.duration(days=5)).otherwise(pl.col("datum_einde")).alias("datum_einde"),
        pl.when(pl.Series(bad_order)).then(pl.lit("02")).otherwise(pl.col("reden_beeindiging")).alias("reden_beeindiging"),
    ).select(["agb", *TRAJECT_COLUMNS])


def _declaraties(trajecten: pl.DataFrame, tarieven: pl.DataFrame, month: date, month_end: date) -> pl.DataFrame:
    """One line per trajectory per month: volume pro rata the days in care, bedrag = volume x tarief."""
    days_in_month = (month_end - month).days + 1
    days = (pl.min_horizontal("datum_einde", pl.lit(month_end)) - pl.max_horizontal("datum_aanvang", pl.lit(month))).dt.total_days() + 1
    share = days / days_in_month
    volume = (pl.when(pl.col("eenheid") == "14").then(days.cast(pl.Float64))
              .when(pl.col("eenheid") == "82").then(pl.lit(1.0))
              .when(pl.col("eenheid") == "16").then((pl.col("volume_maand") * share).round(0).clip(1))
              .otherwise(((pl.col("volume_maand") * share * 4).round(0) / 4).clip(0.25)))
    return (
        _active(trajecten, month, month_end)
        .with_columns(pl.lit(month.year).alias("jaar"))
        .join(tarieven, on=["productcode", "jaar"], how="left")
        .with_columns(volume.alias("volume"), pl.lit(month).alias("periode"))
        .with_columns((pl.col("volume") * pl.col("tarief")).round(2).alias("bedrag"))
        .select("agb", "traject_id", "productcode", pl.col("periode").dt.strftime("%Y%m"), "volume", "eenheid",
                "tarief", "bedrag")
    )


def _credits(rng, declaraties: pl.DataFrame) -> pl.DataFrame:
    """Credit lines (negative volume and bedrag) for a few lines of this month, sent with next month's file."""
    pick = declaraties.filter(pl.Series(rng.random(declaraties.height) < CREDIT_SHARE))
    return pick.with_columns(-pl.col("volume"), -pl.col("bedrag"))


def _wachtlijst(rng, trajecten: pl.DataFrame, month_end: date) -> pl.DataFrame:
    """Everyone registered on or before the last day of the month whose trajectory has not started yet."""
    waiting = trajecten.filter((pl.col("aanmelddatum") <= month_end) & (pl.col("datum_aanvang") > month_end))
    overbrugging = np.where(rng.random(waiting.height) < OVERBRUGGING_SHARE, "J", "N")
    return waiting.select("agb", "bsn", "gemeentecode", "productcode", "aanmelddatum",
                          pl.Series("overbrugging", overbrugging, dtype=pl.String))


def _deliver(rng, summary: GenerationSummary, style: Style, agb: str, month: date, month_end: date, soort: str,
             frame: pl.DataFrame) -> None:
    low, high = DELIVERY_DELAY_DAYS[soort]
    delay = timedelta(days=int(rng.integers(low, high + 1)), hours=int(rng.integers(7, 19)), minutes=int(rng.integers(0, 60)))
    if rng.random() < LATE_SHARE:
        delay += timedelta(days=int(rng.integers(30, 100)))
        summary.late_files += 1
    delivered = datetime.combine(month_end, datetime.min.time()) + delay
    name = f"{agb}_{month:%Y%m}_{soort}.{'xlsx' if style.xlsx else 'csv'}"
    aanleveringen = summary.landing_dir / "aanleveringen"
    summary.bytes_written += write_delivery(aanleveringen / f"{month:%Y-%m}" / name, frame, style, delivered)
    summary.files[soort] += 1
    summary.rows[soort] += frame.height
    if rng.random() < CORRECTION_SHARE and frame.height > 1:
        corrected = _corrected(frame, soort)
        later = delivered + timedelta(days=int(rng.integers(5, 41)))
        summary.bytes_written += write_delivery(aanleveringen / "herlevering" / name, corrected, style, later)
        summary.corrections += 1


def _corrected(frame: pl.DataFrame, soort: str) -> pl.DataFrame:
    """A full replacement: trajecten drop the rows with an impossible end date, other files lose their last row."""
    if soort == "trajecten":
        fixed = frame.filter(pl.col("datum_einde").is_null() | (pl.col("datum_einde") >= pl.col("datum_aanvang")))
        if fixed.height < frame.height:
            return fixed
    return frame.head(frame.height - 1)
