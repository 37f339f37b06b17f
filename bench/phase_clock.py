"""CPU seconds by MkDocs step and plugin event, for build_profile.py and build_serve.py.

``PhaseClock`` wraps functions in place (a module's or a class's attribute) and MkDocs'
``PluginCollection.run_event``, and adds up the CPU seconds (``time.process_time``) spent in
each under a label. Plugin events are timed inside the steps that run them too, so the
labels overlap; a report says so.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any


class PhaseClock:
    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, owner: Any, name: str, label: Callable[..., str]) -> None:
        """Time every call of ``owner.name`` under ``label(*args)``."""
        original = getattr(owner, name)
        spent = self.spent

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label(*args)] += time.process_time() - started

        setattr(owner, name, wrapper)

    def time_events(self) -> None:
        """Time each plugin's handler of each event as ``event <name> (<plugin>)``."""
        from mkdocs import plugins

        spent = self.spent

        def run_event(collection: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
            for method in collection.events[name]:
                collection._current_plugin = origin = collection._event_origins.get(method, "?")
                started = time.process_time()
                result = method(item, **kwargs) if item is not None else method(**kwargs)
                spent[f"event {name} ({origin})"] += time.process_time() - started
                item = item if result is None else result
            collection._current_plugin = None
            return item

        plugins.PluginCollection.run_event = run_event  # type: ignore[method-assign,assignment]

    def report(self, total: float, head: str) -> list[str]:
        """``head``, then each label's seconds and share of ``total``, largest first."""
        lines = [head]
        for label, seconds in sorted(self.spent.items(), key=lambda pair: -pair[1]):
            if seconds >= 0.01:
                lines.append(f"{seconds:7.2f} s  {seconds / total:6.1%}  {label}")
        return lines
