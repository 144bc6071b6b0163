"""The values an admin form would send as it stands, so that a test changes only what a
person would change."""

from html.parser import HTMLParser


class _Lecteur(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.formulaires, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: ("" if v is None else v) for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {}
            self.formulaires.append(self._form)
        elif self._form is None or "disabled" in a or not (a.get("name") or tag == "option"):
            return
        elif tag == "input":
            genre = a.get("type", "text").lower()
            if genre in ("submit", "button", "file", "image", "reset"):
                return
            if genre in ("checkbox", "radio") and "checked" not in a:
                return
            defaut = "on" if genre in ("checkbox", "radio") else ""
            self._form.setdefault(a["name"], []).append(a.get("value", defaut))
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[a["name"]] = [""]
        elif tag == "select":
            self._select = a["name"]
            self._form.setdefault(a["name"], [])
        elif tag == "option" and self._select is not None and "selected" in a:
            self._form[self._select].append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._form[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def valeurs(reponse):
    """The largest POST form of the page, as ``{name: value or [values]}``."""
    lecteur = _Lecteur()
    lecteur.feed(reponse.content.decode())
    form = max(lecteur.formulaires, key=len)
    # A textarea's first newline belongs to the markup, not to the value.
    return {
        nom: (v[0].removeprefix("\n") if len(v) == 1 else v)
        for nom, v in form.items()
        if nom != "csrfmiddlewaretoken"
    }
