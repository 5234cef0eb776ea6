"""Records → one validated graph → the files of dist/ (dumps, description, report, build record)."""
