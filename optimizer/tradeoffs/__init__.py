"""Trade-off analysis of the best plan: budget curve, prices, alternatives, regret and the
explanation of infeasibility, all by exact re-solves of one loaded model."""

# Trade-offs re-solve the full market once per what-if: computed by default only below this
# many targets, where every re-solve takes milliseconds.
TRADEOFFS_BELOW = 400
