"""The domain: a briefing's facts, free of MkDocs and Jinja.

``dates`` and ``fields`` are the value types, ``model`` the records (pydantic, no I/O),
``yamlfile`` and ``load`` the only code that reads the data folder (``slips`` puts the
parser's complaints about common slips in an editor's words), ``problems`` every
message an editor sees, ``catalog`` the index and backlinks, ``rules`` the checks that span
records, ``names`` how records and values are put in words, ``urls`` where each record's
page lives, ``schema`` the JSON Schemas, ``git`` the one wrapper around git, and
``checking.check`` all of it in one call.
"""
