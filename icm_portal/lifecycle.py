"""Lifecycles: the named actions on a thing with states, who may take each, and what a person may
do with it now.

Each thing with states (a proposal; later a slot, an application, the NA application) declares
one ``Lifecycle`` in its own module: its states and its actions. An action has a name, a label,
the states it may be taken from, the state it leads to (or none, for an action such as "edit"
that changes no state) and a django-rules predicate on (person, object) saying who may take it.
The transitions are derived from the actions. Services ``check`` an action before they change
anything; views hand ``allowed_actions`` to templates, which test action names, never states;
the admin asks ``may``. This module knows no app.
"""

from dataclasses import dataclass, field

import rules
from django.core.exceptions import PermissionDenied, ValidationError


@dataclass(frozen=True)
class Action:
    """One thing a person may do with an object, from some of its states.

    ``refusal`` is what a person is told when the object's state does not allow the action (it
    may name the state as ``%(state)s``); ``denial`` what they are told when they may not take
    it. ``unseen`` refuses those who may not take it as if the object did not exist (404), for
    actions only the object's own people could ever take. A ``plain`` action needs nothing but the
    change of state and its record (with an optional note): the portal's one page for such
    actions offers and takes it, so adding one touches its lifecycle module alone.
    """

    name: str
    label: str
    sources: frozenset
    target: str | None = None
    allowed: rules.Predicate = field(default=rules.always_deny)
    refusal: str = ""
    code: str = "invalid_state"
    denial: str = ""
    unseen: bool = False
    plain: bool = False

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))
        if not isinstance(self.allowed, rules.Predicate):
            object.__setattr__(self, "allowed", rules.predicate(self.allowed))
        if self.plain and self.target is None:
            raise ValueError(f"The plain action {self.name!r} needs a state to lead to.")


class Lifecycle:
    """The states and actions of one kind of object; ``state_of`` reads an object's state."""

    def __init__(self, *, states, actions, invalid_transition, state_field="state"):
        self.states = states
        self.invalid_transition = invalid_transition
        self.state_field = state_field
        self.actions = {}
        for action in actions:
            self.add(action)

    def add(self, action):
        """Declare one more action; the transitions follow from the actions."""
        named = action.sources | ({action.target} if action.target else set())
        unknown = named - set(self.states.values)
        if unknown:
            raise ValueError(f"Action {action.name!r} names unknown states: {sorted(unknown)}")
        self.actions[action.name] = action
        self._derive_transitions()

    def remove(self, name):
        del self.actions[name]
        self._derive_transitions()

    def _derive_transitions(self):
        transitions = {state: set() for state in self.states.values}
        for action in self.actions.values():
            if action.target is not None:
                for source in action.sources:
                    transitions[source].add(action.target)
        self.transitions = {state: frozenset(targets) for state, targets in transitions.items()}

    def state_of(self, obj):
        return getattr(obj, self.state_field)

    def label_of(self, state):
        return self.states(state).label

    def action(self, name):
        return self.actions[name]

    def allowed_actions(self, person, obj):
        """The names of the actions ``person`` may take with ``obj`` in its present state."""
        state = self.state_of(obj)
        return frozenset(
            action.name
            for action in self.actions.values()
            if state in action.sources and action.allowed.test(person, obj)
        )

    def plain_actions(self, person, obj):
        """The plain actions ``person`` may take with ``obj`` now, in the order they were declared."""
        allowed = self.allowed_actions(person, obj)
        return [action for action in self.actions.values() if action.plain and action.name in allowed]

    def may(self, name, person, obj):
        action = self.actions[name]
        return self.state_of(obj) in action.sources and action.allowed.test(person, obj)

    def check_person(self, name, person, obj):
        """Refuse (404 or 403, as the action says) a person who may not take the action."""
        action = self.actions[name]
        if not action.allowed.test(person, obj):
            if action.unseen:
                raise type(obj).DoesNotExist
            raise PermissionDenied(action.denial) if action.denial else PermissionDenied
        return action

    def check_state(self, name, obj):
        """Refuse, with the action's reason, an action the object's present state does not allow."""
        action = self.actions[name]
        state = self.state_of(obj)
        if state not in action.sources:
            if not action.refusal:
                self.check_transition(state, action.target)
            raise ValidationError(action.refusal % {"state": self.label_of(state)}, code=action.code)
        return action

    def check(self, name, person, obj):
        """Who first, then when: the checks a service runs on the locked row before it acts."""
        self.check_person(name, person, obj)
        return self.check_state(name, obj)

    def check_transition(self, from_state, to_state):
        """The one question ``change_state`` asks: may an object go from this state to that one?"""
        if to_state not in self.transitions[from_state]:
            raise ValidationError(
                self.invalid_transition % {"from": self.label_of(from_state), "to": self.label_of(to_state)},
                code="invalid_transition",
            )
