"""The files built from a report's compiled content: web page, PDF/A, Word and Excel. Each
renderer takes the content dict (reports.content.Content) and returns the file's bytes."""
