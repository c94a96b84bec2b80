"""Code lists of the delivery contract (inputs.md section 1, iJw / CBS beleidsinformatie)."""

GESLACHT = ("V", "M", "O", "1", "2", "0")
GESLACHT_IJW = {"1": "M", "2": "V", "0": "O"}
HULPVORM = ("01", "02", "03", "04", "11", "12", "13", "14")
VERWIJZER = ("01", "02", "03", "04", "05", "06", "08")
CRISIS = ("01", "02")
REDEN_BEEINDIGING = ("01", "02", "03", "04", "05")
EENHEID = ("01", "04", "14", "16", "82", "83", "84")
EENHEID_EURO = "83"
OVERBRUGGING = ("J", "N")
