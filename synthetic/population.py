"""Simulate the trajectories behind the deliveries: one polars frame, one row per trajectory (numpy-vectorised)."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from synthetic import catalog
from synthetic.bsn import valid_bsns

WARMUP_YEARS = 8  # simulate arrivals this long before the first delivery year, so the stock on 1 January is stationary
MAX_DAYS = 7 * 365
MAX_WAIT_DAYS = 150  # longest wait between aanmelding and start
GROWTH = 1.015  # yearly growth of new requests
STOCK_CALIBRATION = 1.25  # offsets the duration cap and the growth so the stock meets the targets
SECOND_SEGMENT_SHARE = 0.03  # clients with a concurrent trajectory in another segment
RETURN_SHARE = 0.08  # clients who start again 1-182 days after a trajectory ended
UNKNOWN_BSN_SHARE = 0.002
CRISIS_ELSEWHERE_SHARE = 0.005  # trajectories outside the Crisis segment that started with a crisis
DAY = np.timedelta64(1, "D")
DEFAULT_PARTNER = catalog.SUBREGIO_PARTNER["Parkstad"]  # ambulant partner model outside the ZL subregios


def _d(value: str | date) -> np.datetime64:
    return np.datetime64(value, "D")


class _Sampler:
    """Product and provider choice, shared by new, continued and derived trajectories."""

    def __init__(self, rng: np.random.Generator, subregio_of: dict[str, str], region_of: dict[str, int]):
        self.rng = rng
        self.subregio_of = subregio_of
        self.region_of = region_of  # gemeente outside Zuid-Limburg -> region index of its providers' AGBs
        self.years = catalog.provider_years()
        self.years |= {catalog.regional_agb(agb, r): span for r in set(region_of.values())
                       for agb, span in list(self.years.items())}
        self.first_year = min(first for first, _ in self.years.values())
        self.last_year = max(last for _, last in self.years.values())
        seeds = catalog.read_seed("productcodes").select("productcode", "hulpvorm")
        self.hulpvorm = dict(seeds.iter_rows())
        self.by_code = {p.code: p for p in catalog.PRODUCTS}

    def products(self, segments: np.ndarray, aanvang: np.ndarray) -> np.ndarray:
        out = np.empty(len(segments), dtype=object)
        for segment in np.unique(segments):
            options = [p for p in catalog.PRODUCTS if p.segment == segment]
            weights = np.array([p.weight for p in options])
            mask = segments == segment
            out[mask] = self.rng.choice([p.code for p in options], size=mask.sum(), p=weights / weights.sum())
        old, new, last_day = catalog.MKD_SUCCESSOR
        out[(out == old) & (aanvang > _d(last_day))] = new
        return out

    def providers(self, products: np.ndarray, gemeenten: np.ndarray, aanvang: np.ndarray) -> np.ndarray:
        out = np.empty(len(products), dtype=object)
        years = np.clip(aanvang.astype("datetime64[Y]").astype(int) + 1970, self.first_year, self.last_year)
        groups = np.array([self._group(code) for code in products], dtype=object)
        for group in np.unique(groups):
            for year in np.unique(years[groups == group]):
                mask = (groups == group) & (years == year)
                if group == "SUBREGIO":
                    out[mask] = [catalog.SUBREGIO_PARTNER.get(self.subregio_of.get(g), DEFAULT_PARTNER)
                                 for g in gemeenten[mask]]
                    continue
                options = [(agb, w) for agb, w in catalog.PROVIDER_GROUPS[group] if self._active(agb, year)]
                weights = np.array([w for _, w in options], dtype=float)
                out[mask] = self.rng.choice([agb for agb, _ in options], size=mask.sum(), p=weights / weights.sum())
        if self.region_of:  # elsewhere the same provider landscape, with the region's own AGB codes
            regions = np.array([self.region_of.get(g, -1) for g in gemeenten])
            for i in np.flatnonzero(regions >= 0):
                out[i] = catalog.regional_agb(out[i], regions[i])
        return out

    def _group(self, code: str) -> str:
        old, new, _ = catalog.MKD_SUCCESSOR
        return "K3" if code == new else self.by_code[code].providers

    def _active(self, agb: str, year: int) -> bool:
        first, last = self.years[agb]
        return first <= year <= last


def _durations(rng: np.random.Generator, segments: np.ndarray) -> np.ndarray:
    days = np.empty(len(segments), dtype=np.int64)
    for segment in np.unique(segments):
        median, sigma = catalog.DURATION[segment]
        mask = segments == segment
        raw = np.exp(np.log(median * 30.44) + sigma * rng.standard_normal(mask.sum()))
        days[mask] = np.clip(np.round(raw), 1, MAX_DAYS)
    return days


def _choice(rng: np.random.Generator, mix: tuple[tuple[str, float], ...], n: int) -> np.ndarray:
    codes = [c for c, _ in mix]
    weights = np.array([w for _, w in mix])
    return rng.choice(codes, size=n, p=weights / weights.sum()).astype(object)


def simulate(rng: np.random.Generator, scale: str, start_year: int, years: int, fraction: float = 1.0) -> pl.DataFrame:
    """All trajectories active between 1 January of start_year and the end of the last year."""
    streams = catalog.streams(scale, fraction)
    first = date(start_year, 1, 1)
    horizon = _d(date(start_year + years - 1, 12, 31))
    # arrivals run MAX_WAIT_DAYS past the horizon: clients registered before it but starting after it are waiting
    months = np.arange(np.datetime64(f"{start_year - WARMUP_YEARS}-01"),
                       np.datetime64(f"{start_year + years - 1}-12") + 1 + MAX_WAIT_DAYS // 30)
    month_years = months.astype("datetime64[Y]").astype(int) + 1970
    subregio_of = dict(streams.select("gemeentecode", "subregio").unique().iter_rows())
    region_index = {region: i for i, region in enumerate(catalog.other_regions())}
    region_of = {g: region_index[r] for g, r in streams.select("gemeentecode", "jeugdzorgregio").unique().iter_rows()
                 if r != catalog.ZL_REGION}
    sampler = _Sampler(rng, subregio_of, region_of)

    seg = streams["segment"].to_numpy()
    mean_months = np.array([catalog.DURATION[s][0] * np.exp(catalog.DURATION[s][1] ** 2 / 2) for s in seg])
    rates = (STOCK_CALIBRATION * streams["in_zorg"].to_numpy() / mean_months)[:, None] * GROWTH ** (month_years - start_year)[None, :]
    counts = rng.poisson(rates)
    stream_idx = np.repeat(np.repeat(np.arange(len(streams)), len(months)), counts.ravel())
    month_idx = np.repeat(np.tile(np.arange(len(months)), len(streams)), counts.ravel())
    month_start = months[month_idx].astype("datetime64[D]")
    month_len = ((months[month_idx] + 1).astype("datetime64[D]") - month_start).astype(int)
    aanvang = month_start + (rng.random(len(month_idx)) * month_len).astype(int) * DAY
    segments = seg[stream_idx].astype(object)
    gemeenten = streams["gemeentecode"].to_numpy()[stream_idx].astype(object)
    clients = np.arange(len(aanvang))
    base = _assemble(rng, sampler, clients, gemeenten, segments, aanvang)
    base = _where(base, base["einde"] >= _d(first))

    # derived trajectories of the same clients: a concurrent second segment, and returns within half a year
    pick = rng.random(len(base["aanvang"])) < SECOND_SEGMENT_SHARE
    other = np.where(np.isin(base["segment"][pick], ["K1", "K2", "K3"]), "Crisis",
                     np.where(base["segment"][pick] == "Wonen", "Ambulant", "Wonen")).astype(object)
    second = _assemble(rng, sampler, base["client"][pick], base["gemeente"][pick], other,
                       base["aanvang"][pick] + rng.integers(0, 60, pick.sum()) * DAY)
    back = rng.random(len(base["aanvang"])) < RETURN_SHARE
    again = _assemble(rng, sampler, base["client"][back], base["gemeente"][back], base["segment"][back],
                      base["einde"][back] + rng.integers(1, 183, back.sum()) * DAY)
    trajecten = _concat([base, second, again])
    trajecten = _split_exits(sampler, trajecten)
    trajecten = _where(trajecten, trajecten["aanvang"] <= horizon + MAX_WAIT_DAYS * DAY)
    return _finish(rng, sampler, trajecten)


def _assemble(rng, sampler: _Sampler, clients, gemeenten, segments, aanvang) -> dict[str, np.ndarray]:
    products = sampler.products(segments, aanvang)
    return {
        "client": np.asarray(clients),
        "gemeente": np.asarray(gemeenten, dtype=object),
        "segment": np.asarray(segments, dtype=object),
        "aanvang": aanvang,
        "einde": aanvang + (_durations(rng, segments) - 1) * DAY,
        "productcode": products,
        "agb": sampler.providers(products, np.asarray(gemeenten, dtype=object), aanvang),
        "reden": _choice(rng, catalog.REDEN_MIX, len(aanvang)),
        "continuation": np.zeros(len(aanvang), dtype=bool),
    }


def _where(t: dict[str, np.ndarray], mask: np.ndarray) -> dict[str, np.ndarray]:
    return {k: v[mask] for k, v in t.items()}


def _concat(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _split_at(sampler: _Sampler, t: dict, mask: np.ndarray, cut: np.ndarray, products: np.ndarray | None) -> dict:
    """End the masked trajectories on `cut` and continue them the next day (new provider or product)."""
    follow = _where(t, mask)
    t["einde"][mask] = cut
    t["reden"][mask] = "02"
    follow["aanvang"] = cut + DAY
    if products is not None:
        follow["productcode"] = products
    follow["agb"] = sampler.providers(follow["productcode"], follow["gemeente"], follow["aanvang"])
    follow["continuation"][:] = True
    return _concat([t, follow])


def _split_exits(sampler: _Sampler, t: dict) -> dict:
    """Providers that leave (Xonar after 2023) and products that stop (MKD mid-2023) hand their clients over."""
    old, new, last_day = catalog.MKD_SUCCESSOR
    mkd = (t["productcode"] == old) & (t["einde"] > _d(last_day))
    t = _split_at(sampler, t, mkd, np.full(mkd.sum(), _d(last_day)), np.full(mkd.sum(), new, dtype=object))
    last_year = np.array([sampler.years[a][1] for a in t["agb"]])
    cut = (last_year + 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]") - DAY
    leaving = t["einde"] > cut
    return _split_at(sampler, t, leaving, cut[leaving], None)


def _finish(rng, sampler: _Sampler, t: dict) -> pl.DataFrame:
    n = len(t["aanvang"])
    order = np.lexsort((t["client"], t["aanvang"]))
    t = _where(t, order)
    clients, first_idx, client_pos = np.unique(t["client"], return_index=True, return_inverse=True)
    bsn = valid_bsns(rng, len(clients))
    bsn[rng.random(len(clients)) < UNKNOWN_BSN_SHARE] = "999999999"
    age_days = (rng.random(len(clients)) * 17.9 * 365.25).astype(int)
    geboortedatum = t["aanvang"][first_idx] - age_days * DAY
    geslacht = _choice(rng, (("M", 0.52), ("V", 0.47), ("O", 0.01)), len(clients))

    gemeente = t["gemeente"].copy()
    before_merger = (gemeente == catalog.BEEKDAELEN) & (t["aanvang"] < _d(catalog.MERGER_DATE))
    gemeente[before_merger] = _choice(rng, catalog.BEEKDAELEN_OLD, before_merger.sum())
    hulpvorm = np.array([sampler.hulpvorm[p] for p in t["productcode"]], dtype=object)
    verwijzer = np.where(hulpvorm == "01", "06", _choice(rng, catalog.VERWIJZER_MIX, n)).astype(object)
    crisis_segment = t["segment"] == "Crisis"
    crisis = np.where(crisis_segment | (rng.random(n) < CRISIS_ELSEWHERE_SHARE), "01", "02").astype(object)
    wait = rng.integers(0, MAX_WAIT_DAYS + 1, n) * DAY
    aanmeld = np.where(crisis_segment | t["continuation"], t["aanvang"], t["aanvang"] - wait)
    aanmeld = np.where(t["segment"] == "K1", np.datetime64("NaT"), aanmeld)
    return pl.DataFrame({
        "traject_id": [f"T{i:07d}" for i in range(1, n + 1)],
        "client": t["client"],
        "bsn": bsn[client_pos],
        "geboortedatum": geboortedatum[client_pos],
        "geslacht": geslacht[client_pos],
        "gemeentecode": gemeente,
        "segment": t["segment"],
        "productcode": t["productcode"],
        "agb": t["agb"],
        "hulpvorm": hulpvorm,
        "verwijzer": verwijzer,
        "gestart_met_crisis": crisis,
        "aanmelddatum": aanmeld.astype("datetime64[D]"),
        "datum_aanvang": t["aanvang"],
        "datum_einde": t["einde"],
        "reden_beeindiging": t["reden"],
    })
