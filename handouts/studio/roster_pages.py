"""Placeholder until the roster pages land (branch h19-pages): no routes yet."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
