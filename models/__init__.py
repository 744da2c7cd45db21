"""Domain vocabulary: scenarios, players, rules and plans. Pure data, no solver."""

from models.errors import InputProblem, ScenarioError
from models.people import Player, Target
from models.plan import Action, Move, Plan, SolveStatus
from models.rules import Locks, Objective, Rules, Window
from models.scenario import Offer, Scenario, scenario_from_dict

__all__ = [
    "Action",
    "InputProblem",
    "Locks",
    "Move",
    "Objective",
    "Offer",
    "Plan",
    "Player",
    "Rules",
    "Scenario",
    "ScenarioError",
    "SolveStatus",
    "Target",
    "Window",
    "scenario_from_dict",
]
