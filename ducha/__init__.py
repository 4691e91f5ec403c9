"""ducha (督查): inspection records, checks, deadlines and memos for a secretariat."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # importlib.metadata is slow to import; only --version and the cache key need it
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("ducha")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0"
    raise AttributeError(name)
