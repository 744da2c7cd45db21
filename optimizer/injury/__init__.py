"""The injury model applied to plans: the matchday risk report, the matchday XI, and the
backtest against real absences."""
