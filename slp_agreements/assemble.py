"""Assembly: select clauses by condition, number §§ and annexes, resolve references, check requirements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from slp_agreements.errors import Problem, UserError
from slp_agreements.library.clauses import Bilingual, ClauseLibrary, Element, Loaded, Part, RequirementSet
from slp_agreements.library.context import TEXT_FUNCTIONS, answers_context
from slp_agreements.library.laender import instrument
from slp_agreements.library.templating import evaluate, render
from slp_agreements.model import formatting
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import (
    Annex,
    ChecklistItem,
    Document,
    Item,
    Paragraph,
    Profile,
    Section,
    Signatory,
    Table,
)
from slp_agreements.model.labels import LABELS, TITLES
from slp_agreements.model.manifest import ClauseUse
from slp_agreements.model.vocabulary import PUBLIC_KINDS, Phase

PHASE_ORDER = list(Phase)


@dataclass
class Selection:
    """The clauses chosen for one agreement, in document order, with their numbers."""

    preamble: list[Loaded]
    body: list[Loaded]
    annexes: list[Loaded]
    steps_only: list[Loaded]
    numbers: dict[str, str]

    def all(self) -> list[Loaded]:
        """Every selected clause in document order."""
        return [*self.preamble, *self.body, *self.annexes, *self.steps_only]


def context(answers: Answers, library: ClauseLibrary, lang: str) -> dict[str, Any]:
    """Everything a condition or a clause text may read (library/context.py says what that is)."""
    return answers_context(answers, library.laender, lang)


def select(library: ClauseLibrary, ctx: dict[str, Any]) -> Selection:
    """Clauses whose condition holds, ordered and numbered."""
    chosen = [c for c in library.active() if not c.clause.when or evaluate(c.clause.when, ctx, c.where("when"))]
    ids = {c.clause.id for c in chosen}
    for c in chosen:
        clash = [x for x in c.clause.conflicts if x in ids]
        if clash:
            raise UserError(
                f"{c.where('conflicts')}: Klausel '{c.clause.id}' darf nicht zusammen mit "
                f"'{clash[0]}' verwendet werden; bitte eine der beiden deaktivieren oder die Bedingungen anpassen."
            )

    def by_part(part: Part) -> list[Loaded]:
        return sorted((c for c in chosen if c.clause.part is part), key=lambda c: (c.clause.order, c.clause.id))

    body, annexes = by_part(Part.body), by_part(Part.annex)
    numbers = {c.clause.id: str(i) for i, c in enumerate(body, 1)}
    numbers |= {c.clause.id: str(i) for i, c in enumerate(annexes, 1)}
    return Selection(by_part(Part.preamble), body, annexes, by_part(Part.checklist), numbers)


def _clause_context(ctx: dict[str, Any], sel: Selection, lang: str, loaded: Loaded) -> dict[str, Any]:
    labels = LABELS[lang]

    def lookup(target: str, kind: str) -> str:
        if target not in sel.numbers:
            raise UserError(
                f"{loaded.file}: Klausel '{loaded.clause.id}' verweist auf '{target}', die in dieser Vereinbarung "
                "nicht vorkommt; Verweis mit {% if %} absichern oder die Bedingungen angleichen."
            )
        return f"{labels[kind]} {sel.numbers[target]}"

    def ref(target: str) -> str:
        if target in {c.clause.id for c in sel.annexes}:
            return lookup(target, "annex")
        return lookup(target, "section")

    ref_name, annex_name = TEXT_FUNCTIONS
    return {**ctx, ref_name: ref, annex_name: lambda t: lookup(t, "annex")}


_ITEM = re.compile(r"^( *)[-*] +(.*)$")


def paragraphs(text: str, numbered: bool) -> list[Paragraph]:
    """Split rendered clause text into Absätze and list items; '(1)' labels when there are several."""
    blocks = [b for b in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if b.strip()]
    out: list[Paragraph] = []
    for block in blocks:
        lead: list[str] = []
        items: list[Item] = []
        counters = [0, 0]
        for line in block.split("\n"):
            if not line.strip():
                continue
            m = _ITEM.match(line)
            if m:
                level = 1 if len(m.group(1)) >= 2 else 0
                if level == 0:
                    counters[1] = 0
                items.append(Item(formatting.item_label(counters[level], level), m.group(2).strip(), level))
                counters[level] += 1
            elif items:
                items[-1].text += " " + line.strip()
            else:
                lead.append(line.strip())
        text_ = re.sub(r"\s+", " ", " ".join(lead)).strip()
        for it in items:
            it.text = re.sub(r"\s+", " ", it.text).strip()
        out.append(Paragraph("", text_, items))
    if numbered and len(out) > 1:
        for i, p in enumerate(out, 1):
            p.label = f"({i})"
    return out


def _text(loaded: Loaded, field: str, lang: str, cctx: dict[str, Any]) -> str:
    value = getattr(loaded.clause, field)
    source = value.get(lang) if value else None
    if not source:
        which = "Deutsch" if lang == "de" else "Englisch"
        raise UserError(f"{loaded.where(field)}: Klausel '{loaded.clause.id}' hat keinen Text auf {which} ({lang}).")
    return render(source, cctx, loaded.where(field, lang))


def _section(loaded: Loaded, number: str, lang: str, cctx: dict[str, Any], numbered: bool) -> Section:
    title = _text(loaded, "title", lang, cctx).strip()
    paras = paragraphs(_text(loaded, "text", lang, cctx), numbered) if loaded.clause.text else []
    if not paras and loaded.clause.part is not Part.annex:
        raise UserError(
            f"{loaded.where('text')}: Klausel '{loaded.clause.id}' ergibt mit diesen Antworten keinen Text; "
            "bitte die Bedingung (when) an den Text angleichen."
        )
    return Section(loaded.clause.id, number, title, paras)


def _table(kind: str, answers: Answers, lang: str) -> Table:
    lab = LABELS[lang]

    def yes_no(v: bool) -> str:
        return lab["yes"] if v else lab["no"]

    if kind == "parties":
        rows = []
        for p in answers.parties:
            name = p.name + (f"\n{lab['ags']} {p.ags}" if p.ags else "")
            addr = f"{p.address.street}\n{p.address.postcode} {p.address.city}"
            rep = p.represented_by.name + (f", {p.represented_by.function}" if p.represented_by.function else "")
            contact = "\n".join(x for x in (p.contact.name, p.contact.function, p.contact.email, p.contact.phone) if x)
            dpo = "\n".join(x for x in (p.dpo.name, p.dpo.email, p.dpo.phone) if x) if p.dpo else lab["none"]
            rows.append([name, addr, rep, contact, dpo])
        header = [lab[k] for k in ("col_party", "col_address", "col_represented", "col_contact", "col_dpo")]
        return Table(header, rows, [1.3, 1.2, 1.1, 1.4, 1.2])
    if kind == "datasets":
        assert answers.data is not None
        from slp_agreements.profiles import dataset_details

        rows = [
            [str(i), d.title, d.description + dataset_details(d, lang), answers.party(d.provider).name,
             "\n".join(x for x in (d.format, d.update) if x) or lab["none"], yes_no(d.personal_data)]
            for i, d in enumerate(answers.data.datasets, 1)
        ]  # fmt: skip
        header = [lab["col_no"]] + [
            lab[k] for k in ("col_dataset", "col_description", "col_provider", "col_format_update", "col_personal")
        ]
        return Table(header, rows, [0.5, 1.75, 2.05, 1.4, 1.35, 1.1])
    if kind == "subprocessors":
        assert answers.data is not None
        rows = [[s.name, s.address, s.service] for s in answers.data.subprocessors]
        return Table([lab["col_name"], lab["col_address"], lab["col_service"]], rows, [1.2, 1.4, 1.6])
    raise UserError(f"Anlagen-Tabelle '{kind}' wird von dieser Version noch nicht unterstützt.")


def _profiles(kind: str | None, answers: Answers, lang: str) -> list[Profile]:
    """Indicator profiles (one per page) for an annex whose table is 'indicators'."""
    if kind != "indicators":
        return []
    from slp_agreements.profiles import profiles

    return profiles(answers, lang)


@dataclass
class Coverage:
    """One applicable requirement element and the selected clauses that cover it."""

    requirement_set: RequirementSet
    element: Element
    covered_by: list[str]


def coverage(library: ClauseLibrary, sel: Selection, ctx: dict[str, Any]) -> list[Coverage]:
    """The coverage matrix: every applicable element with the selected clauses covering it."""
    rows = []
    for rs in library.requirement_sets.values():
        where = f"{library.requirement_files[rs.id]}: when"
        if rs.when and not evaluate(rs.when, ctx, where):
            continue
        for el in rs.elements:
            if el.when and not evaluate(el.when, ctx, f"{library.requirement_files[rs.id]}: {el.id}.when"):
                continue
            rows.append(Coverage(rs, el, [c.clause.id for c in sel.all() if el.id in c.clause.covers]))
    return rows


def check_requirements(library: ClauseLibrary, rows: list[Coverage], lang: str) -> None:
    """Fail when an applicable requirement element is covered by no selected clause."""
    missing = []
    for row in rows:
        if row.covered_by:
            continue
        el, rs = row.element, row.requirement_set
        could = [c.clause.id for c in library.clauses.values() if el.id in c.clause.covers]
        hint = f"abgedeckt werden könnte es durch: {', '.join(could)}" if could else "keine Klausel deckt es ab"
        if any(c in library.disabled for c in could):
            hint += " (deaktiviert)"
        missing.append(Problem(f"{rs.id} / {el.id}", f"{getattr(el, lang)} ({rs.norm}); {hint}"))
    if missing:
        raise UserError(
            "Pflichtinhalt fehlt: die gewählten Klauseln decken nicht alle Pflichtelemente ab. "
            "Klausel wieder aktivieren oder eine eigene Klausel mit 'covers:' ergänzen.",
            problems=missing,
        )


def _checklist(sel: Selection, ctx: dict[str, Any], lang: str) -> list[ChecklistItem]:
    seen: set[str] = set()
    items: list[tuple[int, int, ChecklistItem]] = []
    for n, loaded in enumerate(sel.all()):
        for i, step in enumerate(loaded.clause.checklist):
            if step.id in seen:
                continue
            if step.when and not evaluate(step.when, ctx, loaded.where("checklist", i, "when")):
                continue
            seen.add(step.id)
            source = step.text.get(lang)
            if not source:
                raise UserError(
                    f"{loaded.where('checklist', i, 'text')}: Schritt '{step.id}' hat keinen Text ({lang})."
                )
            text = re.sub(r"\s+", " ", render(source, ctx, loaded.where("checklist", i, "text"))).strip()
            basis = step.legal_basis
            basis_source = (basis.get(lang) or basis.de) if isinstance(basis, Bilingual) else (basis or "")
            basis_text = render(basis_source, ctx, loaded.where("checklist", i, "legal_basis")).strip()
            item = ChecklistItem(
                step.id,
                step.phase.value,
                step.phase.label(lang),
                step.role.value,
                step.role.label(lang),
                text,
                basis_text,
                loaded.clause.id,
            )
            items.append((PHASE_ORDER.index(step.phase), n, item))
    return [it for _, _, it in sorted(items, key=lambda t: (t[0], t[1]))]


def _title(answers: Answers, library: ClauseLibrary, lang: str) -> str:
    if answers.agreement.title:
        return answers.agreement.title
    name = instrument(library.laender, answers.land.value, lang) or ("Vereinbarung" if lang == "de" else "Agreement")
    pattern = TITLES[answers.agreement.legal_form.value][lang]
    return pattern.format(project=answers.agreement.project, instrument=name[:1].upper() + name[1:])


def _party_lines(answers: Answers, lang: str) -> list[str]:
    lab = LABELS[lang]
    lines = []
    for p in answers.parties:
        ags = f" ({lab['ags']} {p.ags})" if p.ags else ""
        rep = p.represented_by.name + (f", {p.represented_by.function}" if p.represented_by.function else "")
        lines.append(
            f"{p.name}{ags}, {p.address.street}, {p.address.postcode} {p.address.city}, {lab['represented_by']} {rep}"
        )
    return lines


def assemble(answers: Answers, library: ClauseLibrary, lang: str | None = None) -> Document:
    """Turn answers and library into the plain document model."""
    lang = lang or answers.language.value
    ctx = context(answers, library, lang)
    sel = select(library, ctx)
    rows = coverage(library, sel, ctx)
    check_requirements(library, rows, lang)
    applied = list({row.requirement_set.id: row.requirement_set for row in rows}.values())
    preamble = None
    if sel.preamble:
        paras = []
        for loaded in sel.preamble:
            cctx = _clause_context(ctx, sel, lang, loaded)
            paras += _section(loaded, "", lang, cctx, numbered=False).paragraphs
        title = LABELS[lang]["preamble"]
        preamble = Section(sel.preamble[0].clause.id, "", title, paras)
    sections = [
        _section(c, sel.numbers[c.clause.id], lang, _clause_context(ctx, sel, lang, c), numbered=True) for c in sel.body
    ]
    annexes = []
    for c in sel.annexes:
        s = _section(c, sel.numbers[c.clause.id], lang, _clause_context(ctx, sel, lang, c), numbered=False)
        kind = c.clause.table.value if c.clause.table else None
        table = _table(kind, answers, lang) if kind and kind != "indicators" else None
        if table is not None and not table.rows:
            table = None
        annexes.append(Annex(c.clause.id, s.number, s.title, s.paragraphs, table, _profiles(kind, answers, lang)))
    signatories = [
        Signatory(p.name, p.represented_by.name, p.represented_by.function or "", p.kind in PUBLIC_KINDS)
        for p in answers.parties
    ]
    date = answers.agreement.date
    labels = dict(LABELS[lang])
    labels["date"] = formatting.date(date, lang) if date else ""
    title = _title(answers, library, lang)
    clauses = [
        ClauseUse(id=c.clause.id, version=c.clause.version, sha256=c.digest, file=c.file.name,
                  part=c.clause.part.value, number=sel.numbers.get(c.clause.id, ""))
        for c in sel.all()
    ]  # fmt: skip
    return Document(
        language=lang,
        title=title,
        subtitle=LABELS[lang]["between"],
        intro=_party_lines(answers, lang),
        preamble=preamble,
        sections=sections,
        annexes=annexes,
        signatories=signatories,
        checklist=_checklist(sel, ctx, lang),
        labels=labels,
        clauses=clauses,
        requirement_sets=[rs.id for rs in applied],
    )


def render_clause(answers: Answers, library: ClauseLibrary, clause_id: str, lang: str) -> Section | None:
    """One clause as the agreement would show it for these answers; None when its condition does not hold."""
    ctx = context(answers, library, lang)
    sel = select(library, ctx)
    loaded = next((c for c in sel.all() if c.clause.id == clause_id), None)
    if loaded is None or loaded.clause.text is None:
        return None
    cctx = _clause_context(ctx, sel, lang, loaded)
    return _section(loaded, sel.numbers.get(clause_id, ""), lang, cctx, numbered=loaded.clause.part is Part.body)
