from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .appearance import copy_to_session

        user_logged_in.connect(copy_to_session, dispatch_uid="stories.appearance.copy_to_session")
