"""Building blocks of the row rules: polars expressions that parse provider text, and pandera checks.

A check is named after the reason code it reports (docs/design.md), so a pandera failure maps to exactly one code.
Nulls pass every check: emptiness is the business of `nullable` (reported as REQUIRED_MISSING).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import pandera.polars as pa
import polars as pl

from ingest.readers import ROW_NUMBER

NUMBER_PATTERN = r"^[+-]?\d+([.,]\d+)?$"
MAX_TEXT_LENGTH = 100
UNKNOWN_BSN = "999999999"
ELFPROEF_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
# Helper columns added to a validation batch: which delivery a row belongs to, and the last day of its month.
DELIVERY = "levering_nr"
LAST_DAY = "laatste_dag"

Predicate = Callable[[pl.Expr], pl.Expr]


# --- parsing expressions (shared by the checks and by the conversion to typed columns) ---

def padded_code(value: pl.Expr) -> pl.Expr:
    """'1' -> '01' (spreadsheets drop leading zeros of codes)."""
    return pl.when(value.str.contains(r"^\d$")).then(pl.lit("0") + value).otherwise(value)


def parse_date(value: pl.Expr, allow_zero_parts: bool = False) -> pl.Expr:
    """JJJJMMDD, JJJJ-MM-DD (or an Excel 'JJJJ-MM-DD 00:00:00') -> Date; with allow_zero_parts '00' day/month -> 01."""
    compact = (
        pl.when(value.str.contains(r"^\d{8}$")).then(value)
        .when(value.str.contains(r"^\d{4}-\d{2}-\d{2}( 00:00:00)?$"))
        .then(value.str.slice(0, 10).str.replace_all("-", ""))
    )
    if allow_zero_parts:
        month, day = compact.str.slice(4, 2), compact.str.slice(6, 2)
        compact = compact.str.slice(0, 4) + month.replace("00", "01") + day.replace("00", "01")
    parsed = compact.str.strptime(pl.Date, "%Y%m%d", strict=False)
    return pl.when(parsed.dt.year() >= 1900).then(parsed)


def parse_periode(value: pl.Expr) -> pl.Expr:
    """JJJJMM -> first day of that month."""
    parsed = pl.when(value.str.contains(r"^\d{6}$")).then(value + "01").str.strptime(pl.Date, "%Y%m%d", strict=False)
    return pl.when(parsed.dt.year() >= 1900).then(parsed)


def parse_number(value: pl.Expr, dtype: pl.DataType = pl.Float64) -> pl.Expr:
    """'1234,56' or '1234.56' -> number; anything else -> null."""
    return pl.when(value.str.contains(NUMBER_PATTERN)).then(value.str.replace(",", ".")).cast(dtype, strict=False)


def uppercase(value: pl.Expr) -> pl.Expr:
    return value.str.to_uppercase()


def normalise_gemeentecode(value: pl.Expr) -> pl.Expr:
    """'0917', 'gm0917' -> 'GM0917'."""
    return pl.lit("GM") + value.str.slice(-4)


def elfproef(value: pl.Expr) -> pl.Expr:
    total = pl.sum_horizontal(
        value.str.slice(i, 1).cast(pl.Int32, strict=False) * weight for i, weight in enumerate(ELFPROEF_WEIGHTS)
    )
    return (total % 11 == 0) & (total != 0)


# --- checks ---

def rule(reden_code: str, ok: Predicate) -> pa.Check:
    """A column check reporting `reden_code`; `ok` maps the column to True (fine) / False (reject). The check keeps
    its predicate (`row_ok`), so `rows_passing` can evaluate the same rule without pandera."""
    check = pa.Check(lambda data: data.lazyframe.select(_passes(ok, pl.col(data.key))), name=reden_code)
    check.row_ok = ok
    return check


def _passes(ok: Predicate, column: pl.Expr) -> pl.Expr:
    return ok(column).fill_null(True)


def rows_passing(schema: pa.DataFrameSchema) -> pl.Expr:
    """True for a row that breaks none of the schema's row rules (every check and every non-nullable column): one
    polars expression over all rules, evaluated in one pass. Pandera then only has to explain the other rows."""
    ok = []
    for name, column in schema.columns.items():
        ok += [_passes(check.row_ok, pl.col(name)) for check in column.checks]
        if not column.nullable:
            ok.append(pl.col(name).is_not_null())
    return pl.all_horizontal(ok)


def no_formula() -> pa.Check:
    return rule("FORMULA_INJECTION", lambda v: ~(v.str.contains(r"^[=+\-@]") & ~v.str.contains(NUMBER_PATTERN)))


def max_length() -> pa.Check:
    return rule("TEXT_TOO_LONG", lambda v: v.str.len_chars() <= MAX_TEXT_LENGTH)


def bsn_checks() -> list[pa.Check]:
    well_formed: Predicate = lambda v: v.str.contains(r"^\d{9}$")  # noqa: E731
    return [
        rule("BSN_FORMAT", well_formed),
        rule("BSN_ELFPROEF", lambda v: ~well_formed(v) | (v == UNKNOWN_BSN) | elfproef(v)),
    ]


def code(allowed: Collection[str], normalise: Predicate = padded_code) -> pa.Check:
    return rule("CODE_UNKNOWN", lambda v: normalise(v).is_in(list(allowed)))


def valid_date(allow_zero_parts: bool = False) -> pa.Check:
    return rule("DATE_INVALID", lambda v: v.is_null() | parse_date(v, allow_zero_parts).is_not_null())


def not_after(allow_zero_parts: bool = False) -> pa.Check:
    """DATE_FUTURE: later than the last day of the delivery month."""
    return rule("DATE_FUTURE", lambda v: parse_date(v, allow_zero_parts) <= pl.col(LAST_DAY))


def unique_in_delivery(reden_code: str) -> pa.Check:
    return rule(reden_code, lambda v: v.is_null() | ~v.is_duplicated().over(DELIVERY))


def batch_columns() -> dict[str, pa.Column]:
    """The row number and the batch helper columns every schema carries."""
    return {ROW_NUMBER: pa.Column(pl.Int32), DELIVERY: pa.Column(pl.Int32), LAST_DAY: pa.Column(pl.Date)}


def valid_number() -> pa.Check:
    return rule("NUMBER_INVALID", lambda v: v.str.contains(NUMBER_PATTERN))


def gemeentecode() -> pa.Check:
    return rule("GEMEENTECODE_FORMAT", lambda v: v.str.contains(r"^(?i:GM)?\d{4}$"))


def productcode() -> pa.Check:
    return rule("PRODUCTCODE_FORMAT", lambda v: v.str.contains(r"^[A-Za-z0-9]{5}$"))


def text(*checks: pa.Check, required: bool = True) -> pa.Column:
    """A raw text column: every cell is also checked for formula injection."""
    return pa.Column(pl.String, nullable=not required, checks=[*checks, no_formula()])
