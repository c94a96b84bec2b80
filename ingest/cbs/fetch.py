"""Fetch CBS tables with the `cbsodata` package into landing/cbs/<TABLEID>/ in the OData v3 shape.

cbsodata reads the bulk feed `<base>/ODataFeed/odata/<TABLEID>/...` and follows `odata.nextLink` pages. Its
`download_data(typed=False)` is the call that downloads TypedDataSet (with typed=True it fetches UntypedDataSet
instead, cbsodata 1.3.5). The base URL is a parameter so tests point it at a local server.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import cbsodata

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://opendata.cbs.nl"
BASE_URL_ENV = "JEUGDKPI_CBS_BASE_URL"


def fetch_tables(table_ids: Iterable[str], landing_dir: Path, base_url: str | None = None) -> list[Path]:
    """Download each table and replace its folder below <landing_dir>/cbs/ only when the download is complete."""
    url = urlsplit(base_url or os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL))
    root = landing_dir / "cbs"
    root.mkdir(parents=True, exist_ok=True)
    previous_https = cbsodata.options.use_https
    cbsodata.options.use_https = url.scheme == "https"
    folders = []
    try:
        for table_id in table_ids:
            folders.append(_fetch_one(table_id.strip(), root, url.netloc))
    finally:
        cbsodata.options.use_https = previous_https
    return folders


def _fetch_one(table_id: str, root: Path, host: str) -> Path:
    with tempfile.TemporaryDirectory(dir=root, prefix=f".{table_id}.") as tmp:
        partial = Path(tmp) / table_id
        entities = cbsodata.download_data(table_id, typed=False, catalog_url=host)
        partial.mkdir()
        for name, rows in entities.items():
            (partial / f"{name}.json").write_text(json.dumps({"value": rows}, ensure_ascii=False), encoding="utf-8")
        target = root / table_id
        if target.exists():
            shutil.rmtree(target)
        os.replace(partial, target)
    log.info("fetched CBS table %s (%s entities)", table_id, len(entities))
    return target
