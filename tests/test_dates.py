"""Date mentions and publication-date inference, on the real spaCy model."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import SEED_SECOND, SEED_TRT, make_article
from newsfuse.extractors.dates import extract_dates, infer_published

THU = dt.date(2021, 7, 8)  # a Thursday


def dates(nlp, text: str, published: dt.date | None = None):
    doc = nlp(text)
    article = infer_published(doc, make_article(text, published=published))
    mentions = extract_dates(doc, article)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return article, {m.text: m for m in mentions}


def test_explicit_full_date_resolves_without_publication(nlp):
    _, found = dates(nlp, "The statement was posted on July 8, 2021, by the ministry.")
    m = found["July 8, 2021"]
    assert (m.date, m.granularity, m.anchor) == (THU, "day", "text")


def test_relative_dates_stay_unresolved_without_publication(nlp):
    _, found = dates(nlp, "The attack began on Wednesday. Police said yesterday that 3 died last week.")
    assert set(found) == {"Wednesday", "yesterday", "last week"}
    assert all(m.date is None and m.anchor == "none" for m in found.values())
    assert found["last week"].granularity == "week"


def test_weekdays_resolve_to_the_latest_such_day(nlp):
    text = (
        "Fighting began on Wednesday night. The governor spoke on Thursday. "
        "Last Thursday was calm. Talks resume next Monday. The council will vote on Friday."
    )
    _, found = dates(nlp, text, THU)
    assert found["Wednesday night"].date == dt.date(2021, 7, 7)
    assert found["Thursday"].date == THU  # the publication day itself
    assert found["Last Thursday"].date == dt.date(2021, 7, 1)
    assert found["next Monday"].date == dt.date(2021, 7, 12)
    assert found["Friday"].date == dt.date(2021, 7, 9)  # future tense looks ahead
    assert all(m.anchor == "published" for m in found.values())


def test_relative_words_and_periods(nlp):
    text = "Yesterday the city fell. Overnight, troops arrived. Two days ago it was quiet. Since early May, and last month."
    _, found = dates(nlp, text, THU)
    assert found["Yesterday"].date == dt.date(2021, 7, 7)
    assert found["Overnight"].date == dt.date(2021, 7, 7)
    assert found["Two days ago"].date == dt.date(2021, 7, 6)
    assert (found["early May"].date, found["early May"].granularity) == (dt.date(2021, 5, 1), "month")
    assert (found["last month"].date, found["last month"].granularity) == (dt.date(2021, 6, 1), "month")


MON = dt.date(2015, 3, 23)  # a Monday


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        # "as of" a weekday is the report's own present: in Monday's paper, that Monday
        ("The victim was in stable condition as of Monday morning, police said.", "Monday morning", MON),
        ("As of Monday, no arrests had been made.", "Monday", MON),
        ("No one was in custody as of late Monday night.", "late Monday night", MON),
        ("As of Sunday evening, the names had not been released.", "Sunday evening", MON - dt.timedelta(days=1)),
        # a page dated by its first version (Monday) whose text was updated the next day
        ("No arrests have been made as of Tuesday.", "Tuesday", MON + dt.timedelta(days=1)),
        # the day of the paper itself, and the day before it
        ("A man was shot early Monday in the 1200 block of Main Street.", "early Monday", MON),
        ("Two people were killed in a shooting late Sunday night.", "late Sunday night", MON - dt.timedelta(days=1)),
        ("The man, who was shot Saturday, died Monday.", "Saturday", MON - dt.timedelta(days=2)),
    ],
)
def test_weekday_resolves_against_its_own_article(nlp, text, phrase, expected):
    _, found = dates(nlp, text, MON)
    assert found[phrase].date == expected and found[phrase].anchor == "published"


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The suspect is due in court Wednesday for a hearing.", "Wednesday"),
        ("An autopsy was scheduled for Friday.", "Friday"),
        ("A vigil is planned for Thursday evening at the park.", "Thursday evening"),
        ("The school would be closed Tuesday, the district said.", "Tuesday"),
    ],
)
def test_scheduled_days_are_ahead(nlp, text, phrase):
    _, found = dates(nlp, text, MON)
    assert MON < found[phrase].date <= MON + dt.timedelta(days=6)


def test_a_past_day_without_a_year_is_not_after_publication(nlp):
    # a report of 10 January 2017 on "the Jan. 19 shooting": last year's Jan. 19
    _, found = dates(nlp, "Police arrested a man who shot a teenager on Jan. 19.", dt.date(2017, 1, 10))
    assert found["Jan. 19"].date == dt.date(2016, 1, 19)
    # and a day still ahead stays this year
    _, found = dates(nlp, "The trial will begin on Jan. 19.", dt.date(2017, 1, 10))
    assert found["Jan. 19"].date == dt.date(2017, 1, 19)
    # counterfactual: "would have" is a past that did not happen, not a future
    _, found = dates(nlp, "The boy would have gone to school Tuesday.", MON)
    assert found["Tuesday"].date == MON - dt.timedelta(days=6)


def test_year_of_partial_dates(nlp):
    _, found = dates(nlp, "The suspect was arrested Dec. 28 and charged.", dt.date(2016, 1, 5))
    assert found["Dec. 28"].date == dt.date(2015, 12, 28)  # months ahead of publication: last year
    _, found = dates(nlp, "Voters go to the polls on Nov. 8 in the general election.", dt.date(2016, 9, 12))
    assert found["Nov. 8"].date == dt.date(2016, 11, 8)  # an upcoming date stays this year
    _, found = dates(nlp, "Attacks have grown since May 1 when the campaign began.", THU)
    assert (found["May 1"].date, found["May 1"].anchor) == (dt.date(2021, 5, 1), "published")


def test_months_and_years_are_self_contained(nlp):
    _, found = dates(nlp, "The plant closed in March 2015 and reopened in 2016.")
    assert (found["March 2015"].date, found["March 2015"].granularity) == (dt.date(2015, 3, 1), "month")
    assert (found["2016"].date, found["2016"].granularity, found["2016"].anchor) == (
        dt.date(2016, 1, 1),
        "year",
        "text",
    )


def test_durations_ages_times_and_names_are_not_dates(nlp):
    text = (
        "After more than 24 hours of fighting, a 5-year-old girl was hurt at 7 p.m. "
        "The war has lasted three years, USA Today reported. They may 1 day return."
    )
    _, found = dates(nlp, text, THU)
    assert found == {}


def test_vague_and_event_relative_mentions_are_kept_unresolved(nlp):
    _, found = dates(nlp, "Troops fled in recent days, a day after the attack.", THU)
    assert (found["recent days"].date, found["recent days"].granularity) == (None, "none")
    assert (found["a day after"].date, found["a day after"].anchor) == (None, "none")


def test_sentence_index(nlp):
    text = "First line.\nThe city fell on Wednesday."
    doc = nlp(text)
    (m,) = extract_dates(doc, make_article(text))
    assert m.sentence == 1


def test_seed_publication_inferred_from_dated_post_and_weekdays(nlp):
    text = SEED_TRT.read_text(encoding="utf-8")
    article, found = dates(nlp, text)
    assert (article.published, article.published_inferred) == (THU, True)
    assert found["Wednesday"].date == dt.date(2021, 7, 7)


def test_second_seed_has_no_date(nlp):
    article, found = dates(nlp, SEED_SECOND.read_text(encoding="utf-8"))
    assert article.published is None and not article.published_inferred
    assert all(m.date is None for m in found.values() if m.anchor != "text")


def test_metadata_wins(nlp):
    text = "WASHINGTON, March 3, 2016 — The senator spoke on Thursday."
    article, _ = dates(nlp, text, dt.date(2016, 3, 4))
    assert (article.published, article.published_inferred) == (dt.date(2016, 3, 4), False)
    assert article.published_text is None  # a day apart: no doubt


def test_metadata_the_text_contradicts_is_in_doubt(nlp):
    # A crawler's date months after the dateline: the text's is kept beside it as a doubt, and
    # a weak date (one in the body) raises none.
    text = "WASHINGTON, March 3, 2016 — The senator spoke on Thursday."
    article, _ = dates(nlp, text, dt.date(2016, 9, 20))
    assert (article.published, article.published_text) == (dt.date(2016, 9, 20), dt.date(2016, 3, 3))
    article, _ = dates(nlp, "The senator, born on March 3, 1950, spoke on Friday.", dt.date(2016, 9, 20))
    assert article.published_text is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("WASHINGTON, March 3, 2016 — The senator spoke to reporters.", dt.date(2016, 3, 3)),
        ("Updated: Jan. 27, 2016 10:30 a.m.\nPolice said the man was shot.", dt.date(2016, 1, 27)),
        # a dated post whose day the report names ("on Tuesday") and no later date
        (
            "Police said on Tuesday the road was closed.\n— City Police (@CityPD) January 26, 2016\nMore to come.",
            dt.date(2016, 1, 26),
        ),
    ],
)
def test_publication_inferred(nlp, text, expected):
    article, _ = dates(nlp, text)
    assert (article.published, article.published_inferred) == (expected, True)


@pytest.mark.parametrize(
    "text",
    [
        # a date in the body is an event, not the filing date
        "The senator, born on March 3, 1950, spoke on Friday.",
        # a dated post whose weekday the report does not name
        "Police said on Friday the road was closed.\n— City Police (@CityPD) January 26, 2016",
    ],
)
def test_publication_not_inferred_on_weak_evidence(nlp, text):
    article, _ = dates(nlp, text)
    assert article.published is None and not article.published_inferred
