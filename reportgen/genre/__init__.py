"""The genre: outline kinds, part roles and formulas, read from template data and validated."""
