"""Bons de commande issued under an accord-cadre for an atelier."""
