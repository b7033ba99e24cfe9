"""The demo programme's words and records, kept as data beside the code that loads them.

Each app keeps its part of the demo in TOML files in its `demo/` folder
(`workshops/demo/sessions.toml`); its `demo` module reads them here and builds the
objects. TOML keeps long prose readable, and dates and times arrive as `date` and `time`.
"""

import copy
import tomllib
from functools import cache
from pathlib import Path

from django.apps import apps


class DemoDataError(Exception):
    """A demo data file is missing or is not valid TOML."""


def load(app: str, name: str) -> dict:
    """The contents of `<app>/demo/<name>.toml`, as plain dicts and lists.

    Each call gets its own copy, so a loader may change what it is given.
    """
    return copy.deepcopy(_read(Path(apps.get_app_config(app).path) / "demo" / f"{name}.toml"))


@cache
def _read(file: Path) -> dict:
    try:
        with file.open("rb") as data:
            return tomllib.load(data)
    except FileNotFoundError:
        raise DemoDataError(f"The demo data file {file} does not exist.") from None
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"The demo data file {file} is not valid TOML: {error}") from error
