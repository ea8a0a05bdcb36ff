"""The tables annexes carry (parties, datasets, subprocessors) and the indicator profiles, built from the answers."""

from __future__ import annotations

from slp_agreements.build.profiles import dataset_details, profiles
from slp_agreements.errors import UserError
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import Profile, Table
from slp_agreements.model.labels import LABELS


def annex_table(kind: str, answers: Answers, lang: str) -> Table:
    lab = LABELS[lang]

    def yes_no(v: bool | None) -> str:
        if v is None:  # a dataset without its own answer: what the agreement says about its data as a whole
            return lab["not_stated"] if answers.data and answers.data.personal_data else lab["no"]
        return lab["yes"] if v else lab["no"]

    def personal(v: bool | None, parcel_level: bool) -> str:
        """ja / flurstücksbezogen / nein: parcel-level data are marked unless they are personal anyway."""
        return lab["parcel_level"] if parcel_level and not v else yes_no(v)

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
        rows = [
            [str(i), d.title, d.description + dataset_details(d, lang), d.purpose or lab["purpose_goals"],
             answers.party(d.provider).name, "\n".join(x for x in (d.format, d.update) if x) or lab["none"],
             personal(d.personal_data, d.parcel_level)]
            for i, d in enumerate(answers.data.datasets, 1)
        ]  # fmt: skip
        header = [lab["col_no"]] + [
            lab[k]
            for k in ("col_dataset", "col_description", "col_purpose", "col_provider", "col_format_update",
                      "col_personal")
        ]  # fmt: skip
        return Table(header, rows, [0.45, 1.3, 1.7, 1.5, 1.2, 1.15, 1.05])
    if kind == "subprocessors":
        assert answers.data is not None
        rows = [[s.name, s.address, s.service] for s in answers.data.subprocessors]
        return Table([lab["col_name"], lab["col_address"], lab["col_service"]], rows, [1.2, 1.4, 1.6])
    raise UserError(f"Anlagen-Tabelle '{kind}' wird von dieser Version noch nicht unterstützt.")


def annex_profiles(kind: str | None, answers: Answers, lang: str) -> list[Profile]:
    """Indicator profiles (one per page) for an annex whose table is 'indicators'."""
    if kind != "indicators":
        return []
    return profiles(answers, lang)
