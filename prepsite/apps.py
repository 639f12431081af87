"""App configurations of the project itself."""

from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class StaticFilesConfig(DjangoStaticFilesConfig):
    """collectstatic without the Bootstrap files no page links: of django-js-lib-bootstrap5's 44 files
    (8.4 MB: right-to-left, grid-only, unminified and ES-module builds with their source maps) only
    bootstrap.min.css and bootstrap.bundle.min.js are used (templates/base.html), with their maps, which
    their last lines name. Fewer files to hash and compress at every deployment; a local run's finders
    still see them all."""

    ignore_patterns = [
        *DjangoStaticFilesConfig.ignore_patterns,
        "js-lib-bootstrap5/*.rtl.*",
        "js-lib-bootstrap5/css/bootstrap-*",
        "js-lib-bootstrap5/css/bootstrap.css*",
        "js-lib-bootstrap5/js/bootstrap.js*",
        "js-lib-bootstrap5/js/bootstrap.min.js*",
        "js-lib-bootstrap5/js/bootstrap.esm*",
        "js-lib-bootstrap5/js/bootstrap.bundle.js*",
    ]
