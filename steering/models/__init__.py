from steering.models.documents import SteeringDocument
from steering.models.measures import Indicator, IndicatorValue, Target
from steering.models.plans import ActionPlan, Activity
from steering.models.program import Area, Goal, Program
from steering.models.registers import Forum, Project, Routine
from steering.models.responsibility import ResponsibilityAssignment

__all__ = [
    "ActionPlan", "Activity", "Area", "Forum", "Goal", "Indicator", "IndicatorValue", "Program", "Project",
    "ResponsibilityAssignment", "Routine", "SteeringDocument", "Target",
]
