"""Readers: finished Markdown and DOCX reports back into the document model."""
