"""Typed text as an answer ('1.3.2027' → '2027-03-01', 'j' → true) and an answer as the text one would type."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from slp_agreements.model.vocabulary import LAND_CODES, Land
from slp_agreements.questionnaire.engine import choices_now, computed_choices, context, get
from slp_agreements.questionnaire.questions import Kind, Question


class Invalid(ValueError):
    """Typed text that cannot be read as an answer; the message says why."""


# Only words: "1" is the number of an option, not "ja" (piped answers must not shift silently).
_YES = {"j", "ja", "y", "yes"}
_NO = {"n", "nein", "no"}


def parse_date(text: str) -> str:
    """'1.3.2027', '01.03.2027' or '2027-03-01' as ISO date text."""
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise Invalid(f"'{text}' ist kein gültiges Datum") from None


def parse_amount(text: str) -> str:
    """'12.500,00 €', '12500' or '12500.50' as decimal text."""
    t = text.replace("€", "").replace("EUR", "").replace(" ", "")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    try:
        return str(Decimal(t))
    except InvalidOperation:
        raise Invalid(f"'{text}' ist kein Betrag") from None


def party_choices(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, Kürzel) of the parties given so far."""
    out = []
    for p in get(raw, ("parties",)) or []:
        if isinstance(p, dict) and p.get("id"):
            out.append((str(p.get("name") or p["id"]), str(p["id"])))
    return out


def options(q: Question, raw: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """(label, stored value) of a choice question."""
    if q.type is Kind.party:
        return party_choices(raw)
    if q.type in (Kind.yesno, Kind.present):
        return [("Ja", True), ("Nein", False)] if lang == "de" else [("Yes", True), ("No", False)]
    if q.choices_from is not None:
        return computed_choices(q, raw, lang)
    listed = choices_now(q, context(raw, lang)) if any(c.when for c in q.choices) else q.choices
    return [(c.label(lang), c.stored(lang)) for c in listed]


def _yes_no(t: str) -> bool:
    if t.lower() in _YES:
        return True
    if t.lower() in _NO:
        return False
    raise Invalid("bitte j (ja) oder n (nein) eingeben")


def _one_of(q: Question, t: str, opts: list[tuple[str, Any]]) -> Any:
    if t.isdigit() and 1 <= int(t) <= len(opts):
        return opts[int(t) - 1][1]
    for label, value in opts:
        if t.lower() in (str(value).lower(), label.lower()):
            return value
    if q.type is Kind.party:
        return t  # the answers file's own rule names the parties that are possible
    raise Invalid(f"bitte eine Nummer von 1 bis {len(opts)} eingeben")


def _several(q: Question, t: str, opts: list[tuple[str, Any]]) -> list[Any]:
    out: list[str] = []
    for part in (p.strip() for p in re.split(r"[;]", t)):
        if not part:
            continue
        if re.fullmatch(r"[\d ,]+", part):
            for n in re.findall(r"\d+", part):
                if not 1 <= int(n) <= len(opts):
                    raise Invalid(f"bitte Nummern von 1 bis {len(opts)} eingeben")
                out.append(opts[int(n) - 1][1])
        elif q.other or part in [o[1] for o in opts]:
            out.append(part)
        else:
            raise Invalid(f"bitte Nummern von 1 bis {len(opts)} eingeben, mit Komma getrennt")
    return list(dict.fromkeys(out))


def _number(t: str) -> int:
    if not re.fullmatch(r"\d+", t.replace(".", "")):
        raise Invalid(f"'{t}' ist keine ganze Zahl")
    return int(t.replace(".", ""))


def _address(t: str) -> dict[str, str]:
    """'Am Markt 1, 21335 Lüneburg', also without the comma ('Am Markt 1 21335 Lüneburg')."""
    m = re.fullmatch(r"(.+?)(?:,\s*|\s+)(\d{5})\s+(.+)", t)
    if m:
        return {"street": m[1].strip().rstrip(","), "postcode": m[2], "city": m[3].strip()}
    m = re.fullmatch(r"(.+?),\s*(\S+)\s+(.+)", t)
    if m:  # a postcode of another form: the answers file's rule words the problem
        return {"street": m[1].strip(), "postcode": m[2], "city": m[3].strip()}
    if re.search(r"\d{5}", t):
        raise Invalid("Straße fehlt" if re.match(r"\s*\d{5}", t) else "Ort fehlt")
    raise Invalid("Postleitzahl (5 Ziffern) fehlt; bitte so eingeben: Straße Nr., PLZ Ort")


def _person(t: str) -> dict[str, str | None]:
    name, _, function = t.partition(",")
    return {"name": name.strip(), "function": function.strip() or None}


def _contact(t: str) -> dict[str, str | None]:
    name, sep, email = t.rpartition(",")
    if not sep:
        if "@" in t:
            raise Invalid("Name fehlt")
        return {"name": t, "email": None}
    return {"name": name.strip(), "email": email.strip() or None}


def _items(t: str) -> list[str]:
    return [p.strip() for p in t.split(";") if p.strip()]


# How typed text becomes a value: kinds that read the text alone …
_READERS: dict[Kind, Callable[[str], Any]] = {
    Kind.yesno: _yes_no,
    Kind.present: _yes_no,
    Kind.list: _items,
    Kind.date: parse_date,
    Kind.number: _number,
    Kind.amount: parse_amount,
    Kind.address: _address,
    Kind.person: _person,
    Kind.contact: _contact,
}
# … and kinds that pick from options (which depend on the answers so far). Other kinds keep the text as typed.
_PICKERS: dict[Kind, Callable[[Question, str, list[tuple[str, Any]]], Any]] = {
    Kind.choice: _one_of,
    Kind.party: _one_of,
    Kind.multi: _several,
}


def _ags(t: str, raw: dict[str, Any]) -> str:
    """'03 355 004' → '03355004'; six digits get the Land's two digits in front ('355004' → '03355004')."""
    digits = re.sub(r"[\s.\-/]", "", t)
    land = raw.get("land")
    if re.fullmatch(r"\d{6}", digits) and land in Land._value2member_map_:
        return LAND_CODES[Land(land)] + digits
    return digits


def parse(q: Question, text: str, raw: dict[str, Any], lang: str) -> Any:
    """The value typed text stands for; empty text is None (the caller applies defaults)."""
    t = text.strip()
    if not t:
        return None
    if q.type is Kind.ags:
        return _ags(t, raw)
    if q.type in _PICKERS:
        return _PICKERS[q.type](q, t, options(q, raw, lang))
    reader = _READERS.get(q.type)
    return reader(t) if reader else t


def show(q: Question, value: Any, raw: dict[str, Any], lang: str) -> str:
    """A value as the text one would type (defaults, review table)."""
    if value is None:
        return ""
    k = q.type
    if k in (Kind.yesno, Kind.present):
        # A section that exists (present) is shown as "ja", whether it comes as the section or as True.
        yes = isinstance(value, dict) or value is True
        return ("ja" if yes else "nein") if lang == "de" else ("yes" if yes else "no")
    if k in (Kind.choice, Kind.party):
        for label, v in options(q, raw, lang):
            if v == value:
                return label
        return str(value)
    if k in (Kind.multi, Kind.list) and isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if k is Kind.date and lang == "de":
        return _german_date(value)
    if k is Kind.address and isinstance(value, dict):
        return f"{value.get('street', '')}, {value.get('postcode', '')} {value.get('city', '')}"
    if k is Kind.person and isinstance(value, dict):
        return ", ".join(str(v) for v in (value.get("name"), value.get("function")) if v)
    if k is Kind.contact and isinstance(value, dict):
        return ", ".join(str(v) for v in (value.get("name"), value.get("email")) if v)
    if k is Kind.group and isinstance(value, list):
        return str(len(value))
    if k is Kind.amount and isinstance(value, int | float | Decimal | str):
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        text = f"{amount:,.2f}"
        return text.replace(",", "_").replace(".", ",").replace("_", ".") if lang == "de" else text
    return str(value)


def _german_date(value: Any) -> str:
    """A date (or ISO text) as 01.01.2027; other text as it is."""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)
