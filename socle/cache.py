"""The browser keeps no private page: every response to a signed-in person, and every stored
file sent as a download, says ``Cache-Control: no-store, private``.

On a shared computer (a mairie's office, a DDT's meeting room), the browser's cache would
otherwise keep a file's pages and its pieces for whoever sits down next, even after logout.
Pages and files served to anonymous visitors (the public catalogue, its open data and images)
keep their own caching.
"""

from django.http import FileResponse
from django.utils.cache import patch_cache_control


def _telechargement_prive(reponse):
    # Stored files are streamed by socle.fichiers.envoyer: as attachments when private, inline
    # for the images a page shows (the public catalogue's among them).
    return isinstance(reponse, FileResponse) and not reponse.get(
        "Content-Disposition", ""
    ).startswith("inline")


class PagesPriveesNonConservees:
    """Middleware placed after the authentication middleware (it reads ``request.user``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reponse = self.get_response(request)
        utilisateur = getattr(request, "user", None)
        connecte = utilisateur is not None and utilisateur.is_authenticated
        if connecte or _telechargement_prive(reponse):
            patch_cache_control(reponse, no_store=True, private=True)
        return reponse
