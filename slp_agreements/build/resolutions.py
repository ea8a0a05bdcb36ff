"""Beschlussvorlagen: one council resolution draft per Beteiligter whose council or assembly must resolve.

Who resolves comes from the Land data (``council`` per party kind: the organ and the competence norm with its
marker); the cost share from model/costs.py; the budget regulation and the Verpflichtungsermächtigung from the Land
data. A fact that is not ✔ is phrased for review ("zu prüfen"), as in the agreement.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from slp_agreements.model import formatting
from slp_agreements.model.answers import Answers, Party
from slp_agreements.model.costs import CostPlan, cost_plan
from slp_agreements.model.document import Document, Item, Paper, Paragraph, Part, Table
from slp_agreements.model.grammar import forms
from slp_agreements.model.labels import PAPER_LABELS
from slp_agreements.model.land import Council, Fact, LandFacts, Marker
from slp_agreements.model.vocabulary import CostModel, DataRole, Transfer


def resolving_parties(answers: Answers, land: LandFacts | None) -> list[tuple[Party, Council]]:
    """The Beteiligte whose council or assembly resolves on the agreement, with the Land's council entry."""
    if land is None:
        return []
    return [(p, land.council[p.kind]) for p in answers.parties if p.kind in land.council]


def marker_note(marker: Marker, lang: str) -> str:
    """The verification state of a fact as the papers state it ('[◐ teilweise belegt – zu prüfen]')."""
    return PAPER_LABELS[lang][f"marker_{marker.name}"]


def _percent(ratio: Fraction | None, lang: str) -> str:
    if ratio is None:
        return "–"
    return formatting.number(round(float(ratio) * 100, 2), lang) + " %"


def _money(value: Decimal | None, lang: str) -> str:
    return formatting.money(value, lang) if value is not None else "–"


def _case(party: Party, lang: str, case: str = "nom") -> str:
    """The party's name with its article in ``case`` (German); the name as it is in English."""
    if lang != "de":
        return party.name
    g = party.grammar
    overrides = {"nom": g.nominative, "gen": g.genitive, "dat": g.dative, "akk": g.accusative} if g else None
    return str(getattr(forms(party.name, party.kind, g.gender if g else None, overrides), case))


def _gen(party: Party, lang: str) -> str:
    return _case(party, lang, "gen")


def _nom(party: Party, lang: str) -> str:
    return formatting.capfirst(_case(party, lang))


def _organ_article(organ: str, first: bool) -> str:
    """The article of a council organ in the nominative: feminine -ung and -schaft, neuter '-haus'."""
    word = organ.split()[-1].lower()
    article = "die" if word.endswith(("ung", "schaft")) else ("das" if word.endswith(("haus", "parlament")) else "der")
    return article.capitalize() if first else article


def _signer(party: Party, w: dict[str, str], lang: str) -> str:
    """Who signs, with the article: 'Die Bürgermeisterin', 'Der Landrat' (the head of administration if unnamed)."""
    function = party.represented_by.function
    if not function:
        return w["head_of_administration"]
    if lang != "de":
        return f"The {function}"
    return f"{'Die' if function.endswith('in') else 'Der'} {function}"


def _fact(fact: Fact | None, lang: str) -> str:
    return f"{fact.get(lang)} {marker_note(fact.marker, lang)}" if fact is not None else ""


def _task_sentence(answers: Answers, party: Party, w: dict[str, str], lang: str) -> str:
    transfer, task = answers.agreement.task_transfer, answers.task
    if task is None or transfer in (None, Transfer.none):
        return w["task_none"]
    carrier = answers.party(task.carrier) if task.carrier else None
    name = task.name
    if carrier is None:
        return w["task_joint"].format(task=name)
    key = {Transfer.delegation: "delegation", Transfer.mandate: "mandate"}.get(transfer, "joint")
    if key == "joint":
        return w["task_joint"].format(task=name)
    own = w[f"task_{key}_carrier"] if carrier.id == party.id else w[f"task_{key}_other"]
    text = w[f"task_{key}"].format(task=name, carrier=_case(carrier, lang, "akk"), carrier_nom=_nom(carrier, lang))
    return text + " " + own.format(party=_nom(party, lang))


def _data_role(answers: Answers, party: Party, w: dict[str, str]) -> str:
    data = answers.data
    if data is None or not data.personal_data:
        return w["dp_none"]
    if data.roles is DataRole.joint:
        return w["dp_joint"]
    if data.roles is DataRole.processing and data.processor:
        processor = answers.party(data.processor).name
        return w["dp_processor"] if data.processor == party.id else w["dp_controller_of"].format(processor=processor)
    return w["dp_separate"]


def _term(answers: Answers, w: dict[str, str], lang: str) -> str:
    t = answers.term
    start = formatting.date(t.start, lang)
    if t.end is None:
        return w["term_open"].format(start=start, notice=formatting.months(t.notice_months, lang))
    text = w["term_fixed"].format(start=start, end=formatting.date(t.end, lang))
    early = w["term_early"] if t.early_termination else w["term_no_early"]
    return text + " " + early.format(notice=formatting.months(t.notice_months, lang))


def _facts(answers: Answers, doc: Document, party: Party, w: dict[str, str], lang: str) -> Part:
    a = answers.agreement
    ins = doc.instrument
    others = [_case(p, lang) for p in answers.parties]
    paras = [
        Paragraph("", w["aim"].format(subject=a.subject.rstrip(".")), [
            Item(formatting.item_label(i, 0), p) for i, p in enumerate(a.purposes)
        ]),
        Paragraph("", w["parties"].format(parties=formatting.join_and(others, lang),
                                          lead=_case(answers.party(answers.lead), lang))),
        Paragraph("", w["instrument"].format(instrument=ins.get(lang) or doc.title,
                                             norm=ins.get("norm") or w["norm_open"])),
        Paragraph("", _task_sentence(answers, party, w, lang)),
        Paragraph("", _term(answers, w, lang)),
        Paragraph("", _data_role(answers, party, w)),
    ]  # fmt: skip
    approval = ins.get("approval")
    if isinstance(approval, dict) and approval.get(lang):
        marker = Marker(approval["marker"])
        paras.append(Paragraph("", w["approval"].format(text=approval[lang]) + " " + marker_note(marker, lang)))
    return Part(w["facts"], paras)


def _proposal(
    answers: Answers, doc: Document, party: Party, council: Council, plan: CostPlan | None, lang: str
) -> Part:
    w = PAPER_LABELS[lang]
    organ = council.organ.get(lang)
    signer = _signer(party, w, lang)
    items = [
        w["resolve_conclude"].format(title=doc.title),
        w["resolve_sign"].format(signer=signer),
    ]
    share = plan.share(party.id) if plan else None
    if share is not None and share.annual:
        items.append(
            w["resolve_budget"].format(
                party=_gen(party, lang), amount=formatting.money(share.annual, lang), year=answers.term.start.year
            )
        )
    organs = organ.split(" und ") if lang == "de" else [organ]
    verb = ("beschließen" if len(organs) > 1 else "beschließt") if lang == "de" else "resolves"
    if lang == "de":  # 'Der Kreistag', 'Die Gemeindevertretung', 'Der Senat und das Abgeordnetenhaus'
        organ = " und ".join(_organ_article(o, i == 0) + " " + o for i, o in enumerate(organs))
    lead = w["resolves"].format(organ=organ, party=_gen(party, lang), verb=verb)
    return Part(w["proposal"], [Paragraph("", lead, [Item(f"{i}.", t) for i, t in enumerate(items, 1)])])


def _cost_table(answers: Answers, plan: CostPlan, lang: str) -> Table:
    w = PAPER_LABELS[lang]
    rows = [
        [
            p.name,
            _percent(s.ratio, lang),
            _money(s.annual, lang),
            _money(s.term_total, lang) if plan.months is not None else w["unlimited"],
        ]
        for p, s in zip(answers.parties, plan.shares, strict=True)
    ]
    annual = [s.annual for s in plan.shares if s.annual is not None]
    totals = [s.term_total for s in plan.shares if s.term_total is not None]
    n = len(plan.shares)
    rows.append([
        w["sum"], "100 %" if all(s.ratio is not None for s in plan.shares) else "–",
        _money(sum(annual, Decimal(0)) if len(annual) == n else None, lang),
        _money(sum(totals, Decimal(0)) if len(totals) == n else None, lang) if plan.months is not None
        else w["unlimited"],
    ])  # fmt: skip
    header = [w["col_party"], w["col_share"], w["col_annual"], w["col_term"]]
    return Table(header, rows, [3.2, 1.2, 1.8, 1.8])


def _finances(answers: Answers, party: Party, plan: CostPlan | None, land: LandFacts, lang: str) -> Part:
    w = PAPER_LABELS[lang]
    if plan is None:
        return Part(w["finances"], [Paragraph("", w["no_costs"].format(party=_nom(party, lang)))])
    share = plan.share(party.id)
    paras = [Paragraph("", w[f"model_{plan.model.value}"])]
    if share.annual is not None:
        text = w["share"].format(party=_case(party, lang, "akk"), percent=_percent(share.ratio, lang),
                                 amount=formatting.money(share.annual, lang))  # fmt: skip
        if share.term_total is not None and plan.months is not None:
            text += " " + w["share_term"].format(months=plan.months, amount=formatting.money(share.term_total, lang))
        elif plan.months is None:
            text += " " + w["share_open"]
        paras.append(Paragraph("", text))
    else:
        paras.append(
            Paragraph(
                "", w["share_unknown"].format(party=_case(party, lang, "akk"), percent=_percent(share.ratio, lang))
            )
        )
    if plan.model is CostModel.fixed and plan.budget is not None:
        fixed = sum((s.annual or Decimal(0) for s in plan.shares), Decimal(0))
        if fixed != plan.budget:
            paras.append(Paragraph("", w["fixed_differs"].format(
                fixed=formatting.money(fixed, lang), budget=formatting.money(plan.budget, lang))))  # fmt: skip
    if plan.model is not CostModel.fixed and plan.budget is not None:
        paras.append(Paragraph("", w["rounding"]))
    reg = land.budget_regulation
    if reg is not None:
        paras.append(Paragraph("", w["budget_regulation"].format(act=reg.full.get(lang)) + " "
                               + marker_note(reg.marker, lang)))  # fmt: skip
    else:
        paras.append(Paragraph("", w["budget_regulation_open"]))
    multi_year = plan.months is None or answers.term.start.year != (answers.term.end or answers.term.start).year
    if multi_year and share.annual:
        ca = land.commitment_authorisation
        paras.append(Paragraph("", _fact(ca, lang) if ca is not None else w["commitment_open"]))
    return Part(w["finances"], paras, _cost_table(answers, plan, lang))


def _legal_basis(council: Council, land: LandFacts, doc: Document, party: Party, lang: str) -> Part:
    w = PAPER_LABELS[lang]
    paras = [Paragraph("", _fact(council.fact, lang))]
    codes = land.municipal_codes
    if codes is not None and party.kind in codes.codes:
        act = codes.codes[party.kind].full.get(lang)
        paras.append(Paragraph("", w["code"].format(act=act) + " " + marker_note(codes.marker, lang)))
    if doc.instrument.get("norm"):
        paras.append(Paragraph("", w["instrument_norm"].format(norm=doc.instrument["norm"])))
    return Part(w["legal_basis"], paras)


def resolution(
    answers: Answers, doc: Document, party: Party, council: Council, land: LandFacts, files: dict[str, str]
) -> Paper:
    """The Beschlussvorlage for ``party``; ``files`` names the agreement and checklist files (its Anlagen)."""
    lang = doc.language
    w = PAPER_LABELS[lang]
    plan = cost_plan(answers) if answers.binding else None
    organ = council.organ.get(lang)
    lines = [w["for_party"].format(party=party.name), w["organ"].format(organ=organ)]
    if doc.labels.get("date"):
        lines.append(f"{doc.labels['status']} {doc.labels['date']}")
    annexes = [
        Paragraph("", "", [
            Item(f"{w['annex']} 1", w["annex_contract"].format(file=files["contract"])),
            Item(f"{w['annex']} 2", w["annex_checklist"].format(file=files["checklist"])),
        ])
    ]  # fmt: skip
    parts = [
        Part(w["subject"], [Paragraph("", w["subject_text"].format(title=doc.title))]),
        _facts(answers, doc, party, w, lang),
        _proposal(answers, doc, party, council, plan, lang),
        _finances(answers, party, plan, land, lang),
        _legal_basis(council, land, doc, party, lang),
        Part(w["annexes"], annexes),
    ]
    return Paper("resolution", party.id, w["resolution_title"], doc.title, lines, parts, doc.labels)


def resolutions(
    answers: Answers, doc: Document, land: LandFacts | None, files: dict[str, str], *, asked: bool | None = None
) -> list[Paper]:
    """A Beschlussvorlage for each resolving Beteiligter; for a declaration of intent only when ``asked``."""
    if asked is False or (asked is None and not answers.binding) or land is None:
        return []
    return [resolution(answers, doc, p, c, land, files) for p, c in resolving_parties(answers, land)]
