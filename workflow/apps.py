"""The workflows: each stateful object's table of transitions, and the one way to apply one."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = "Workflows"

    def ready(self):
        autodiscover_modules("workflow")
