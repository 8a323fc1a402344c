"""Back-ends: the document model to Markdown, HTML, DOCX and PDF, one module per format
behind the registry in ``formats`` (what `render`, `batch` and the CLI choose from)."""
