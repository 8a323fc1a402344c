"""The one outline rule set (required parts, part order, repeated parts) over the document
model, used by validation of a report YAML and by `check` of a finished report alike.

rules   the rules: pure functions of a document and its kind, yielding OutlineFindings;
report  how a finding is reported, from the source: code, level, message, position;
built   the YAML side: part roles, the document validation builds, its outline problems.
"""
