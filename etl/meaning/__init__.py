"""Meaning proposals for every figure: measure, measure type, period, attribution, entity."""

from etl.meaning.propose import Proposal, propose

__all__ = ["Proposal", "propose"]
