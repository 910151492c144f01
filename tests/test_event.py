"""The event line's place and dates (fuse/event.py): hand-built facts, plus the seed reports."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from newsfuse.fuse.context import StoryContext
from newsfuse.fuse.event import event_type, fuse_when, fuse_where
from newsfuse.model import Article, ArticleFacts, Count, DateMention, Place, Sentence, Story, WherePlace

# name -> (geonames id, lat, lon, admin1, country, feature)
GAZ = {
    "Qala-e-Naw": (1129867, 34.98735, 63.12891, "Badghis", "AF", "city"),
    "Badghis": (1147707, 35.1, 63.7, "Badghis", "AF", "admin1"),
    "Herat": (1140026, 34.34817, 62.19967, "Herat", "AF", "city"),
    "Kabul": (1138958, 34.52813, 69.17233, "Kabul", "AF", "city"),
    "Tajikistan": (1220409, 39.0, 71.0, None, "TJ", "country"),
    "Afghanistan": (1149361, 33.0, 66.0, None, "AF", "country"),
    # US towns and regions for the event place of local news
    "Kokomo": (4919857, 40.48643, -86.1336, "Indiana", "US", "city"),
    "Indianapolis": (4259418, 39.76838, -86.15804, "Indiana", "US", "city"),
    "Indiana": (4921868, 40.00032, -86.25027, "Indiana", "US", "admin1"),
    "Ind.": (4921868, 40.00032, -86.25027, "Indiana", "US", "admin1"),
    "Howard County": (4921426, 40.48361, -86.11432, "Indiana", "US", "admin2"),
    "Chicago": (4887398, 41.85003, -87.65005, "Illinois", "US", "city"),
    "Englewood": (4890864, 41.77809, -87.64171, "Illinois", "US", "city"),
    "Butte": (5640350, 46.00382, -112.53474, "Montana", "US", "city"),  # the gazetteer's only Butte
    "ND": (5690763, 47.50027, -100.00068, "North Dakota", "US", "admin1"),
    "Minot": (5690532, 48.23251, -101.29627, "North Dakota", "US", "city"),
    "Gary": (4920601, 41.59337, -87.34643, "Indiana", "US", "city"),
    "Merrillville": (4922462, 41.48281, -87.33281, "Indiana", "US", "city"),
    "Hammond": (4921100, 41.58337, -87.50004, "Indiana", "US", "city"),
    "Valparaiso": (4927537, 41.47309, -87.06114, "Indiana", "US", "city"),
    "Ringgold": (4219934, 34.91591, -85.10912, "Georgia", "US", "city"),
    "Catoosa County": (4186531, 34.90366, -85.13825, "Georgia", "US", "admin2"),
    "Meridian": (4436296, 32.36431, -88.70366, "Mississippi", "US", "city"),
    "Toomsuba": (4448059, 32.43098, -88.49004, "Mississippi", "US", "city"),
    "Amarillo": (5516233, 35.22200, -101.8313, "Texas", "US", "city"),
    "Canyon": (5520076, 34.98033, -101.91880, "Texas", "US", "city"),
}


def facts(
    aid: str,
    text: str,
    published: dt.date | None = None,
    dates: dict[str, dt.date | None] | None = None,
    counts: tuple[str, ...] = (),
    title: str | None = None,
) -> ArticleFacts:
    """Sentences at line breaks; every GAZ name in the text (or in capitals) is a resolved place. The title is
    the first line unless given (a JSON Lines article, whose title is not in its text)."""
    article = Article(id=aid, text=text, title=title or text.split("\n", 1)[0], published=published)
    sentences, pos = [], 0
    for line in text.split("\n"):
        sentences.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1

    def sentence_of(offset: int) -> int:
        return next(i for i, s in enumerate(sentences) if s.start <= offset <= s.end)

    places = []
    for name, (gid, lat, lon, admin1, cc, feature) in GAZ.items():
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.I):
            if m.group() not in (name, name.upper()):  # as written, or in a dateline's capitals
                continue
            places.append(
                Place(name, m.start(), m.end(), sentence_of(m.start()), gid, lat, lon, name, admin1, cc, feature)
            )
    places.sort(key=lambda p: p.start)
    date_mentions = []
    for phrase, day in (dates or {}).items():
        for m in re.finditer(re.escape(phrase), text):
            date_mentions.append(
                DateMention(
                    phrase, m.start(), m.end(), day, "day", "published" if day else "none", sentence_of(m.start())
                )
            )
    count_list = []
    for phrase in counts:
        m = re.search(re.escape(phrase), text)
        count_list.append(Count("killed", phrase, None, 1, 1, False, None, m.start(), m.end(), sentence_of(m.start())))
    return ArticleFacts(
        article=article,
        sentences=tuple(sentences),
        places=tuple(places),
        dates=tuple(sorted(date_mentions, key=lambda d: d.start)),
        counts=tuple(count_list),
    )


def context(*articles: ArticleFacts) -> StoryContext:
    return StoryContext(
        story=Story("s", articles),
        facts=articles,
        sentences=(),
        embeddings=np.zeros((0, 4)),
        source_of={},
        by_article={},
    )


FIRST = (
    "Taliban attack Qala-e-Naw\n"
    "Taliban fighters stormed Qala-e-Naw, the capital of Badghis province, on Wednesday.\n"
    "Thousands of residents fled to Herat.\n"
    "The defence ministry said in Kabul that commandos were flown in.\n"
    "More than 1,000 soldiers crossed into Tajikistan last month.\n"
    "Government forces retook the city on Thursday, officials said."
)
SECOND = (
    "Afghan forces push Taliban out of Qala-e-Naw\n"
    "The assault on Qala-e-Naw began on Wednesday, with fighters entering from three directions.\n"
    "Officials in Kabul said 69 attackers were killed.\n"
    "— Ministry of Defense, Afghanistan July 8, 2021"
)


def test_event_place_is_where_the_reports_agree_it_happened():
    ctx = context(facts("a", FIRST), facts("b", SECOND))
    where = fuse_where(ctx)
    roles = {p.name: p.role for p in where}
    assert roles["Qala-e-Naw"] == "event"
    assert [p.role for p in where].count("event") == 1
    for mentioned in ("Badghis", "Herat", "Kabul", "Tajikistan"):
        assert roles[mentioned] == "mentioned"
    # the event's own province comes right after it; every place carries its evidence
    assert [p.name for p in where[:2]] == ["Qala-e-Naw", "Badghis"]
    event = where[0]
    assert event.articles == ("a", "b") and len(event.evidence) >= 4
    assert all(ev.quote == "Qala-e-Naw" for ev in event.evidence)


def test_movement_and_speech_places_lose_to_the_place_of_the_event():
    # Kabul is named more often than the town, but only as where people went or spoke.
    text = (
        "Fighting reported in the north\n"
        "Clashes broke out in Qala-e-Naw overnight and the attack left 12 dead.\n"
        "Families fled to Kabul.\n"
        "An official said in Kabul that reinforcements were on their way.\n"
        "Others drove from Kabul to help."
    )
    ctx = context(facts("a", text, counts=("12",)))
    where = {p.name: p.role for p in fuse_where(ctx)}
    assert where["Qala-e-Naw"] == "event" and where["Kabul"] == "mentioned"


def test_a_town_is_preferred_over_its_country_when_well_supported():
    text = (
        "Attack in Afghanistan\n"
        "Afghanistan saw another attack as gunmen stormed Qala-e-Naw.\n"
        "Afghanistan has seen many such attacks."
    )
    where = fuse_where(context(facts("a", text)))
    assert where[0].name == "Qala-e-Naw" and where[0].role == "event"


def test_no_places_no_where():
    assert fuse_where(context(facts("a", "Nothing here\nNo place at all."))) == []


WED, THU = dt.date(2021, 7, 7), dt.date(2021, 7, 8)


def test_when_spans_the_assault_and_the_retaking_with_a_timeline():
    a = facts("a", FIRST, published=THU, dates={"Wednesday": WED, "Thursday": THU, "last month": None})
    b = facts("b", SECOND, published=None, dates={"Wednesday": None, "July 8, 2021": THU})
    when = fuse_when(context(a, b))
    assert (when.date, when.start, when.end) == (WED, WED, THU)
    days = [e.date for e in when.timeline]
    assert days == sorted(days) and WED in days and THU in days
    for entry in when.timeline:
        assert entry.evidence and all(ev.quote in ("Wednesday", "Thursday", "July 8, 2021") for ev in entry.evidence)
    texts = " | ".join(e.text for e in when.timeline)
    assert "stormed Qala-e-Naw" in texts and "retook the city" in texts
    assert "Ministry of Defense, Afghanistan July 8" not in texts  # a byline is no sub-event
    # the undated second report: its "Wednesday" is left unresolved, and the note says so
    assert when.note and "b" in when.note


def test_same_sub_event_from_two_sources_is_one_entry_citing_both():
    a = facts("a", "Attack\nTaliban fighters stormed Qala-e-Naw on Wednesday.", published=THU, dates={"Wednesday": WED})
    b = facts(
        "b", "Assault\nOn Wednesday Taliban fighters stormed Qala-e-Naw.", published=THU, dates={"Wednesday": WED}
    )
    when = fuse_when(context(a, b))
    assert len(when.timeline) == 1
    assert {ev.article for ev in when.timeline[0].evidence} == {"a", "b"}


def test_when_with_no_dates_anywhere():
    when = fuse_when(context(facts("a", "Attack\nTaliban fighters stormed Qala-e-Naw.")))
    assert when.date is None and when.timeline == () and when.note is None


def test_background_dates_outside_the_window_are_not_the_event():
    a = facts(
        "a",
        "Attack\nFighters stormed Qala-e-Naw on Wednesday.\nThe offensive began on May 1.",
        published=THU,
        dates={"Wednesday": WED, "May 1": dt.date(2021, 5, 1)},
    )
    when = fuse_when(context(a))
    assert when.start == WED and all(e.date == WED for e in when.timeline)


def test_seed_story_place_and_dates(seed_facts):
    ctx = context(*seed_facts)
    where = fuse_where(ctx)
    event = [p for p in where if p.role == "event"]
    assert [p.geonames_id for p in event] == [1129867]
    roles = {p.name: p.role for p in where}
    assert roles["Badghis"] == roles["Kabul"] == roles["Tajikistan"] == "mentioned"
    assert any(p.name.startswith("Her") and p.role == "mentioned" for p in where)
    when = fuse_when(ctx)
    days = {e.date for e in when.timeline}
    assert {WED, THU} <= days
    assert when.start == WED and when.end == THU


# -- the event date: the day of the main event, as the reports tell it -------------------------

SAT, SUN, MON, TUE = (dt.date(2015, 3, d) for d in (21, 22, 23, 24))


def shooting(aid: str, text: str, published: dt.date, dates: dict[str, dt.date | None]) -> ArticleFacts:
    return facts(aid, text, published=published, dates=dates)


def test_event_date_is_the_shootings_day_not_the_arrests():
    # the arrest is the latest news and is named first, but the shooting was on Saturday
    a = shooting(
        "a",
        "Man arrested in Gary shooting\n"
        "Police arrested a 22-year-old man Monday.\n"
        "Five people were shot Saturday night outside a bar on Main Street.",
        TUE,
        {"Monday": MON, "Saturday night": SAT},
    )
    b = shooting(
        "b", "Five shot in Gary\nFive people were wounded in a shooting early Sunday.", SUN, {"early Sunday": SUN}
    )
    c = shooting(
        "c", "Gary bar shooting\nThe shooting happened Saturday night, police said.", SUN, {"Saturday night": SAT}
    )
    when = fuse_when(context(a, b, c))
    assert when.date == SAT
    assert {ev.article for ev in when.evidence} >= {"a", "c"}
    assert all(ev.quote.startswith("Saturday") for ev in when.evidence)


def test_event_date_is_not_the_day_a_victim_later_died():
    a = shooting(
        "a",
        "Teen dies days after shooting\n"
        "A 17-year-old who was shot Saturday died Monday at the hospital.\n"
        "He was pronounced dead at 2 p.m. Monday.",
        TUE,
        {"Saturday": SAT, "Monday": MON},
    )
    b = shooting(
        "b", "Teen shot\nA teenager was shot and wounded Saturday afternoon.", SUN, {"Saturday afternoon": SAT}
    )
    assert fuse_when(context(a, b)).date == SAT


def test_event_date_is_not_the_funerals_or_the_vigils():
    a = shooting(
        "a",
        "Hundreds mourn shooting victim\n"
        "A funeral was held Monday for the man killed in Saturday's shooting.\n"
        "A vigil took place Sunday evening.",
        TUE,
        {"Monday": MON, "Saturday": SAT, "Sunday evening": SUN},
    )
    assert fuse_when(context(a)).date == SAT


def test_a_follow_up_weeks_later_does_not_move_the_event_date():
    first = shooting("a", "Two shot\nTwo men were shot early Sunday in the park.", SUN, {"early Sunday": SUN})
    later = dt.date(2015, 4, 14)
    follow = shooting(
        "b",
        "Suspect charged\nA man was arraigned Tuesday on charges of attempted murder.\n"
        "Prosecutors said he shot two men in the park.",
        later,
        {"Tuesday": later},
    )
    when = fuse_when(context(first, follow))
    assert when.date == SUN
    # the arraignment is on the timeline all the same
    assert later in {e.date for e in when.timeline} and when.end == later


def test_a_later_report_that_names_the_day_outweighs_the_publication_prior():
    # the only dated sentence is in a report weeks later: "the March 21 shooting"
    a = shooting("a", "Man shot\nA man was shot on Main Street, police said.", MON, {})
    b = shooting(
        "b",
        "Charges filed\nA man was charged in the March 21 shooting on Main Street.",
        dt.date(2015, 4, 14),
        {"March 21": SAT},
    )
    assert fuse_when(context(a, b)).date == SAT


def test_without_any_day_in_the_text_the_earliest_report_gives_the_date():
    a = shooting("a", "Man shot\nA man was shot on Main Street, police said.", MON, {})
    b = shooting("b", "Shooting on Main\nPolice are investigating a shooting on Main Street.", TUE, {})
    when = fuse_when(context(a, b))
    assert when.date == MON
    assert when.evidence and when.evidence[0].article == "a" and "shot" in when.evidence[0].quote
    assert when.note and "earliest report" in when.note


def test_a_day_after_its_own_article_is_never_the_event():
    # "a hearing Tuesday" in Monday's paper is ahead of it; the shooting was Sunday
    a = shooting(
        "a",
        "Suspect to appear in court\nA man shot early Sunday is expected to survive.\nThe hearing is Tuesday.",
        MON,
        {"early Sunday": SUN, "Tuesday": TUE},
    )
    assert fuse_when(context(a)).date == SUN


# -- the event place of local news: the town, not the station's city, the county or the state ---


def event_place(*articles: ArticleFacts) -> WherePlace:
    (event,) = [p for p in fuse_where(context(*articles)) if p.role == "event"]
    return event


def test_event_town_beats_the_stations_big_city_and_the_state():
    # a station in Indianapolis files with its own dateline and does not name the town; the
    # other report's page title ends with the station's city; the state is named everywhere
    a = facts(
        "a",
        "INDIANAPOLIS (PIX11) - A 9-month-old baby in Indiana died Thursday after he was shot.\n"
        "The bullet went through his father's thigh and hit the baby.\n"
        "The baby was flown to Riley Hospital for Children in Indianapolis.",
        title="9-month-old dies after father's gun goes off by accident",
    )
    b = facts(
        "b",
        "HOWARD COUNTY, Ind. (WISH) - A 9-month-old was injured in a double shooting in Kokomo Wednesday night.\n"
        "Howard County deputies responded around 5 p.m.",
        title="Police: 9-month-old airlifted after Kokomo shooting - WISH-TV Indianapolis, Indiana",
    )
    event = event_place(a, b)
    assert (event.name, event.admin1, event.feature) == ("Kokomo", "Indiana", "city")
    roles = {p.name: p.role for p in fuse_where(context(a, b))}
    assert roles["Indianapolis"] == roles["Indiana"] == roles["Howard County"] == "mentioned"


def test_the_town_beats_its_county_named_by_the_sheriff():
    text = (
        "Teen killed in accidental shooting\n"
        "Howard County Sheriff Steve Rogers said a 16-year-old was shot at a home in Kokomo.\n"
        "Howard County deputies responded at 11 p.m.\n"
        "The Howard County coroner identified the boy on Friday.\n"
        "Howard County schools offered counselling."
    )
    assert event_place(facts("a", text)).name == "Kokomo"


def test_a_neighbourhood_belongs_to_its_city():
    a = facts(
        "a",
        "CHICAGO - A 3-year-old boy was shot in the head while playing in the Englewood neighborhood.\n"
        "Police said the shooting in Englewood was a travesty.",
        title="Toddler shot playing cops and robbers",
    )
    b = facts(
        "b",
        "Chicago police said the boy was in critical condition.\nThe shooting happened in Englewood on Thursday.",
        title="3-year-old shot in Englewood",
    )
    event = event_place(a, b)
    assert (event.name, event.admin1) == ("Chicago", "Illinois")


def test_a_town_stays_in_the_state_its_report_names():
    # the gazetteer knows only Butte, Montana; the report writes "Butte, ND"
    a = facts(
        "a",
        "Minot teenager killed in hunting accident\n"
        "A 15-year-old boy died from a hunting accident Saturday near Butte, ND.\n"
        "The victim is from Minot and was hunting with his father.\n"
        "Butte is about 50 miles southeast of Minot.",
    )
    event = event_place(a)
    assert (event.name, event.admin1, event.country, event.geonames_id) == ("Butte", "North Dakota", "US", None)
    assert all(ev.quote == "Butte" for ev in event.evidence)


def test_towns_in_page_furniture_and_related_links_do_not_win():
    related = "\n".join(
        f"RELATED: {town} man sentenced; {town} council meets; more {town} news"
        for town in ("Hammond", "Valparaiso", "Merrillville")
    )
    a = facts("a", "Five shot in Gary\nFive people were shot outside a bar in Gary early Sunday.\n" + related)
    b = facts("b", "Gary bar shooting\nPolice in Gary are looking for the gunman who shot five people.")
    assert event_place(a, b).name == "Gary"


def test_an_arrest_story_is_still_about_the_shooting_and_its_day():
    # every headline is about the arrests; the event is the shooting they follow
    a = shooting(
        "a",
        "Three arrested in Gary shooting\n"
        "Police arrested three men Monday and charged them in the shooting.\n"
        "Five people were shot Saturday night outside a bar.",
        TUE,
        {"Monday": MON, "Saturday night": SAT},
    )
    b = shooting(
        "b",
        "Arrests made after bar shooting\nThe men were arrested Monday afternoon, police said.",
        TUE,
        {"Monday afternoon": MON},
    )
    ctx = context(a, b)
    assert event_type(ctx) == "shooting"
    assert fuse_when(ctx).date == SAT


def test_undated_reports_give_the_day_their_headline_tells_not_a_birth_date():
    # no publication date: only a day the reports tie to the event is its date
    checked_in, born = dt.date(2008, 12, 9), dt.date(1975, 11, 8)
    a = facts(
        "a",
        "Tara Reid checks into rehab\n"
        "Reid checked herself in on Tuesday, December 9, 2008 at a Malibu clinic.\n"
        "The actress was born on November 8, 1975 in New Jersey.",
        dates={"Tuesday, December 9, 2008": checked_in, "November 8, 1975": born},
    )
    assert fuse_when(context(a)).date == checked_in
    obituary = facts(
        "b",
        "Actress dies at 85\nShe was born on November 8, 1975.\nShe starred in many films.",
        dates={"November 8, 1975": born},
    )
    assert fuse_when(context(obituary)).date is None


def test_the_town_after_an_address_beats_the_county_the_sheriff_names():
    # every report names the county (the sheriff's); one names the town, once, after the address
    a = facts(
        "a",
        "Catoosa County teen dead after accidental shooting\n"
        "A 16-year-old Catoosa County teen was accidentally shot and killed Monday night, police say.\n"
        "The call came in at 11:24 p.m. at 385 Edgemond Circle in Ringgold, Captain Chris Lyons said.",
    )
    b = facts(
        "b",
        "Teen shot by brother in Catoosa County\nCATOOSA COUNTY, Ga. - A teen was shot and killed in Catoosa County.",
    )
    c = facts("c", "Catoosa County shooting\nA teen was shot at his family's home in Catoosa County on Monday.")
    d = facts("d", "Teen killed in Catoosa County\nDeputies said a teen was shot in Catoosa County late Monday.")
    e = facts(
        "e",
        "Deputies: teen shot by stepbrother\n"
        "CATOOSA COUNTY, Ga. (WRCB) - Deputies say a teen was shot and killed at a home in Catoosa County.",
    )
    assert event_place(a, b, c, d, e).name == "Ringgold"


def test_where_the_suspect_was_arrested_is_not_where_it_happened():
    a = facts(
        "a",
        "Four found shot dead in home\n"
        "The suspect was arrested in Meridian on Wednesday.\n"
        "Police said McVay was arrested in Meridian after a chase.\n"
        "Two adults and two children were found shot inside the home on Butts Road in Toomsuba.",
    )
    b = facts(
        "b",
        "Suspect arrested in Meridian\n"
        "The suspect was taken into custody at a friend's home in Meridian, deputies said.\n"
        "Deputies had found the family shot in Toomsuba.",
    )
    assert event_place(a, b).name == "Toomsuba"


def test_a_towns_own_police_department_names_the_town():
    # "according to" is no movement towards the place after it
    text = (
        "Man charged in infant shooting\n"
        "According to the Amarillo Police Department an infant was shot on Sept. 9.\n"
        "A Canyon man was charged with injury to a child.\n"
        "Amarillo police said the infant is in stable condition."
    )
    assert event_place(facts("a", text)).name == "Amarillo"
