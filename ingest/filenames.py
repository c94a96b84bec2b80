"""Provider file names: `<AGB 8 digits>_<YYYYMM>_<soort>.<ext>` (inputs.md section 1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.reasons import BAD_FILENAME, DeliveryFileError
from ingest.schemas import SOORTEN

NAME_PATTERN = re.compile(r"^(?P<agb>\d{8})_(?P<jaar>\d{4})(?P<maand>\d{2})_(?P<soort>[A-Za-z]+)\.[A-Za-z0-9]+$")
EXPECTED = "Verwacht: <AGB-code 8 cijfers>_<JJJJMM>_<trajecten|declaraties|wachtlijst>.<csv|xlsx>."


@dataclass(frozen=True)
class DeliveryName:
    agb: str
    leveringsmaand: date  # first day of the delivery month
    soort: str


def parse_delivery_name(name: str, today: date) -> DeliveryName:
    """Parse a file name; raises DeliveryFileError(BAD_FILENAME). The extension is the reader's business."""
    match = NAME_PATTERN.match(name)
    if not match:
        raise DeliveryFileError(BAD_FILENAME, f"De bestandsnaam volgt de afspraak niet. {EXPECTED}")
    soort = match["soort"].lower()
    if soort not in SOORTEN:
        raise DeliveryFileError(BAD_FILENAME, f"Onbekende soort levering '{match['soort']}'. {EXPECTED}")
    year, month = int(match["jaar"]), int(match["maand"])
    if not 1 <= month <= 12 or year < 2000:
        raise DeliveryFileError(BAD_FILENAME, f"De leveringsmaand in de bestandsnaam is ongeldig. {EXPECTED}")
    leveringsmaand = date(year, month, 1)
    if leveringsmaand > today.replace(day=1):
        raise DeliveryFileError(BAD_FILENAME, "De leveringsmaand in de bestandsnaam ligt in de toekomst.")
    return DeliveryName(agb=match["agb"], leveringsmaand=leveringsmaand, soort=soort)
