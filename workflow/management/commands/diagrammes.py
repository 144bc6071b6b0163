from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from workflow import diagrammes


class Command(BaseCommand):
    help = "Régénère les diagrammes des workflows (docs/workflows.md et le README)."

    def handle(self, *args, **options):
        racine = Path(settings.BASE_DIR)
        (racine / "docs" / "workflows.md").write_text(diagrammes.page(), encoding="utf-8")
        readme = racine / "README.md"
        readme.write_text(
            diagrammes.readme_a_jour(readme.read_text(encoding="utf-8")), encoding="utf-8"
        )
        self.stdout.write("docs/workflows.md et README.md régénérés.")
