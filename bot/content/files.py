"""Read ``content/`` (see docs/content.md) into the validated model; a bad file stops the bot at start-up
with a message naming the file and the field."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.content.medicines import MedicineEntry, Medicines, WorseningClass
from bot.content.model import LANGUAGES, PAGE_KEYS, Content, Emergency, Library, Page, SelfCheck, Source, TipTopic

_Model = TypeVar("_Model", bound=BaseModel)


class ContentError(Exception):
    """Raised when the content files are missing or invalid; the message names the file."""


def default_content_dir() -> Path:
    """The content shipped inside the installed package, or ``content/`` beside ``bot/`` in a checkout."""
    packaged = Path(str(resources.files("bot"))) / "content" / "sources.toml"
    if packaged.is_file():
        return packaged.parent
    return Path(__file__).resolve().parent.parent.parent / "content"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ContentError(f"content file missing: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from exc


def _validated(path: Path, model: type[_Model], data: object) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(f"{path} is invalid:\n{exc}") from exc


def _library(directory: Path, language: str) -> Library:
    folder = directory / language
    pages = [
        _validated(folder / "pages" / f"{key}.toml", Page, {"key": key, **_read_toml(folder / "pages" / f"{key}.toml")})
        for key in PAGE_KEYS
    ]
    tip_files = sorted((folder / "tips").glob("*.toml"))
    if not tip_files:
        raise ContentError(f"no tip files in {folder / 'tips'}")
    topics = []
    for path in tip_files:
        data = _read_toml(path)
        key = data.pop("topic", None)
        if key != path.stem:
            raise ContentError(f"{path}: topic = {key!r} must match the file name {path.stem!r}")
        topics.append(_validated(path, TipTopic, {"key": key, **data}))
    topics.sort(key=lambda topic: (not topic.default, topic.key))  # as /topics lists them
    selfcheck = _validated(folder / "selfcheck.toml", SelfCheck, _read_toml(folder / "selfcheck.toml"))
    library = {"language": language, "pages": pages, "topics": topics, "selfcheck": selfcheck}
    return _validated(folder, Library, library)


def _medicines(directory: Path) -> Medicines:
    """medicines.toml (the /meds catalogue, in button order) and worsening.toml (the classes that can worsen RLS)."""
    catalogue_path, worsening_path = directory / "medicines.toml", directory / "worsening.toml"
    entries = [
        _validated(catalogue_path, MedicineEntry, item) for item in _read_toml(catalogue_path).get("medicines", [])
    ]
    classes = [
        _validated(worsening_path, WorseningClass, item) for item in _read_toml(worsening_path).get("classes", [])
    ]
    return _validated(directory, Medicines, {"entries": entries, "worsening": classes})


def load_content(directory: Path | None = None) -> Content:
    """Read every content file and validate it; raise ContentError naming the file of the first problem."""
    directory = directory or default_content_dir()
    sources_path = directory / "sources.toml"
    sources = [_validated(sources_path, Source, item) for item in _read_toml(sources_path).get("sources", [])]
    libraries = [_library(directory, language) for language in LANGUAGES]
    emergency_path = directory / "emergency.toml"
    emergency = _validated(emergency_path, Emergency, _read_toml(emergency_path))
    medicines = _medicines(directory)
    everything = {"sources": sources, "libraries": libraries, "emergency": emergency, "medicines": medicines}
    return _validated(directory, Content, everything)
