"""Every page carries a Content-Security-Policy that allows no inline script or style."""


def test_pages_carry_a_strict_content_security_policy(owner_client, guide):
    policy = owner_client.get("/coverage/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"


def test_no_template_or_html_built_in_code_has_an_inline_style_or_handler(settings):
    import re
    from pathlib import Path

    offenders = []
    root = Path(settings.BASE_DIR)
    files = [*root.joinpath("templates").rglob("*.html"), *root.joinpath("stories").rglob("*.py"),
             *root.joinpath("guide").rglob("*.py")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        if re.search(r'\sstyle="|\son[a-z]+="|<style[\s>]|<script>', text):
            offenders.append(str(path))
    assert offenders == []
