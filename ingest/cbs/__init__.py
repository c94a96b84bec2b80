"""CBS StatLine open data (inputs.md section 2): OData v3 / CSV readers, landing in raw.cbs_waarden, fetching."""
