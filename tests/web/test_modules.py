"""The page modules' pure functions, run in Chromium (imported by the page itself, under
the server's CSP): highlighting, locating evidence, timeline stacking, value formatting,
query strings and link sanitising."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


# A light same-origin page to import the modules into (the map page would load its basemap).
BLANK = "/api/stats"


def test_highlight_marks_spans_and_keeps_text(page):
    text = "Rebels left Talbiseh. Buses went to Idlib. Nobody came back."
    spans = [(0, 21), (22, 42)]
    page.goto(BLANK)
    result = page.evaluate(
        """async ([text, spans]) => {
            const m = await import('/static/js/highlight.js');
            const box = document.createElement('div');
            box.appendChild(m.highlighted(text,
              spans.map(([start, end], i) => ({start, end, className: 'evidence-mark', id: 'e' + i})),
              [{start: 12, end: 20, className: 'place-mark'}, {start: 36, end: 41, className: 'place-mark'}]));
            return {text: box.textContent,
                    marks: [...box.querySelectorAll('mark.evidence-mark')].map((n) => n.textContent),
                    places: [...box.querySelectorAll('mark.place-mark')].map((n) => n.textContent),
                    nested: box.querySelectorAll('mark.evidence-mark mark.place-mark').length};
        }""", [text, spans])
    assert result["text"] == text
    assert result["marks"] == [text[0:21], text[22:42]]
    assert result["places"] == ["Talbiseh", "Idlib"] and result["nested"] == 2
    page.watch.assert_clean()


def test_highlight_overlap_is_clipped_and_swallowed_span_keeps_anchor(page):
    page.goto(BLANK)
    result = page.evaluate(
        """async () => {
            const m = await import('/static/js/highlight.js');
            const box = document.createElement('div');
            box.appendChild(m.highlighted('abcdefghij', [
              {start: 0, end: 6, className: 'evidence-mark', id: 'a'},
              {start: 4, end: 9, className: 'evidence-mark', id: 'b'},
              {start: 1, end: 3, className: 'evidence-mark', id: 'c'}]));
            return {text: box.textContent,
                    marks: [...box.querySelectorAll('mark')].map((n) => [n.id, n.textContent]),
                    anchors: [...box.querySelectorAll('span.anchor')].map((n) => n.id)};
        }""")
    assert result["text"] == "abcdefghij"
    assert result["marks"] == [["a", "abcdef"], ["b", "ghi"]]
    assert result["anchors"] == ["c"]


@pytest.mark.parametrize("evidence, expected", [
    ({"text": "Buses went", "start": 22, "end": 32}, {"start": 22, "end": 32}),
    ({"text": "Buses went", "start": 0, "end": 10}, {"start": 22, "end": 32}),  # stale offsets
    ({"text": "Buses went"}, {"start": 22, "end": 32}),
    ({"text": "not in the text"}, None),
    ({"text": ""}, None),
])
def test_locate_prefers_matching_offsets_then_searches(page, evidence, expected):
    page.goto(BLANK)
    got = page.evaluate(
        """async (evidence) => (await import('/static/js/highlight.js'))
             .locate('Rebels left Talbiseh. Buses went to Idlib.', evidence)""", evidence)
    assert got == expected


def test_stack_days_draws_day_dates_and_counts_the_rest(page):
    page.goto(BLANK)
    got = page.evaluate(
        """async () => {
            const m = await import('/static/js/timeline.js');
            const {days, undated} = m.stackDays([
              {date: '2018-05-02', type: 'ASSAULT', count: 2, precision: 'day'},
              {date: '2018-05-02', type: 'AGREE', count: 1, precision: 'day'},
              {date: '2018-05-01', type: 'AGREE', count: 3, precision: 'month'},
              {date: 'garbage', type: 'AGREE', count: 4}]);
            return {days: [...days.values()].map((s) => s.map((b) => [b.type, b.count])), undated};
        }""")
    assert got == {"days": [[["AGREE", 1], ["ASSAULT", 2]]], "undated": 7}


def test_value_text_reads_places_actors_and_scalars(page):
    page.goto(BLANK)
    got = page.evaluate(
        """async () => {
            const m = await import('/static/js/format.js');
            return [
              m.valueText('destination', {name: 'Idlib', admin1: 'Idlib', country: 'SY', lat: 1, lon: 2, precision: 'admin1'}),
              m.valueText('actor', {id: 'SYR_REBELS', name: 'rebels', kind: 'armed_group'}),
              m.valueText('status', 'denied'),
              m.valueText('fatalities', null),
              m.valueText('quantities', [{value: 200, unit: 'fighters', text: 'about 200 fighters'}]),
              m.typeClass('ASSAULT"><x'),
            ];
        }""")
    assert got == ["Idlib, SY", "rebels (SYR_REBELS)", "denied", "(none)", "about 200 fighters",
                   "t-ASSAULT___x"]


def test_query_string_and_safe_href(page):
    page.goto(BLANK)
    got = page.evaluate(
        """async () => {
            const api = await import('/static/js/api.js');
            const dom = await import('/static/js/dom.js');
            return {
              qs: api.queryString({type: 'ASSAULT', q: 'a&b=c', disputed: true, place: '', actor: null}),
              hrefs: ['javascript:alert(1)', '//evil.example/x', '/documents/a', 'https://x.org/p',
                      'data:text/html,<script>', ' javascript:alert(1)'].map(dom.safeHref),
              doc: api.documentHref('a/b c', 'a/b c/e1'),
            };
        }""")
    assert got["qs"] == "?type=ASSAULT&q=a%26b%3Dc&disputed=true"
    assert got["hrefs"] == ["#", "#", "/documents/a", "https://x.org/p", "#", "#"]
    assert got["doc"] == "/documents/a%2Fb%20c#ev-a_b_c_e1"


def test_el_refuses_handlers_and_inline_styles(page):
    page.goto(BLANK)
    got = page.evaluate(
        """async () => {
            const dom = await import('/static/js/dom.js');
            const refused = [];
            for (const name of ['onclick', 'ONerror', 'style']) {
              try { dom.el('div', {[name]: 'x'}); } catch (err) { refused.push(name); }
            }
            const node = dom.el('p', {text: '<b>bold</b>', title: '"><script>'});
            return {refused, text: node.textContent, title: node.title, children: node.children.length};
        }""")
    assert got["refused"] == ["onclick", "ONerror", "style"]
    assert got["text"] == "<b>bold</b>" and got["title"] == '"><script>'
    assert got["children"] == 0
