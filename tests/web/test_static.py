"""The page files themselves: no markup built from strings, nothing inline that the CSP
would block (or that would need 'unsafe-inline'), nothing loaded from another origin."""
from __future__ import annotations

import re

from lxml import html as lxml_html

from tests.conftest import REPO

STATIC = REPO / "marsad" / "web" / "static"
PAGES = ["index.html", "incident.html", "document.html"]
OWN_JS = sorted((STATIC / "js").glob("*.js"))
# Ways to turn a string into markup or code.
MARKUP_SINKS = re.compile(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|"
                          r"eval\s*\(|new\s+Function|setTimeout\s*\(\s*['\"`])")


def test_static_js_never_builds_markup_from_strings():
    assert OWN_JS, "the page scripts exist"
    offenders = [f"{path.name}:{n}: {line.strip()}"
                 for path in OWN_JS
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if MARKUP_SINKS.search(line)]
    assert offenders == []


def test_static_pages_have_nothing_inline():
    for name in PAGES:
        tree = lxml_html.fromstring((STATIC / name).read_bytes())
        assert tree.xpath("//script[not(@src)]") == [], name
        assert tree.xpath("//style") == [], name
        assert tree.xpath("//*[@style]") == [], name
        handlers = [a for el in tree.iter() if isinstance(el.tag, str)
                    for a in el.attrib if a.lower().startswith("on")]
        assert handlers == [], name


def test_static_pages_load_only_own_files():
    for name in PAGES:
        tree = lxml_html.fromstring((STATIC / name).read_bytes())
        refs = tree.xpath("//script/@src | //link/@href | //img/@src")
        assert refs, name
        for ref in refs:
            assert ref.startswith("/static/") and not ref.startswith("//"), (name, ref)
            assert (STATIC / ref.removeprefix("/static/")).exists() \
                or ref.startswith(("/static/vendor/", "/static/basemap/")), (name, ref)


def test_static_scripts_import_only_own_modules():
    for path in OWN_JS:
        for target in re.findall(r"^import .* from '([^']+)';", path.read_text(encoding="utf-8"), re.M):
            assert target.startswith("./") and (path.parent / target).is_file(), (path.name, target)
