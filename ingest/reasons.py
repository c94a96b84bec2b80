"""Reason codes (docs/design.md) with the Dutch messages a provider can act on, and the typed file error."""

from __future__ import annotations

# File-level reason codes (raw.leveringen.reden_code).
BAD_FILENAME = "BAD_FILENAME"
UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT"
EMPTY_FILE = "EMPTY_FILE"
ENCODING = "ENCODING"
UNREADABLE = "UNREADABLE"
MISSING_COLUMNS = "MISSING_COLUMNS"
NO_VALID_ROWS = "NO_VALID_ROWS"
DUPLICATE_CONTENT = "DUPLICATE_CONTENT"
NO_DATA_ROWS = "Het bestand bevat een kopregel maar geen gegevensrijen."  # the EMPTY_FILE message after cleaning

# Row-level reason codes (raw.afgewezen_rijen.reden_code); the template gets the column name as {kolom}.
ROW_MESSAGES: dict[str, str] = {
    "REQUIRED_MISSING": "Kolom '{kolom}' is verplicht maar leeg.",
    "BSN_FORMAT": "BSN moet uit precies 9 cijfers bestaan, inclusief voorloopnullen (999999999 als het BSN "
                  "onbekend is).",
    "BSN_ELFPROEF": "BSN voldoet niet aan de elfproef; controleer het BSN of gebruik 999999999 als het onbekend is.",
    "DATE_INVALID": "Kolom '{kolom}' bevat geen geldige datum; gebruik JJJJMMDD of JJJJ-MM-DD.",
    "DATE_FUTURE": "Kolom '{kolom}' ligt na het einde van de leveringsmaand.",
    "DATE_ORDER": "datum_einde ligt voor datum_aanvang.",
    "REDEN_IFF_EINDE": "reden_beeindiging moet gevuld zijn als datum_einde gevuld is, en leeg als datum_einde leeg is.",
    "CODE_UNKNOWN": "Kolom '{kolom}' bevat een onbekende code.",
    "GEMEENTECODE_FORMAT": "gemeentecode moet de vorm GM0917 of 0917 hebben.",
    "PRODUCTCODE_FORMAT": "productcode moet uit precies 5 letters of cijfers bestaan.",
    "NUMBER_INVALID": "Kolom '{kolom}' is geen geldig getal; gebruik bijvoorbeeld 1234,56 of 1234.56 "
                      "(zonder duizendtalscheiding).",
    "BEDRAG_MISMATCH": "bedrag wijkt meer dan 1 cent af van volume x tarief.",
    "DUPLICATE_TRAJECT_ID": "traject_id komt meer dan eens voor in deze levering; alle rijen met dit traject_id "
                            "zijn afgewezen.",
    "PERIODE_INVALID": "periode moet de vorm JJJJMM hebben met een maand van 01 tot en met 12.",
    "FORMULA_INJECTION": "Kolom '{kolom}' begint met =, +, - of @ en is geen getal; zulke waarden worden niet "
                         "geaccepteerd.",
    "TEXT_TOO_LONG": "Kolom '{kolom}' is te lang (maximaal 100 tekens).",
}


class DeliveryFileError(Exception):
    """A provider file that cannot be used as a whole; carries a file-level reason code and a Dutch message.

    The message never contains cell values (a cell could hold a BSN).
    """

    def __init__(self, reden_code: str, melding: str):
        super().__init__(f"{reden_code}: {melding}")
        self.reden_code = reden_code
        self.melding = melding

    def __reduce__(self):  # picklable with both arguments (files are read in worker processes)
        return type(self), (self.reden_code, self.melding)
