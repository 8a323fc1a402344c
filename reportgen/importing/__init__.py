"""Finished reports (Markdown, DOCX, text) → report YAML that renders, with notes on what was guessed."""
