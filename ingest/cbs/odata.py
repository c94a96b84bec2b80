"""Read a CBS OData v3 export folder: TypedDataSet.json, DataProperties.json, one <Dimension>.json per dimension
and optionally TableInfos.json (its `Modified` is the release). Each file is `{"value": [...]}` as CBS serves it;
a bare list (as `cbsodata.download_data` saves it) is accepted too."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl

from ingest.cbs.export import DIMENSION_TYPES, CbsExport, Onderwerp, clean_key
from ingest.reasons import MISSING_COLUMNS, UNREADABLE, DeliveryFileError

DATA_FILE = "TypedDataSet.json"


def read_entity(path: Path) -> list[dict]:
    try:
        content = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DeliveryFileError(UNREADABLE, f"{path.name} is geen leesbare JSON ({type(exc).__name__}).") from exc
    rows = content.get("value") if isinstance(content, dict) else content
    if not isinstance(rows, list):
        raise DeliveryFileError(UNREADABLE, f"{path.name} bevat geen lijst 'value'.")
    return rows


def read_properties(folder: Path) -> tuple[dict[str, str], list[Onderwerp]]:
    """Dimensions (name -> Type) and topics from DataProperties.json; TopicGroups are skipped."""
    dimensies, onderwerpen = {}, []
    for prop in read_entity(folder / "DataProperties.json"):
        kind = prop.get("Type")
        if kind in DIMENSION_TYPES:
            dimensies[prop["Key"]] = kind
        elif kind == "Topic":
            onderwerpen.append(Onderwerp(prop["Key"], clean_key(prop.get("Title")) or prop["Key"],
                                         clean_key(prop.get("Unit"))))
    return dimensies, onderwerpen


def read_categories(folder: Path, dimensies: dict[str, str]) -> dict[str, dict[str, dict]]:
    """Dimension entities by stripped key (a missing dimension file only costs the titles)."""
    return {name: {clean_key(e.get("Key")): e for e in read_entity(folder / f"{name}.json")}
            for name in dimensies if (folder / f"{name}.json").is_file()}


def read_release(folder: Path) -> datetime | None:
    """TableInfos `Modified` (the CBS release moment), when the export has it."""
    path = folder / "TableInfos.json"
    if not path.is_file():
        return None
    infos = read_entity(path)
    modified = infos[0].get("Modified") if infos else None
    return datetime.fromisoformat(modified[:19]) if modified else None


def read_odata(folder: Path) -> CbsExport:
    dimensies, onderwerpen = read_properties(folder)
    rows = read_entity(folder / DATA_FILE)
    columns = [*dimensies, *(t.key for t in onderwerpen)]
    missing = sorted({c for c in columns if rows and c not in rows[0]})
    if missing or not dimensies or not onderwerpen:
        raise DeliveryFileError(MISSING_COLUMNS, f"{DATA_FILE} mist kolommen uit DataProperties: {', '.join(missing)}.")
    frame = pl.DataFrame([{c: r.get(c) for c in columns} for r in rows],
                         schema={**{d: pl.String for d in dimensies}, **{t.key: pl.String for t in onderwerpen}},
                         strict=False)
    return CbsExport(folder.name, dimensies, onderwerpen, frame, read_categories(folder, dimensies),
                     read_release(folder))
