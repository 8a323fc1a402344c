"""The report checker: rules over the document model, configuration and output formats."""
