"""A one-year synthetic delivery run, checked file by file (names, BSNs, amounts, volumes, corrections)."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from synthetic import catalog, generate
from synthetic.bsn import broken_bsn, elfproef, valid_bsns
from synthetic.population import simulate

NAME = re.compile(r"^(\d{8})_(\d{4})(\d{2})_(trajecten|declaraties|wachtlijst)\.(csv|xlsx)$")
UNKNOWN = "999999999"
HLV = {"GM0917", "GM0882", "GM0986", "0917", "0882", "0986"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    landing = tmp_path_factory.mktemp("landing")
    return generate(landing, scale="zl", start_year=2020, years=1, seed=7)


def read(path: Path) -> pl.DataFrame:
    """A delivery as all-text columns, whatever its separator, encoding or format."""
    if path.suffix == ".xlsx":
        frame = pl.read_excel(path)
        return frame.select(pl.all().cast(pl.String))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    separator = ";" if ";" in text.splitlines()[0] else ","
    return pl.read_csv(io.StringIO(text), separator=separator, infer_schema=False)


def files(run, soort: str, folder: str = "2020-01") -> list[Path]:
    return sorted((run.landing_dir / "aanleveringen" / folder).glob(f"*_{soort}.*"))


def test_elfproef_known_values():
    assert elfproef("111222333") and elfproef("123456782")
    assert not elfproef(broken_bsn("111222333")) and not elfproef("12345678") and not elfproef("12345678a")
    bsns = valid_bsns(np.random.default_rng(1), 5000)
    assert len(set(bsns)) == 5000 and all(elfproef(b) for b in bsns)


def test_file_names_and_mtimes_follow_delivery(run):
    paths = [p for p in (run.landing_dir / "aanleveringen").rglob("*") if p.is_file()]
    assert len(paths) == run.total_files
    for path in paths:
        match = NAME.match(path.name)
        assert match, path.name
        year, month = int(match.group(2)), int(match.group(3))
        assert (year, 1 <= month <= 12) == (2020, True)
        month_end = datetime(year + month // 12, month % 12 + 1, 1)
        assert datetime.fromtimestamp(path.stat().st_mtime) > month_end
    assert {p.suffix for p in paths} == {".csv", ".xlsx"}


def test_corrections_replace_with_newer_mtime_and_other_content(run):
    corrections = sorted((run.landing_dir / "aanleveringen" / "herlevering").iterdir())
    assert len(corrections) == run.corrections > 0
    for path in corrections:
        original = run.landing_dir / "aanleveringen" / f"{path.name[9:13]}-{path.name[13:15]}" / path.name
        assert path.stat().st_mtime > original.stat().st_mtime
        assert read(path).height < read(original).height


def test_bsns_pass_the_elfproef_except_a_few_deliberate_bad_rows(run):
    trajecten = pl.concat([read(p).select("bsn") for p in files(run, "trajecten", "2020-06")])
    failing = sum(not elfproef(b) for b in trajecten["bsn"] if b != UNKNOWN)
    assert 0 < failing < 0.005 * trajecten.height
    wachtlijst = pl.concat([read(p).select("bsn") for p in files(run, "wachtlijst", "2020-06")])
    assert all(elfproef(b) for b in wachtlijst["bsn"] if b != UNKNOWN)


def test_bedrag_is_volume_times_tarief(run):
    for path in files(run, "declaraties"):
        frame = read(path).select(pl.col("volume", "tarief", "bedrag").str.replace(",", ".", literal=True).cast(pl.Float64))
        assert (frame["volume"] * frame["tarief"] - frame["bedrag"]).abs().max() < 0.006, path.name


def test_volumes_match_the_published_jens_figures(run):
    january = pl.concat([read(p).select("bsn", "gemeentecode", "datum_aanvang") for p in files(run, "trajecten")])
    on_first = january.filter(pl.col("datum_aanvang").str.replace_all("-", "") <= "20200101")
    hlv = on_first.filter(pl.col("gemeentecode").is_in(HLV))["bsn"].n_unique()
    assert 1900 <= hlv <= 2600  # published: 2235 on 1 January 2020
    assert 9000 <= on_first["bsn"].n_unique() <= 13000  # all of Zuid-Limburg
    assert run.bad_rows < 0.005 * run.rows["trajecten"]
    waiting = pl.concat([read(p) for p in files(run, "wachtlijst", "2020-03")])
    hlv_waiting = waiting.filter(pl.col("gemeentecode").is_in(HLV) & pl.col("productcode").str.contains("^[0-9]{2}K[23]"))
    assert 200 <= hlv_waiting.height <= 450  # published K2+K3 Q1 2020: 444


def test_old_beekdaelen_codes_appear_for_trajectories_started_before_2019(run):
    january = pl.concat([read(p).select("gemeentecode", "datum_aanvang") for p in files(run, "trajecten")])
    old = january.filter(pl.col("gemeentecode").str.contains("0951|0881|0962"))
    assert old.height > 0
    assert (old["datum_aanvang"].str.replace_all("-", "") < "20190101").all()


def test_simulation_is_deterministic_for_a_seed():
    first = simulate(np.random.default_rng(3), "zl", 2021, 1)
    assert first.equals(simulate(np.random.default_rng(3), "zl", 2021, 1))
    assert not first.equals(simulate(np.random.default_rng(4), "zl", 2021, 1))


def test_region_is_an_alias_of_zl_and_unknown_scales_fail():
    assert catalog.streams("region").equals(catalog.streams("zl"))
    with pytest.raises(ValueError):
        catalog.streams("provincie")


def test_national_streams_cover_all_gemeenten_with_the_national_stock():
    streams = catalog.streams("nl")
    assert streams["gemeentecode"].n_unique() == 342
    assert streams["in_zorg"].sum() == pytest.approx(catalog.NL_IN_CARE)
    per_gemeente = streams.group_by("gemeentecode").agg(pl.col("in_zorg").sum())
    biggest = per_gemeente.sort("in_zorg", descending=True)["gemeentecode"].head(4).to_list()
    assert set(biggest) == set(catalog.YOUTH_KNOWN)  # the G4 are the largest streams
    heerlen = per_gemeente.filter(pl.col("gemeentecode") == "GM0917")["in_zorg"].item()
    assert heerlen == pytest.approx(1473)  # Zuid-Limburg keeps its published / budgeted sizes


@pytest.fixture(scope="module")
def nl_run(tmp_path_factory):
    landing = tmp_path_factory.mktemp("nl")
    return generate(landing, scale="nl", start_year=2021, years=1, seed=5, fraction=0.01)


def test_tiny_national_run_delivers_for_a_sample_of_gemeenten_with_regional_providers(nl_run):
    sample = catalog.sample_gemeenten(catalog.current_gemeenten()["gemeentecode"].to_list(), 0.01)
    assert len(sample) == 3  # round(0.01 x 342)
    paths = [p for p in (nl_run.landing_dir / "aanleveringen").rglob("*_trajecten.*")]
    trajecten = pl.concat([read(p).select("bsn", "gemeentecode", "datum_aanvang") for p in paths])
    codes = set(trajecten["gemeentecode"].str.replace("^GM", "").to_list())
    assert codes == {c[2:] for c in sample}
    # Voorschoten (Haaglanden), Peel en Maas (Noord Limburg), Hoeksche Waard (Zuid-Holland Zuid): none in Zuid-Limburg,
    # so only the regional counterparts (996 + region index + provider index) of those three regions deliver
    assert sample == ["GM0626", "GM1894", "GM1963"]
    regions = {catalog.other_regions().index(r) for r in ("Haaglanden", "Noord Limburg", "Zuid-Holland Zuid")}
    agbs = {p.name[:8] for p in paths}
    assert all(a.startswith("996") for a in agbs) and {int(a[3:5]) for a in agbs} == regions
    reference = pl.read_csv(nl_run.landing_dir / "referentie" / "aanbieders.csv", separator=";", infer_schema=False)
    assert list(reference.columns) == ["agb", "naam", "type", "klein", "jaar"]
    assert set(reference["agb"]) == {p.name[:8] for p in (nl_run.landing_dir / "aanleveringen").rglob("*.*")}
    names = dict(catalog.read_seed("aanbieders").select("agb", "naam").iter_rows())
    for agb, naam in reference.select("agb", "naam").unique().iter_rows():  # "<ZL counterpart> <region>"
        region = catalog.other_regions()[int(agb[3:5])]
        assert naam == f"{names[catalog.zl_agbs()[int(agb[5:])]]} {region}"
    # clients in care on 1 January 2021 follow the (size-model) streams of the sampled gemeenten
    target = catalog.streams("nl", 0.01)["in_zorg"].sum()
    january = pl.concat([read(p).select("bsn", "datum_aanvang") for p in paths if "2021-01" in str(p)])
    on_first = january.filter(pl.col("datum_aanvang").str.replace_all("-", "") <= "20210101")["bsn"].n_unique()
    assert 0.8 * target <= on_first <= 1.3 * target


