"""The one outline rule set (required parts, part order, repeated parts) over the document
model, used by validation of a report YAML and by `check` of a finished report alike."""
