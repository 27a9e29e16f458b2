"""Parting Ways engine: assess a client, check readiness, compute notice dates, write the letter.

A thin facade over private modules. Importing it reads no file and touches no network;
content (signals, checklist items, letter paragraphs) is read from ``data/`` on first use,
and the ``holidays`` package is imported only when a date needs it.
"""

from ._assess import VERDICTS, Assessment, assess
from ._checklist import Checklist, checklist
from ._entry import TOOL_NAMES, handle_json, handle_request
from ._errors import FieldError, ValidationError
from ._i18n import LANGUAGES
from ._jurisdictions import JURISDICTIONS
from ._law import Citation, cite
from ._letter import Letter, compose_letter, render
from ._lettercheck import LetterCheck, check_letter
from ._notice import UNITS, NoticeDates, calendar, compute_notice, notice_dates
from ._receipt import METHODS, Receipt, compute_receipt, receipt_date

__all__ = [
    "JURISDICTIONS",
    "LANGUAGES",
    "METHODS",
    "TOOL_NAMES",
    "UNITS",
    "VERDICTS",
    "Assessment",
    "Checklist",
    "Citation",
    "FieldError",
    "Letter",
    "LetterCheck",
    "NoticeDates",
    "Receipt",
    "ValidationError",
    "assess",
    "calendar",
    "check_letter",
    "checklist",
    "cite",
    "compose_letter",
    "compute_notice",
    "compute_receipt",
    "handle_json",
    "handle_request",
    "notice_dates",
    "receipt_date",
    "render",
]
__version__ = "0.1.0"
