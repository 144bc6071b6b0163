"""The rotation ledger's personal data (declared to ``socle.donnees_personnelles``).

Each line of the ledger — a tour, or an administrator's decision on the order — names the
account that acted and their comment or reason: kept for the framework agreement's life and
beyond (how the orders were shared out), its actor anonymised with their account.
"""

from socle.donnees_personnelles import Sorte, declarer

from .models import DecisionTourniquet, TourDeTourniquet

declarer(Sorte("tours_de_tourniquet", TourDeTourniquet, ("acteur", "commentaire"), ordre=900))
declarer(Sorte("decisions_tourniquet", DecisionTourniquet, ("acteur", "motif"), ordre=900))
