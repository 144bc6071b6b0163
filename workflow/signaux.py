"""What the apps above a workflow hear of its transitions.

``transition_appliquee`` is sent once a transition is recorded (its state saved, its journal
event written, its notifications queued), inside the transition's own transaction: what a
receiver writes commits, or rolls back, with the change. It lets an app above the object's
own react without the object's app knowing it (the bilans are asked for when an atelier
closes: ``bilans.demandes``).

Arguments: ``sender`` (the ``Workflow``), ``transition``, ``objet``, ``acteur``, ``avant``,
``vers`` (the states before and after).
"""

from django.dispatch import Signal

transition_appliquee = Signal()
