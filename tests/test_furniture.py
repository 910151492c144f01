"""Page furniture: what a scraped page puts around a report is found, with offsets and a reason,
and kept out of the facts; the report's own sentences and title are not."""

from __future__ import annotations

from conftest import make_article
from newsfuse.extractors import extract_article
from newsfuse.extractors.furniture import extract_furniture
from newsfuse.fuse.context import story_sentences
from newsfuse.model import (
    FURNITURE_REASONS,
    ArticleFacts,
    Furniture,
    Sentence,
    article_facts_from_json,
    article_facts_to_json,
)

# A report as a scrape of a local news page gives it, every line written for these tests: the
# title on the first line (text input), a dateline, a short lead, then the page around the report.
PAGE = """Two Killed, Three Hurt in Dayton Shooting

DAYTON, Ohio (AP) — Two people were killed and three were wounded in a shooting outside a bar early Sunday, police said.

Two people were shot Sunday.

Police tape surrounds the bar on Elm Street on Sunday morning. (AP Photo/Jane Doe)

Embed Warehouse Fire Forces 9,000 From Homes 2:05 autoplay autoplay

Officers found the victims in the parking lot shortly after 2 a.m., Lt. Mark Ellis said.

"We heard six or seven shots," said Ann Ruiz, who lives across the street.

The names of the victims have not been released.

By Jane Doe, Staff Writer

Copyright 2016 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.

Sign up for our daily newsletter. It's free.

We use cookies to improve your experience. By continuing you accept our privacy policy.

Share this story
Facebook
Twitter
Email

RELATED:
Flooding closes 12 roads in Montgomery County
Columbus council approves new budget for parks
"""


def furniture_of(nlp, text: str, **kw) -> tuple[list[Furniture], str]:
    article = make_article(text, **kw)
    found = extract_furniture(nlp(text), article)
    for f in found:
        assert f.reason in FURNITURE_REASONS
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == text[f.start : f.end].strip()  # offsets on the text itself
    starts = [f.start for f in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))  # disjoint
    return found, text


def reason_of(found: list[Furniture], text: str, piece: str) -> str | None:
    """The reason of the furniture span that holds ``piece`` (None when it is not furniture)."""
    at = text.index(piece)
    for f in found:
        if f.start <= at and at + len(piece) <= f.end:
            return f.reason
    return None


def test_page_elements_are_found_with_their_reason(nlp):
    found, text = furniture_of(nlp, PAGE, title="Two Killed, Three Hurt in Dayton Shooting")
    expected = {
        "Police tape surrounds the bar on Elm Street on Sunday morning. (AP Photo/Jane Doe)": "caption",
        "Embed Warehouse Fire Forces 9,000 From Homes 2:05 autoplay autoplay": "video player",
        "By Jane Doe, Staff Writer": "byline",
        "Copyright 2016 The Associated Press. All rights reserved.": "copyright",
        "This material may not be published, broadcast, rewritten or redistributed.": "copyright",
        "Sign up for our daily newsletter. It's free.": "newsletter",
        "We use cookies to improve your experience. By continuing you accept our privacy policy.": "cookie",
        "Share this story": "social",
        "Facebook": "social",
        "RELATED:": "related link",
        "Flooding closes 12 roads in Montgomery County": "related link",
        "Columbus council approves new budget for parks": "related link",
    }
    for piece, reason in expected.items():
        assert reason_of(found, text, piece) == reason, piece


def test_the_report_itself_is_not_furniture(nlp):
    found, text = furniture_of(nlp, PAGE, title="Two Killed, Three Hurt in Dayton Shooting")
    for piece in (
        "Two Killed, Three Hurt in Dayton Shooting",  # the title, first line of a text file
        "DAYTON, Ohio (AP) —",  # the dateline
        "Two people were killed and three were wounded in a shooting outside a bar early Sunday",
        "Two people were shot Sunday.",  # a short lead
        "Officers found the victims in the parking lot",
        "We heard six or seven shots",
        "The names of the victims have not been released.",
    ):
        assert reason_of(found, text, piece) is None, piece


def test_a_headline_like_first_line_is_the_title_even_without_one_given(nlp):
    text = "Gunman Kills Two at Dayton Bar\n\nTwo people were shot Sunday.\n\nPolice are looking for the gunman.\n"
    found, _ = furniture_of(nlp, text)
    assert found == []


def test_headlines_of_other_stories_in_the_tail(nlp):
    text = (
        "A man was shot and wounded Saturday night outside a convenience store on Main Street in Lima, "
        "police said.\n\n"
        "The victim was taken to St. Rita's Medical Center with injuries that were not life-threatening.\n\n"
        "Officers are still looking for the shooter, who fled on foot.\n\n"
        "Storm Knocks Out Power to 40,000 in Cincinnati\n"
        "Toledo Zoo Welcomes Baby Giraffe\n"
        "Governor Signs Budget Bill After Long Standoff\n"
    )
    found, text = furniture_of(nlp, text, title="Man wounded outside Lima store")
    for headline in (
        "Storm Knocks Out Power to 40,000 in Cincinnati",
        "Toledo Zoo Welcomes Baby Giraffe",
        "Governor Signs Budget Bill After Long Standoff",
    ):
        assert reason_of(found, text, headline) in ("other story", "heading"), headline
    assert reason_of(found, text, "Officers are still looking for the shooter") is None


def test_a_list_the_article_gives_is_not_a_list_of_headlines(nlp):
    text = (
        "Police identified the victims of Sunday's shooting on Monday.\n\n"
        "The victims are:\n"
        "Mark Ellis of Dayton\n"
        "Ann Ruiz of Kettering\n"
        "Joe Park of Xenia\n\n"
        "Anyone with information is asked to call Crime Stoppers at 937-222-7867.\n"
    )
    found, text = furniture_of(nlp, text)
    for item in ("Mark Ellis of Dayton", "Ann Ruiz of Kettering", "Joe Park of Xenia"):
        assert reason_of(found, text, item) is None, item
    assert reason_of(found, text, "Anyone with information") == "tip line"


def test_timestamps_and_bylines_but_not_phone_numbers_as_dates(nlp):
    text = (
        "Posted: Aug 19, 2013 6:27 PM EDT\n\n"
        "Updated 08/20/13 – 4:56 p.m.\n\n"
        "A woman was shot in the arm Monday evening in the 300 block of Oak Street, police said.\n\n"
        "-- Marisa Gerber\n\n"
        "(313) 222-2058\n"
    )
    found, text = furniture_of(nlp, text, title="Woman shot in the arm")
    assert reason_of(found, text, "Posted: Aug 19, 2013 6:27 PM EDT") == "timestamp"
    assert reason_of(found, text, "Updated 08/20/13 – 4:56 p.m.") == "timestamp"
    assert reason_of(found, text, "-- Marisa Gerber") == "byline"
    assert reason_of(found, text, "(313) 222-2058") == "byline"


def test_an_embedded_post_keeps_its_text_but_not_its_signature(nlp):
    text = (
        "Police said three people were hurt in the crash on Route 4.\n\n"
        "Three people taken to hospital after crash on Route 4. pic.twitter.com/AbC123xyz "
        "— Lima Police (@LimaPolice) July 11, 2016\n"
    )
    found, text = furniture_of(nlp, text)
    assert reason_of(found, text, "Three people taken to hospital after crash on Route 4.") is None
    assert reason_of(found, text, "pic.twitter.com/AbC123xyz") == "social"
    assert reason_of(found, text, "— Lima Police (@LimaPolice) July 11, 2016") == "social"


def test_facts_in_furniture_are_left_out(nlp, gazetteer):
    article = make_article(PAGE, title="Two Killed, Three Hurt in Dayton Shooting")
    facts = extract_article(nlp(PAGE), article, gazetteer)
    assert facts.furniture
    inside = [(f.start, f.end) for f in facts.furniture]
    uncaptioned = [(f.start, f.end) for f in facts.furniture if f.reason != "caption"]

    def outside(start: int, end: int, spans=inside) -> bool:
        return not any(a <= start and end <= b for a, b in spans)

    for group in (facts.counts, facts.entities, facts.dates, facts.quotes, facts.propositions):
        assert all(outside(x.start, x.end) for x in group), group
    # a caption names where its picture was taken: its places stay
    assert all(outside(p.start, p.end, uncaptioned) for p in facts.places), facts.places
    texts = {c.text for c in facts.counts}
    assert "9,000" not in texts  # a clip title's figure
    assert "12" not in texts  # a related link's figure
    assert {"Two", "three"} <= texts  # the report's own figures (title "Two Killed, Three Hurt" too)
    assert not any(p.text in ("Montgomery County", "Columbus") for p in facts.places)
    assert any(p.text.lower().startswith("dayton") for p in facts.places)


def test_a_time_stamp_is_furniture_but_keeps_its_date(nlp):
    text = (
        "Police: Man shot on Oak Street\n\n"
        "Posted: Aug 19, 2013 6:27 PM EDT\n\n"
        "A man was shot in the leg on Oak Street on Sunday, police said.\n\n"
        "RELATED: Fire on Aug 12, 2013 destroys barn\n"
    )
    facts = extract_article(nlp(text), make_article(text))
    assert [f.reason for f in facts.furniture] == ["timestamp", "related link"]
    dated = {d.text for d in facts.dates}
    assert any("Aug 19, 2013" in t for t in dated)  # the page's own date stays
    assert not any("Aug 12" in t for t in dated)  # a related link's date does not


def test_furniture_is_in_the_extract_json_both_ways(nlp):
    article = make_article(PAGE, title="Two Killed, Three Hurt in Dayton Shooting")
    facts = extract_article(nlp(PAGE), article)
    data = article_facts_to_json(facts)
    assert data["furniture"] and set(data["furniture"][0]) == {"start", "end", "sentence", "reason"}
    assert article_facts_from_json(data).furniture == facts.furniture
    del data["furniture"]  # facts stored before furniture existed read back with none
    assert article_facts_from_json(data).furniture == ()


def test_fusion_reads_no_statement_from_furniture():
    text = "Two people were shot Sunday.\nSign up for our newsletter today, it only takes a minute.\n"
    cut = text.index("\n") + 1
    facts = ArticleFacts(
        article=make_article(text),
        sentences=(Sentence(0, cut), Sentence(cut, len(text))),
        furniture=(Furniture(cut, len(text) - 1, 1, "newsletter"),),
    )
    assert [s.text for s in story_sentences((facts,))] == ["Two people were shot Sunday."]


def test_the_gates_never_hide_a_match():
    """Every vocabulary pattern is tried only on text holding one of its stems: on page text
    of every kind, the gated pattern finds what the bare pattern finds."""
    from newsfuse.data import furniture_vocab as vocab

    examples = [line for line in PAGE.splitlines() if line.strip()] + [
        "Copyright (C) 2016 WDTN",
        "© 2016 Cox Media Group.",
        "Get email updates from WDTN",
        "Download the WDTN News app for iPhone and Android",
        "Already a subscriber? Log in",
        "Your browser does not support the video tag.",
        "Please enable JavaScript to watch this video",
        "play pause 1 Killed, 4 Wounded In Uptown Shooting",
        "Hide Transcript Show Transcript",
        "Police tape at the scene. (Photo: John Roe/WDTN)",
        "Image 3 of 11 Police at the scene.",
        "The body was found Tuesday morning. (WSMV)",
        "Five hurt at a plaza Christal Hays / Orlando Sentinel",
        "Follow us on Twitter",
        "Join The Conversation On The KDKA Facebook Page",
        "Share on Facebook",
        "— Lima Police (@LimaPolice) July 11, 2016",
        "Staff writer John Turk contributed to this report.",
        "To reach Matt Stensland, call 970-871-4247",
        "This story will be updated.",
        "Check back for updates.",
        "Read more: http://on.freep.com/29w9R9m",
        "Anyone with information is asked to call 937-222-7867.",
        "Callers can remain anonymous and may be eligible for a cash reward.",
        "www.gofundme.com/memorial",
        "Two people were shot Sunday.",
        "Police said the man was taken to a hospital.",
    ]
    gated = [v for v in vars(vocab).values() if isinstance(v, vocab.Gated)]
    assert len(gated) >= 10
    for pattern in gated:
        for text in examples:
            assert (pattern.search(text) is None) == (pattern.pattern.search(text) is None), (pattern.stems, text)
