"""Assembly: answers and library in, the plain document model out (title, parties, §§, annexes, signatures)."""

from __future__ import annotations

from slp_agreements.build.annexes import annex_profiles, annex_table
from slp_agreements.build.checklist import checklist
from slp_agreements.build.requirements import check_requirements, coverage
from slp_agreements.build.sections import clause_context, section
from slp_agreements.build.selection import context, select
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.laender import instrument
from slp_agreements.model import formatting
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import Annex, Document, Section, Signatory
from slp_agreements.model.labels import LABELS, TITLES
from slp_agreements.model.manifest import ClauseUse
from slp_agreements.model.vocabulary import PUBLIC_KINDS


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
            cctx = clause_context(ctx, sel, lang, loaded)
            paras += section(loaded, "", lang, cctx, numbered=False).paragraphs
        title = LABELS[lang]["preamble"]
        preamble = Section(sel.preamble[0].clause.id, "", title, paras)
    sections = [
        section(c, sel.numbers[c.clause.id], lang, clause_context(ctx, sel, lang, c), numbered=True) for c in sel.body
    ]
    annexes = []
    for c in sel.annexes:
        s = section(c, sel.numbers[c.clause.id], lang, clause_context(ctx, sel, lang, c), numbered=False)
        kind = c.clause.table.value if c.clause.table else None
        table = annex_table(kind, answers, lang) if kind and kind != "indicators" else None
        if table is not None and not table.rows:
            table = None
        annexes.append(Annex(c.clause.id, s.number, s.title, s.paragraphs, table, annex_profiles(kind, answers, lang)))
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
        checklist=checklist(sel, ctx, lang),
        labels=labels,
        clauses=clauses,
        requirement_sets=[rs.id for rs in applied],
    )
