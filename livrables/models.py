"""Livrables: the files a titulaire delivers for an atelier."""
