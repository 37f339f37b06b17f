"""The mkdocs-macros module: the only code that knows mkdocs (filled in by the site issue)."""
