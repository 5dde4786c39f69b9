"""The web app's shared pieces: the Jinja2 templates folder and the static folder."""

from __future__ import annotations

from pathlib import Path

from starlette.templating import Jinja2Templates

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
STATIC = HERE / "static"
