"""Each Beteiligter's share of the joint costs per year and over the term, to the cent (largest remainder).

Rounding rule: the amount is split in cents in proportion to the weights (equal, population); each share is first
rounded down to the cent, and the cents that remain go one each to the shares with the largest remainders (on a
tie, to the Beteiligter listed first). The shares so add up to the amount to the cent. Fixed amounts are taken as
given; with ``lead`` the lead Beteiligter bears everything; ``usage`` is split equally until the steering committee
fixes the measure of use (as § Kosten says).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from slp_agreements.model.answers import Answers
from slp_agreements.model.vocabulary import CostModel

CENT = Decimal("0.01")


def largest_remainder(total: Decimal, weights: list[int | Decimal]) -> list[Decimal]:
    """``total`` split in proportion to ``weights``, in cents that add up to ``total`` exactly."""
    cents = int((total / CENT).to_integral_value())
    whole = sum(Fraction(w) for w in weights)
    if whole == 0:
        return [Decimal(0) for _ in weights]
    exact = [Fraction(cents) * Fraction(w) / whole for w in weights]
    floors = [int(x) for x in exact]
    rest = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return [Decimal(c) * CENT for c in floors]


def term_months(start: dt.date, end: dt.date | None) -> int | None:
    """Whole months from ``start`` to ``end`` inclusive (a term 1.1.2027–31.12.2028 has 24), None if unlimited."""
    if end is None:
        return None
    after = end + dt.timedelta(days=1)
    return max(1, (after.year - start.year) * 12 + after.month - start.month + (1 if after.day > start.day else 0))


@dataclass(frozen=True)
class Share:
    """One Beteiligter's share: per year and over the term (None where the answers do not fix an amount)."""

    party_id: str
    ratio: Fraction | None  # share of the joint costs (None for fixed amounts without a budget)
    annual: Decimal | None
    term_total: Decimal | None


@dataclass(frozen=True)
class CostPlan:
    """The shares of all Beteiligte, the annual budget and the term in months (None: unlimited)."""

    model: CostModel
    budget: Decimal | None
    months: int | None
    shares: list[Share]
    provisional: bool  # 'usage': equal shares until the steering committee decides

    def share(self, party_id: str) -> Share:
        """The share of this Beteiligter."""
        return next(s for s in self.shares if s.party_id == party_id)


def _weights(answers: Answers) -> list[int | Decimal] | None:
    assert answers.costs is not None
    model, parties = answers.costs.model, answers.parties
    if model in (CostModel.equal, CostModel.usage):
        return [1] * len(parties)
    if model is CostModel.population:
        pops = [p.population for p in parties]
        return None if any(p is None for p in pops) else [p for p in pops if p is not None]
    if model is CostModel.lead:
        return [1 if p.id == answers.lead else 0 for p in parties]
    amounts = [p.fixed_amount for p in parties]
    return None if any(a is None for a in amounts) else [a for a in amounts if a is not None]


def cost_plan(answers: Answers) -> CostPlan | None:
    """The shares of the joint costs, or None when the agreement has no cost rule."""
    if answers.costs is None:
        return None
    costs, ids = answers.costs, [p.id for p in answers.parties]
    months = term_months(answers.term.start, answers.term.end)
    weights = _weights(answers)
    if weights is None:
        shares = [Share(pid, None, None, None) for pid in ids]
        return CostPlan(costs.model, costs.annual_budget, months, shares, costs.model is CostModel.usage)
    whole = sum(Fraction(w) for w in weights)
    ratios = [Fraction(w) / whole if whole else None for w in weights]
    if costs.model is CostModel.fixed:
        annual: list[Decimal | None] = [Decimal(w) for w in weights]
        totals: list[Decimal | None] = [
            (Decimal(w) * months / 12).quantize(CENT) if months is not None else None for w in weights
        ]
    elif costs.annual_budget is not None:
        annual = list(largest_remainder(costs.annual_budget, weights))
        totals = (
            list(largest_remainder((costs.annual_budget * months / 12).quantize(CENT), weights))
            if months is not None
            else [None] * len(ids)
        )
    else:
        annual, totals = [None] * len(ids), [None] * len(ids)
    shares = [Share(pid, r, a, t) for pid, r, a, t in zip(ids, ratios, annual, totals, strict=True)]
    return CostPlan(costs.model, costs.annual_budget, months, shares, costs.model is CostModel.usage)
