"""Built-in outline kinds and templates (installed as the package reportgen.templates)."""
