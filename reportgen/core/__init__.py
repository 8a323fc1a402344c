"""The report itself: reading bytes in, YAML with positions, the model, validation, numbering and
the document model it builds (load → validate → build)."""
