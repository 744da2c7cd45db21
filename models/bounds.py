"""Sanity bounds on input numbers: beyond them a number is a typo, and it would wreck the
solver's numerics. One name per meaning."""

from __future__ import annotations

MAX_RATING = 1_000.0  # |rating| on any scale; also |cover_min_rating|
MAX_FEE = 100_000.0  # millions: one player's fee, value, wage or a bid
MAX_BUDGET = 1_000_000.0  # millions: a club's budget (net spend, wage bill)
MAX_COUNT = 100_000  # players in any count rule
MAX_WEIGHT = 10_000.0  # an objective weight
