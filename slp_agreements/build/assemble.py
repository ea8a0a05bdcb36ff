"""Assembly: answers and library in, the plain document model out (title, parties, §§, annexes, signatures)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from slp_agreements.build.annexes import annex_profiles, annex_table
from slp_agreements.build.checklist import by_phase, checklist
from slp_agreements.build.land_checks import checklist_items, checks
from slp_agreements.build.requirements import check_requirements, coverage
from slp_agreements.build.sections import clause_context, section
from slp_agreements.build.selection import context, select
from slp_agreements.build.signatures import check_signatories, signatories, signature_note
from slp_agreements.errors import UserError
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.context import with_grammar
from slp_agreements.library.instruments import assess
from slp_agreements.model import formatting
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import Annex, Document, Section
from slp_agreements.model.labels import LABELS, TITLES
from slp_agreements.model.manifest import ClauseUse
from slp_agreements.model.paths import where
from slp_agreements.model.rules import cross_field_warnings


def _title(answers: Answers, instrument: dict[str, Any], lang: str) -> str:
    if answers.agreement.title:
        return answers.agreement.title
    name = instrument[lang] or ("Vereinbarung" if lang == "de" else "Agreement")
    pattern = TITLES[instrument["key"]][lang]
    return pattern.format(project=answers.agreement.project, instrument=name[:1].upper() + name[1:])


def _party_lines(answers: Answers, lang: str) -> list[str]:
    lab = LABELS[lang]
    lines = []
    for p in answers.parties:
        ags = f" ({lab['ags']} {p.ags})" if p.ags else ""
        rep = p.represented_by.name + (f", {p.represented_by.function}" if p.represented_by.function else "")
        # German: "zwischen dem Landkreis Heideland …, und der Gemeinde Heidewinkel …" (dative after "zwischen").
        name = p.name
        if lang == "de":
            dative = str(with_grammar(p.model_dump(mode="json", by_alias=True), lang).get("dat", p.name))
            name = dative if p.name in dative else p.name  # a name the declension would alter stays as written
        lines.append(
            f"{name}{ags}, {p.address.street}, {p.address.postcode} {p.address.city}, {lab['represented_by']} {rep}"
        )
    return lines


def assemble(
    answers: Answers, library: ClauseLibrary, lang: str | None = None, source: Path | str | None = None
) -> Document:
    """Turn answers and library into the plain document model (``source``: the answers file, for messages)."""
    lang = lang or answers.main_language.value
    land = library.laender.get(answers.land.value)
    found = None
    if land is not None:
        try:
            found = assess(answers, land)
            check_signatories(answers, land)
        except UserError as exc:
            exc.file = exc.file or source
            raise
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
    signature_blocks = signatories(answers, lang, land)
    date = answers.agreement.date
    labels = dict(LABELS[lang])
    labels["date"] = formatting.date(date, lang) if date else ""
    note = signature_note(answers, land, ctx["instrument"], lang)
    if note:
        labels["signatures"] = labels["signatures_obligation"]
    steps = checklist(sel, ctx, lang)
    if land is not None and found is not None:
        steps = by_phase(steps + checklist_items(checks(answers, land, found, ctx), lang))
    if lang == "en":
        steps = [
            replace(step, text=formatting.english_citations(step.text),
                    legal_basis=formatting.english_citations(step.legal_basis))
            for step in steps
        ]  # fmt: skip
    title = _title(answers, ctx["instrument"], lang)
    clauses = [
        ClauseUse(id=c.clause.id, version=c.clause.version, sha256=c.digest, file=c.file.name,
                  part=c.clause.part.value, number=sel.numbers.get(c.clause.id, ""))
        for c in sel.all()
    ]  # fmt: skip
    warnings = [
        f"{where(path)}: {msg}" for path, msg in cross_field_warnings(answers.model_dump(mode="json", by_alias=True))
    ]
    warnings += found.warnings if found is not None else []
    return Document(
        language=lang,
        title=title,
        subtitle=LABELS[lang]["between"],
        intro=_party_lines(answers, lang),
        preamble=preamble,
        sections=sections,
        annexes=annexes,
        signatories=signature_blocks,
        checklist=steps,
        labels=labels,
        clauses=clauses,
        requirement_sets=[rs.id for rs in applied],
        warnings=warnings,
        signature_note=note,
        instrument=dict(ctx["instrument"] or {}),
    )
