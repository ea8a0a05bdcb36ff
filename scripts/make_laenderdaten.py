"""Write the facts register for the legal office (docs/laenderdaten.md) from clauses/laender/<CODE>.yaml.

Only the part between the two markers is generated; the text above it (purpose, marker rule, what changed) is
written by hand. ``python scripts/make_laenderdaten.py`` rewrites the file; ``--check`` fails when it is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from slp_agreements.library.land_files import read_land_folder
from slp_agreements.model.land import (
    ApprovalKind,
    Element,
    Fact,
    Instrument,
    LandFacts,
    Marker,
    PublishedBy,
    Transfer,
)
from slp_agreements.model.vocabulary import Land, PartyKind

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "docs" / "laenderdaten.md"
BEGIN = "<!-- Ab hier erzeugt von scripts/make_laenderdaten.py; nicht von Hand ändern. -->"
END = "<!-- Ende des erzeugten Teils. -->"

KINDS = {
    PartyKind.gemeinde: "Gemeinde", PartyKind.stadt: "Stadt", PartyKind.markt: "Markt",
    PartyKind.samtgemeinde: "Samtgemeinde", PartyKind.verbandsgemeinde: "Verbandsgemeinde", PartyKind.amt: "Amt",
    PartyKind.verwaltungsgemeinschaft: "Verwaltungsgemeinschaft", PartyKind.landkreis: "Landkreis/Kreis",
    PartyKind.bezirk: "Bezirk", PartyKind.zweckverband: "Zweckverband",
    PartyKind.public_body: "andere öffentliche Stelle",
    PartyKind.research: "Hochschule/Forschungseinrichtung", PartyKind.company: "Unternehmen",
}  # fmt: skip
TRANSFERS = {
    Transfer.delegation: "Delegation", Transfer.mandate: "Mandat",
    Transfer.joint: "gemeinschaftliche Durchführung", Transfer.none: "keine Übertragung",
}  # fmt: skip
ELEMENTS = {
    Element.task: "Aufgabe", Element.carrier: "Träger bzw. durchführender Beteiligter",
    Element.transfer_date: "Zeitpunkt des Übergangs", Element.participation_rights: "Mitwirkungsrechte",
    Element.compensation: "Entschädigung, Kostenersatz", Element.cost_key: "Kostenschlüssel",
    Element.termination_terms: "Kündigungsregelung", Element.dissolution_terms: "Auflösung und Auseinandersetzung",
    Element.written_form: "Form", Element.parties: "Beteiligte", Element.rules_of_procedure: "Geschäftsordnung",
    Element.financing: "Finanzierung", Element.bylaws: "Satzungsbefugnis",
}  # fmt: skip
APPROVALS = {
    ApprovalKind.approval: "Genehmigung", ApprovalKind.notice: "Anzeige",
    ApprovalKind.none: "keine Genehmigung oder Anzeige", ApprovalKind.unknown: "offen",
}  # fmt: skip
CONDITIONS = {
    "task_transfer == 'delegation'": "bei Delegation",
    "task_transfer == 'mandate'": "bei Mandat",
    "task and task.category == 'voluntary'": "bei freiwilliger Aufgabe",
    "task and task.category == 'mandatory'": "bei Pflichtaufgabe",
    "task and task.category == 'state'": "bei Aufgabe des übertragenen Wirkungskreises",
    "task and task.powers": "wenn Befugnisse übergehen",
    "task and task.powers and task.category == 'state'": "wenn Befugnisse übergehen (übertragener Wirkungskreis)",
}
PUBLISHERS = {
    PublishedBy.authority: "durch die Aufsichtsbehörde", PublishedBy.parties: "durch die Beteiligten",
    PublishedBy.none: "keine Bekanntmachung", PublishedBy.unknown: "wer bekannt macht: offen",
}  # fmt: skip
AUTHORITY = {
    "default": "Aufsichtsbehörde", "with_landkreis": "Aufsichtsbehörde, wenn ein Landkreis beteiligt ist",
    "with_kreisfreie_stadt": "Aufsichtsbehörde, wenn eine kreisfreie Stadt beteiligt ist",
    "across_districts": "Aufsichtsbehörde über Kreisgrenzen",
}  # fmt: skip
STEPS = {
    "deemed_approval": "Genehmigungsfiktion", "effect": "Wirksamwerden", "amendment": "Änderung",
    "accession": "Beitritt", "termination": "Kündigung", "dissolution": "Aufhebung, Auflösung",
}  # fmt: skip

Row = tuple[str, Fact]


def cell(text: str | None) -> str:
    """A Markdown table cell: no line breaks, no unescaped pipes."""
    return (text or "–").replace("\n", " ").replace("|", "\\|")


def land_rows(facts: LandFacts) -> Iterator[Row]:
    """Every fact of a Land with a German label, in the order of the file."""
    if facts.cooperation_act:
        yield "Gesetz über kommunale Zusammenarbeit", facts.cooperation_act.fact
    if facts.commitment_authorisation:
        yield "Verpflichtungsermächtigung", facts.commitment_authorisation
    yield "Barrierefreiheit", facts.accessibility_law
    for kind, council in facts.council.items():
        yield f"Beschlussorgan ({KINDS[kind]}: {council.organ.de})", council.fact
    yield "Unterzeichnung", facts.signatories.fact
    if facts.signatories.execution:
        yield "Ausfertigung des Instruments", facts.signatories.execution
    if facts.disputes:
        yield "Schlichtung", facts.disputes
    for instrument in facts.instruments.values():
        yield from instrument_rows(instrument)


def instrument_rows(instrument: Instrument) -> Iterator[Row]:
    """The facts of one instrument, labelled with its German name."""
    name = instrument.name.de
    for transfer, fact in instrument.transfers.items():
        yield f"{name}: trägt {TRANSFERS[transfer]}", fact
    for transfer, exclusion in instrument.excludes.items():
        yield f"{name}: schließt {TRANSFERS[transfer]} aus", exclusion
    yield f"{name}: Beteiligtenkreis", instrument.parties.fact
    for kind, fact in instrument.parties.doubtful.items():
        yield f"{name}: Beteiligte – {KINDS[kind]}", fact
    for rule in instrument.content:
        duty = "Pflicht" if rule.mandatory else "kann"
        only = f", nur bei {', '.join(TRANSFERS[t] for t in rule.transfers)}" if rule.transfers else ""
        yield f"{name}: Inhalt – {ELEMENTS[rule.element]} ({duty}{only})", rule.fact
    for approval in instrument.approval:
        when = CONDITIONS.get(approval.when, approval.when) if approval.when else "sonst"
        yield f"{name}: {APPROVALS[approval.kind]} ({when})", approval.fact
    if instrument.authority:
        for field in AUTHORITY:
            fact = getattr(instrument.authority, field)
            if fact is not None:
                yield f"{name}: {AUTHORITY[field]}", fact
    if instrument.publication:
        yield f"{name}: Bekanntmachung ({PUBLISHERS[instrument.publication.by]})", instrument.publication.fact
    for field, label in STEPS.items():
        fact = getattr(instrument, field)
        if fact is not None:
            yield f"{name}: {label}", fact


def counts(facts: LandFacts) -> Counter[Marker]:
    """How many facts of the Land carry each marker."""
    return Counter(fact.marker for _, fact in facts.facts())


def overview(laender: dict[Land, LandFacts]) -> list[str]:
    """The table of markers per Land."""
    lines = ["## Übersicht: Fakten je Marker", "", "| Land | ✔ | ◐ | ✖ | Instrumente |", "|---|---|---|---|---|"]
    total: Counter[Marker] = Counter()
    for land in Land:
        facts = laender[land]
        n = counts(facts)
        total += n
        names = ", ".join(i.name.de for i in facts.instruments.values())
        lines.append(
            f"| {facts.name.de} ({land.value}) | {n[Marker.verified]} | {n[Marker.partly]} | {n[Marker.unverified]} "
            f"| {names} |"
        )
    v, p, x = total[Marker.verified], total[Marker.partly], total[Marker.unverified]
    lines.append(f"| **zusammen** | **{v}** | **{p}** | **{x}** | |")
    return [*lines, ""]


def names_table(facts: LandFacts) -> list[str]:
    """Acts and authorities whose name is the fact."""
    rows = [("Verwaltungsverfahrensgesetz", f"{facts.vwvfg.full.de}; zitiert „{facts.vwvfg.cite(54)}“",
             facts.vwvfg.marker, facts.vwvfg.source)]  # fmt: skip
    if facts.municipal_codes:
        codes = ", ".join(sorted({c.short for c in facts.municipal_codes.codes.values()}))
        rows.append(("Kommunalverfassung", codes, facts.municipal_codes.marker, facts.municipal_codes.source))
    if facts.budget_regulation:
        rows.append(("Haushaltsverordnung", facts.budget_regulation.full.de, facts.budget_regulation.marker,
                     facts.budget_regulation.source))  # fmt: skip
    dsg, dpa = facts.data_protection_act, facts.data_protection_authority
    rows.append(("Datenschutzgesetz", dsg.full.de, dsg.marker, dsg.source))
    rows.append(("Datenschutz-Aufsichtsbehörde", dpa.de, dpa.marker, dpa.source))
    out = ["| Gegenstand | Name | Marker | Quelle |", "|---|---|---|---|"]
    out += [f"| {label} | {cell(name)} | {marker.value} | {cell(source)} |" for label, name, marker, source in rows]
    return out


def land_section(facts: LandFacts) -> list[str]:
    """One Land: names, every fact, and what stays to be checked."""
    n = counts(facts)
    lines = [
        f"## {facts.name.de} ({facts.land.value})",
        "",
        f"Stand der Daten: {facts.as_of:%d.%m.%Y}. Fakten: {n[Marker.verified]} ✔, {n[Marker.partly]} ◐, "
        f"{n[Marker.unverified]} ✖ (Datei `clauses/laender/{facts.land.value}.yaml`).",
        "",
        *names_table(facts),
        "",
        "| Gegenstand | Aussage | Norm | Marker | Quelle |",
        "|---|---|---|---|---|",
    ]
    rows = list(land_rows(facts))
    lines += [
        f"| {cell(label)} | {cell(f.de)} | {cell(f.norm)} | {f.marker.value} | {cell(f.source)} |" for label, f in rows
    ]
    open_items = [(label, f) for label, f in rows if f.marker is not Marker.verified]
    lines += ["", f"**Bleibt zu prüfen ({len(open_items)}):**", ""]
    lines += [f"- {label} ({f.marker.value}, {f.norm or 'Norm offen'})" for label, f in open_items]
    if facts.notes:
        lines += ["", "**Hinweise:**", ""]
        lines += [f"- {note.de}" for note in facts.notes]
    return [*lines, ""]


def generated(laender: dict[Land, LandFacts]) -> str:
    """The generated part of the register."""
    lines = [BEGIN, "", *overview(laender)]
    for land in Land:
        lines += land_section(laender[land])
    return "\n".join([*lines, END]) + "\n"


def render(current: str, laender: dict[Land, LandFacts]) -> str:
    """``current`` with its generated part replaced (appended when the markers are missing)."""
    head = current.split(BEGIN)[0] if BEGIN in current else current.rstrip() + "\n\n"
    tail = current.split(END, 1)[1] if END in current else ""
    return head + generated(laender) + tail.lstrip("\n")


def main(argv: list[str] | None = None) -> int:
    """Rewrite docs/laenderdaten.md, or with --check report whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="nur prüfen, ob das Register aktuell ist")
    args = parser.parse_args(argv)
    laender = read_land_folder(ROOT / "clauses")
    current = REGISTER.read_text(encoding="utf-8")
    wanted = render(current, laender)
    if args.check:
        if wanted != current:
            print("docs/laenderdaten.md ist nicht aktuell: python scripts/make_laenderdaten.py", file=sys.stderr)
            return 1
        return 0
    REGISTER.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
