"""Trade-off analysis of the best plan: budget curve, prices, alternatives, regret and the
explanation of infeasibility, all by exact re-solves of one loaded model."""
