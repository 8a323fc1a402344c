"""Back-ends: the document model to Markdown, DOCX and PDF."""
