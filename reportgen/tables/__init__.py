"""Statistics tables: their model, their rows (inline, CSV or XLSX), typed values and the computed
totals a report renders and cites."""
