"""Domain exceptions and the problem record every rejection is explained with."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from analytics.i18n import pair


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in an input, in both languages.

    `row` is the line number in the file as the user sees it (header = line 1),
    or None when the problem concerns the whole file.
    """

    row: int | None
    column: str
    value: str
    message_id: str
    message_en: str
    severity: str = "error"  # "error" rejects the load, "warning" does not

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class DasborError(Exception):
    """Base class: an expected failure with a message for people, never a traceback."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_id


class StoreUnavailable(DasborError):
    """The store cannot be opened or read; the details are in the log, not in the message."""


class UploadRejected(DasborError):
    """The input has at least one error; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(
            *pair("message.errors.file_rejected", count=len(errors)),
        )
        self.problems = problems


class UnknownRegion(DasborError):
    def __init__(self, code: str) -> None:
        super().__init__(*pair("message.errors.unknown_region", code=code))
        self.code = code


class UnknownRevision(DasborError):
    def __init__(self, revision: object) -> None:
        super().__init__(*pair("message.errors.no_such_revision", revision=revision))
        self.revision = revision
