"""What the synthetic providers deliver: reference seeds plus the generator's own care assumptions.

The seeds (dbt_project/seeds) are the single source for gemeenten, aanbieders, productcodes and budgetten; this
module only adds what reference data does not hold: product mix, tariffs, durations and which provider delivers what.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

SEEDS_DIR = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
SCALE_ALIASES = {"region": "zl"}
ZL_REGION = "Zuid-Limburg"
# National stock of clients in care (about 450,000 different young people with jeugdhulp a year, CBS).
NL_IN_CARE = 212_000
YOUTH_MEDIAN, YOUTH_SIGMA = 5_500, 0.85  # youth 0-17 per gemeente: median and log-spread (size model)
YOUTH_CAP = 45_000  # no other gemeente has more youth than the largest after the G4 (Almere, Eindhoven)
YOUTH_KNOWN = {"GM0363": 150_000, "GM0599": 128_000, "GM0518": 113_000, "GM0344": 72_000}  # G4, approx. CBS 2020

HLV_IN_CARE_2020 = {"GM0917": 1473, "GM0882": 631, "GM0986": 131}  # JENS jaarverantwoording 2020, 1 January
HLV_SEGMENT_SHARE = {"K1": 0.15, "K2": 0.45, "K3": 0.40}
BEEKDAELEN = "GM1954"
BEEKDAELEN_OLD = (("GM0951", 0.43), ("GM0881", 0.22), ("GM0962", 0.35))  # Nuth, Onderbanken, Schinnen
MERGER_DATE = "2019-01-01"

# segment -> (median duration in months, sigma of log duration)
DURATION = {
    "K1": (5.0, 1.4), "K2": (8.0, 1.4), "K3": (10.5, 1.4),
    "Ambulant": (6.0, 1.4), "Wonen": (14.0, 1.1), "GIK-J en gedwongen kader": (5.0, 1.0), "Crisis": (1.5, 0.6),
}
VERWIJZER_MIX = (("01", 0.45), ("02", 0.30), ("03", 0.07), ("04", 0.06), ("05", 0.06), ("06", 0.04), ("08", 0.02))
REDEN_MIX = (("01", 0.65), ("02", 0.15), ("03", 0.06), ("04", 0.04), ("05", 0.10))
TARIEF_INDEX = 0.03  # yearly tariff indexation around the 2023 level


@dataclass(frozen=True)
class Product:
    code: str
    segment: str
    weight: float  # share within the segment
    eenheid: str  # WJ756
    tarief_2023: float
    volume: float  # per full month (etmaal products: days in the month)
    providers: str  # provider group key, see PROVIDER_GROUPS


PRODUCTS = (
    Product("45K11", "K1", 0.40, "04", 68.0, 4.0, "K1"),
    Product("45K12", "K1", 0.35, "82", 340.0, 1.0, "K1"),
    Product("45K13", "K1", 0.25, "04", 72.0, 5.0, "K1"),
    Product("45K21", "K2", 0.40, "04", 96.0, 12.0, "K2"),
    Product("45K22", "K2", 0.25, "04", 92.0, 12.0, "K2"),
    Product("54K23", "K2", 0.20, "04", 112.0, 11.0, "K2"),
    Product("45K24", "K2", 0.15, "04", 88.0, 12.0, "K2"),
    Product("45K31", "K3", 0.33, "04", 112.0, 8.0, "K3"),
    Product("54K32", "K3", 0.28, "04", 122.0, 9.0, "K3"),
    Product("41K33", "K3", 0.05, "16", 98.0, 16.0, "K3_MKD"),
    Product("45K35", "K3", 0.08, "04", 108.0, 5.0, "K3"),
    Product("44K36", "K3", 0.10, "14", 62.0, 30.4, "K3"),
    Product("43K37", "K3", 0.05, "14", 195.0, 30.4, "K3"),
    Product("43K38", "K3", 0.05, "14", 285.0, 30.4, "K3"),
    Product("44K39", "K3", 0.06, "14", 150.0, 4.0, "K3"),
    Product("43G01", "GIK-J en gedwongen kader", 0.35, "14", 620.0, 30.4, "GIKJ"),
    Product("43G02", "GIK-J en gedwongen kader", 0.25, "14", 480.0, 30.4, "GIKJ"),
    Product("45G03", "GIK-J en gedwongen kader", 0.40, "04", 125.0, 8.0, "GI"),
    Product("44W01", "Wonen", 0.45, "14", 62.0, 30.4, "PLEEGZORG"),
    Product("43W02", "Wonen", 0.20, "14", 195.0, 30.4, "WONEN"),
    Product("43W03", "Wonen", 0.20, "14", 265.0, 30.4, "WONEN"),
    Product("44W04", "Wonen", 0.15, "14", 140.0, 30.4, "WONEN"),
    Product("45A01", "Ambulant", 0.34, "04", 78.0, 7.0, "SUBREGIO"),
    Product("45A02", "Ambulant", 0.22, "04", 105.0, 6.0, "SUBREGIO"),
    Product("54A03", "Ambulant", 0.20, "04", 120.0, 6.0, "GGZ"),
    Product("41A04", "Ambulant", 0.04, "16", 98.0, 14.0, "MKD"),
    Product("45A05", "Ambulant", 0.08, "04", 110.0, 2.0, "SUBREGIO"),
    Product("44A06", "Ambulant", 0.06, "14", 150.0, 4.0, "SUBREGIO"),
    Product("45A07", "Ambulant", 0.06, "04", 125.0, 6.0, "SUBREGIO"),
    Product("46C01", "Crisis", 0.70, "04", 115.0, 10.0, "CRISIS"),
    Product("46C02", "Crisis", 0.20, "14", 310.0, 30.4, "CRISIS"),
    Product("46C03", "Crisis", 0.10, "14", 95.0, 30.4, "CRISIS"),
)
MKD_SUCCESSOR = ("41K33", "41K34", "2023-06-30")  # Xonar stopped the MKD mid-2023; JENS continued it as VVS

# provider group -> ((agb, weight), ...); agb codes are the synthetic ones in seeds/aanbieders.csv
_LEDEN_K2 = (("99100001", 3), ("99100002", 3), ("99100003", 3), ("99100004", 2), ("99100007", 2), ("99100008", 2))
_ONDER = tuple((f"992000{i:02d}", 2.5) for i in range(1, 8)) + (("99300001", 2), ("99300002", 2), ("99300003", 2))
_LEVERANCIER = tuple((f"993000{i:02d}", 1.5) for i in range(4, 16))
_KLEIN = tuple((f"994000{i:02d}", 0.22) for i in range(1, 18))
PROVIDER_GROUPS = {
    "K1": (("99100005", 3), ("99100006", 2)),
    "K2": _LEDEN_K2,
    "K3": _ONDER + _LEVERANCIER + _KLEIN,
    "K3_MKD": (("99100001", 1),),
    "GIKJ": (("99500001", 1),),
    "GI": (("99500002", 7), ("99500003", 3)),
    "PLEEGZORG": (("99500010", 1),),
    "WONEN": (("99500005", 1), ("99500006", 1)),
    "GGZ": (("99300004", 2), ("99300007", 1), ("99100002", 2)),
    "MKD": (("99200001", 1),),
    "CRISIS": (("99500004", 1),),
}
SUBREGIO_PARTNER = {"Parkstad": "99500007", "Maastricht-Heuvelland": "99500008", "Westelijke Mijnstreek": "99500009"}


def read_seed(name: str) -> pl.DataFrame:
    """A seed CSV with every column as text (codes keep their leading zeros)."""
    return pl.read_csv(SEEDS_DIR / f"{name}.csv", infer_schema=False)


def provider_years() -> dict[str, tuple[int, int]]:
    """First and last contract year per AGB, from the aanbieders seed."""
    frame = read_seed("aanbieders").with_columns(pl.col("jaar").cast(pl.Int32))
    spans = frame.group_by("agb").agg(pl.col("jaar").min().alias("van"), pl.col("jaar").max().alias("tot"))
    return {row["agb"]: (row["van"], row["tot"]) for row in spans.iter_rows(named=True)}


def canonical_scale(scale: str) -> str:
    """'region' is the Zuid-Limburg scale ('zl'); 'nl' is the whole country."""
    canonical = SCALE_ALIASES.get(scale, scale)
    if canonical not in ("zl", "nl"):
        raise ValueError(f"unknown scale {scale!r}; use 'region' (alias 'zl') or 'nl'")
    return canonical


def current_gemeenten() -> pl.DataFrame:
    """The gemeenten valid today (no end date) with their jeugdzorgregio and subregio."""
    return read_seed("gemeenten").filter(pl.col("geldig_tot").is_null()).select("gemeentecode", "gemeentenaam",
                                                                                 "jeugdzorgregio", "subregio")


def sample_gemeenten(codes: list[str], fraction: float) -> list[str]:
    """A deterministic sample of about fraction x len(codes) gemeenten (at least one): the lowest sha256 of the code."""
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    ranked = sorted(codes, key=lambda code: hashlib.sha256(code.encode()).hexdigest())
    return sorted(ranked[:max(1, round(fraction * len(ranked)))])


def youth_weights(codes: list[str]) -> np.ndarray:
    """Relative youth population per gemeente: known sizes for the four largest, a log-normal size model otherwise
    (deterministic per code, median and spread of Dutch gemeenten)."""
    normal = np.array([np.random.default_rng(int(code[2:])).standard_normal() for code in codes])
    drawn = np.exp(np.log(YOUTH_MEDIAN) + YOUTH_SIGMA * normal)
    return np.array([YOUTH_KNOWN.get(code, value) for code, value in zip(codes, np.minimum(drawn, YOUTH_CAP))])


def _zl_streams() -> pl.DataFrame:
    hlv = pl.DataFrame(
        [(g, s, n * share) for g, n in HLV_IN_CARE_2020.items() for s, share in HLV_SEGMENT_SHARE.items()],
        schema=["gemeentecode", "segment", "in_zorg"], orient="row",
    )
    regional = (
        read_seed("budgetten")
        .filter((pl.col("jaar") == "2020") & (pl.col("segment") != "TOTAAL") & ~pl.col("gemeentecode").is_in(list(HLV_IN_CARE_2020)))
        .select("gemeentecode", "segment", pl.col("begrote_clienten_per_maand").cast(pl.Float64).alias("in_zorg"))
    )
    return pl.concat([hlv, regional])


def _nl_streams(zl: pl.DataFrame) -> pl.DataFrame:
    """Zuid-Limburg as budgeted; elsewhere the national stock spread by youth population over the regional segments
    in the Zuid-Limburg (non-HLV) budget mix."""
    others = current_gemeenten().filter(~pl.col("gemeentecode").is_in(zl["gemeentecode"].unique().to_list()))
    codes = others["gemeentecode"].to_list()
    weights = youth_weights(codes)
    in_care = (NL_IN_CARE - zl["in_zorg"].sum()) * weights / weights.sum()
    mix = zl.filter(~pl.col("segment").is_in(list(HLV_SEGMENT_SHARE))).group_by("segment").agg(pl.col("in_zorg").sum())
    shares = dict(zip(mix["segment"], mix["in_zorg"] / mix["in_zorg"].sum()))
    rows = [(code, segment, n * share) for code, n in zip(codes, in_care) for segment, share in sorted(shares.items())]
    return pl.concat([zl, pl.DataFrame(rows, schema=["gemeentecode", "segment", "in_zorg"], orient="row")])


def streams(scale: str, fraction: float = 1.0) -> pl.DataFrame:
    """Target clients in care per (gemeentecode, segment) with subregio and jeugdzorgregio: the sizes of the
    simulated care streams, for a deterministic sample of the gemeenten when fraction < 1."""
    zl = _zl_streams()
    frame = zl if canonical_scale(scale) == "zl" else _nl_streams(zl)
    keep = sample_gemeenten(frame["gemeentecode"].unique().to_list(), fraction)
    return frame.filter(pl.col("gemeentecode").is_in(keep)).join(
        read_seed("gemeenten").select("gemeentecode", "subregio", "jeugdzorgregio"), on="gemeentecode", how="left",
        maintain_order="left")


@functools.cache
def zl_agbs() -> list[str]:
    """The synthetic Zuid-Limburg AGB codes of the aanbieders seed, sorted."""
    return sorted(read_seed("aanbieders")["agb"].unique().to_list())


def regional_agb(agb: str, region_index: int) -> str:
    """The synthetic AGB of a Zuid-Limburg provider's counterpart in another jeugdzorgregio: 996 + region + number."""
    return f"996{region_index:02d}{zl_agbs().index(agb):03d}"


def regional_providers() -> pl.DataFrame:
    """aanbieders rows (agb, naam, type, klein, jaar) for the counterparts in every region outside Zuid-Limburg."""
    regions = other_regions()
    seed = read_seed("aanbieders").select("agb", "naam", "type", "klein", "jaar")
    return pl.concat([
        seed.with_columns(pl.col("agb").map_elements(lambda a, i=i: regional_agb(a, i), return_dtype=pl.String),
                          (pl.col("naam") + f" {region}").alias("naam"))
        for i, region in enumerate(regions)
    ])


def other_regions() -> list[str]:
    """Jeugdzorgregios outside Zuid-Limburg, in a fixed order (their index is part of the synthetic AGB)."""
    return sorted(set(current_gemeenten()["jeugdzorgregio"].to_list()) - {ZL_REGION})
