"""From a page to a fix: the repository's web editor on a record's file, and the correction
form, filled in. Both come from ``repository`` in briefing.yml, and exist only for a GitHub
repository (whose addresses for these are known); otherwise there are no such links, rather
than broken ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlencode

from ..facts import urls
from ..facts.load import Entry
from ..facts.model import Briefing

#: The issue form for corrections (.github/ISSUE_TEMPLATE/correction.yml) and the id of its
#: field for where the mistake is, which GitHub fills in from the query of the same name.
FORM = "correction.yml"
WHERE = "where"


class Fix(NamedTuple):
    """A record page's two ways to a fix."""

    edit: str
    correction: str


@dataclass(frozen=True)
class Editing:
    """A GitHub repository's addresses for one briefing."""

    repository: str  #: ``https://github.com/owner/name``, without a trailing slash
    branch: str
    data_path: str  #: the data folder inside the repository, like ``data``
    docs_path: str = "docs"

    @classmethod
    def of(cls, briefing: Briefing, data_path: str, docs_path: str = "docs") -> Editing | None:
        """The briefing's editing addresses, or None without a GitHub repository."""
        found = urls.github_repository(briefing.repository)
        if found is None:
            return None
        repository = f"https://github.com/{found}"
        return cls(repository, briefing.branch, data_path.strip("/"), docs_path.strip("/"))

    def edit(self, entry: Entry) -> str:
        """GitHub's web editor on the record's YAML file."""
        path = "/".join(filter(None, [self.data_path, entry.collection, f"{entry.id}.yml"]))
        return f"{self.repository}/edit/{self.branch}/{path}"

    def docs(self) -> str:
        """The base of GitHub's web editor on the hand-written pages (MkDocs' edit_uri)."""
        return f"{self.repository}/edit/{self.branch}/{self.docs_path}/"

    def correction(self, entry: Entry, name: str, address: str) -> str:
        """The correction form, its title and its 'where' field filled in."""
        query = urlencode(
            {"template": FORM, "title": f"Correction: {name}", WHERE: f"{address} ({entry.id})"}
        )
        return f"{self.repository}/issues/new?{query}"

    def fix(self, entry: Entry, name: str, address: str) -> Fix:
        return Fix(self.edit(entry), self.correction(entry, name, address))
