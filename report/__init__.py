"""Static HTML KPI report rendered from the published warehouse at every publication."""

from report.render import render_report

__all__ = ["render_report"]
