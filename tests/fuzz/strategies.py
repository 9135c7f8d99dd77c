"""Hypothesis strategies for hostile-input property tests: pages built from parts whose
place in the result is known (article paragraphs, reader comments), then damaged."""
from __future__ import annotations

from hypothesis import strategies as st

# Plain words, none of them furniture or a name: sentences made of them read as prose.
WORDS = ("the convoy reached town before dawn after two days road officials said shelling "
         "continued through night residents fled toward river villages schools closed while "
         "rescue teams searched buildings under rubble water supplies ran short and prices "
         "rose across market district where families waited for news from relatives along "
         "northern highway trucks carrying flour medicine blankets were stopped at checkpoint "
         "soldiers inspected each load slowly drivers complained about delays power cuts lasted "
         "hours hospital generators needed fuel doctors treated wounded farmers").split()
NAMES = ("Rami", "Dana", "Yusuf", "Mona", "Karim", "Hana", "Omar", "Lina", "Tarek", "Salma")
# Comments speak in other words than the article, so a comment's text in the body is a leak.
READER_WORDS = ("i you my lol think heard agree wrong really cousin street blasts safe everyone "
                "nobody talking same here went until morning why believe was there came").split()


@st.composite
def sentence(draw, min_words: int = 14, max_words: int = 24, words=WORDS) -> str:
    ws = draw(st.lists(st.sampled_from(words), min_size=min_words, max_size=max_words, unique=True))
    return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."


@st.composite
def distinct_sentences(draw, count_min: int, count_max: int, length: int = 14) -> list[str]:
    """Paragraphs that share no word, as the paragraphs of a real article share no sentence
    (near-copies are rightly merged by the extractors)."""
    order = draw(st.permutations(WORDS))
    count = draw(st.integers(count_min, min(count_max, len(WORDS) // length)))
    chunks = [order[k * length:(k + 1) * length] for k in range(count)]
    return [" ".join(c).capitalize() + "." for c in chunks]


@st.composite
def bullet_thread(draw) -> list[tuple[str, str, int]]:
    """(author, text, depth) comments: a reply is at most one level deeper than the one before."""
    n = draw(st.integers(1, 6))
    out, depth = [], 0
    for _ in range(n):
        depth = draw(st.integers(0, depth + 1)) if out else 0
        text = draw(sentence(min_words=6, max_words=14, words=READER_WORDS))
        out.append((draw(st.sampled_from(NAMES)), text, depth))
    return out


def render_bullets(comments: list[tuple[str, str, int]]) -> str:
    lines = []
    for author, text, depth in comments:
        pad = "  " + "    " * depth
        lines += [f"{pad}• {author}", f"{pad}  {text}", ""]
    return "\n".join(lines)


# Element names for random nesting of article text: blocks and inline tags, but no page
# furniture (aside, nav, footer), whose text is rightly left out of the body.
# Each is (opening tags, closing tags), valid where a paragraph may stand.
BLOCKS = (("<div>", "</div>"), ("<section>", "</section>"), ("<span>", "</span>"),
          ("<blockquote>", "</blockquote>"), ("<b>", "</b>"), ("<em>", "</em>"),
          ("<table><tr><td>", "</td></tr></table>"), ("<ul><li>", "</li></ul>"),
          ('<div class="entry">', "</div>"), ('<div id="main">', "</div>"))
