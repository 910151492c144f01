"""Hand-built Reports for renderer tests, independent of the extraction and fusion stages.

`seed_report()` is what an analyst would record for the two seed reports in examples/
(see docs/seeds-expected.md), with real offsets found by ``text.index``: every Evidence is
built through :func:`newsfuse.model.evidence`, so a wrong offset fails here rather than in a
renderer. `hostile_report()` adds what the seeds lack: a conflict, a copy, overlapping
evidence, and article text written to break out of HTML, Jinja, markdown and rich markup.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from newsfuse.model import (
    Actor,
    Article,
    ArticleRef,
    Claim,
    CountReport,
    CountUpdate,
    Evidence,
    Framing,
    FusedBand,
    FusedCount,
    FusedQuote,
    Report,
    StoryReport,
    SummaryLine,
    TimelineEntry,
    When,
    WherePlace,
    evidence,
    text_id,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Sentence breaks: line ends, and ". " before a capital or an opening quote. Close enough to
# the real splitter for indices a reader can follow.
_SENTENCE_BREAK = re.compile(r"\n+|(?<=[.!?\"”])\s+(?=[A-Z“\"])")


def sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENTENCE_BREAK.finditer(text):
        if m.end() < len(text):
            starts.append(m.end())
    return starts


class Source:
    """One article with a helper that turns a quoted phrase into checked Evidence."""

    def __init__(
        self,
        text: str,
        *,
        id: str | None = None,
        source: str | None = None,
        published: dt.date | None = None,
        inferred: bool = False,
        url: str | None = None,
        title: str | None = None,
    ) -> None:
        self.text = text
        self.id = id or text_id(text)
        self.title = title if title is not None else next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
        self.article = Article(
            id=self.id,
            text=text,
            title=self.title,
            source=source,
            url=url,
            published=published,
            published_inferred=inferred,
        )
        self._starts = sentence_starts(text)

    def ev(self, quote: str, nth: int = 0, after: str | None = None) -> Evidence:
        """Evidence for the ``nth`` occurrence of ``quote`` (after the phrase ``after``, if given)."""
        pos = self.text.index(after) if after else 0
        start = self.text.index(quote, pos)
        for _ in range(nth):
            start = self.text.index(quote, start + 1)
        sentence = max(i for i, s in enumerate(self._starts) if s <= start)
        return evidence(self.article, sentence, start, start + len(quote), quote)

    def ref(self) -> ArticleRef:
        a = self.article
        return ArticleRef(
            id=a.id,
            source=a.source,
            title=a.title,
            url=a.url,
            published=a.published,
            published_inferred=a.published_inferred,
        )


def _count(
    category: str,
    subject: str | None,
    status: str,
    band: FusedBand,
    reports: list[tuple[Source, str, int | None, int | None, str | None, Evidence, str | None]],
    silent: tuple[str, ...] = (),
) -> FusedCount:
    return FusedCount(
        category=category,
        subject=subject,
        status=status,
        fused=band,
        silent=silent,
        reports=tuple(
            CountReport(article=s.id, text=text, low=lo, high=hi, attributed_to=attr, evidence=ev, subject=subj)
            for s, text, lo, hi, attr, ev, subj in reports
        ),
    )


def seed_sources() -> tuple[Source, Source]:
    trt = Source(
        (EXAMPLES / "000_e2eb9a51c8fe133c.txt").read_text(encoding="utf-8"),
        source="TRT World",
        published=dt.date(2021, 7, 8),
        inferred=True,
    )
    # The second outlet is not named in its file: it stays unnamed, so renderers fall back to the id.
    other = Source((EXAMPLES / "001_833ad0130573cf0d.txt").read_text(encoding="utf-8"))
    return trt, other


def seed_report() -> Report:
    a, b = seed_sources()
    A, B = a.id, b.id

    when = When(
        date=dt.date(2021, 7, 7),
        start=dt.date(2021, 7, 7),
        end=dt.date(2021, 7, 8),
        evidence=(a.ev("On Wednesday"), a.ev("on Thursday"), b.ev("On Wednesday")),
        timeline=(
            TimelineEntry(
                dt.date(2021, 7, 7),
                "The Taliban storm Qala-e-Naw, briefly seize the police headquarters and free prisoners from the city jail.",
                (
                    a.ev("On Wednesday, the Taliban briefly seized the police headquarters"),
                    b.ev("On Wednesday, the Taliban entered Qala-e-Naw"),
                ),
            ),
            TimelineEntry(
                dt.date(2021, 7, 7),
                "Commandos arrive in Qala-e-Naw overnight, according to the Ministry of Defense.",
                (a.ev("a large number of Afghan commandos have arrived on Wednesday night in Qala-e-Naw"),),
            ),
            TimelineEntry(
                dt.date(2021, 7, 8),
                "Government forces retake the city; the governor says a clearing operation is under way.",
                (
                    a.ev("Afghan government forces have retaken control of a western provincial capital"),
                    a.ev("told TRT World on Thursday"),
                ),
            ),
        ),
        note=(
            "The second report gives no date of its own; its “Wednesday” is read as 7 July 2021 only because "
            "the story links it to the TRT World report (published 8 July 2021, inferred)."
        ),
    )

    where = (
        WherePlace(
            "Qala i Naw",
            1129867,
            34.98735,
            63.12891,
            "Badghis",
            "AF",
            "event",
            (a.ev("Qala-e-Naw"), b.ev("Qala-e-Naw")),
            feature="city",
            articles=(A, B),
        ),
        WherePlace(
            "Kabul",
            1138958,
            34.52813,
            69.17233,
            "Kabul",
            "AF",
            "mentioned",
            (a.ev("Kabul"),),
            feature="city",
            articles=(A,),
        ),
        WherePlace(
            "Herat",
            1140025,
            34.5,
            62.0,
            "Herat",
            "AF",
            "mentioned",
            (a.ev("Herat", after="neighbouring districts"), a.ev("Herat province")),
            feature="admin1",
            articles=(A,),
        ),
        WherePlace(
            "Tajikistan",
            1220409,
            39.0,
            71.0,
            None,
            "TJ",
            "mentioned",
            (b.ev("Tajikistan"),),
            feature="country",
            articles=(B,),
        ),
        WherePlace(
            "Pakistan",
            1168579,
            30.0,
            70.0,
            None,
            "PK",
            "mentioned",
            (b.ev("Pakistan"),),
            feature="country",
            articles=(B,),
        ),
        WherePlace(
            "Uzbekistan",
            1512440,
            41.66667,
            63.83333,
            None,
            "UZ",
            "mentioned",
            (b.ev("Uzbekistan"),),
            feature="country",
            articles=(B,),
        ),
        WherePlace(
            "United States",
            6252001,
            39.76,
            -98.5,
            None,
            "US",
            "mentioned",
            (a.ev("the United States"), b.ev("the US began")),
            feature="country",
            articles=(A, B),
        ),
    )

    actors = (
        Actor("taliban", "Taliban", (), "group", ("insurgents",), (a.ev("Taliban"), b.ev("Taliban")), articles=(A, B)),
        Actor(
            "afghan-forces",
            "Afghan government forces",
            ("special forces", "commandos", "ANDSF", "ANA", "AAF"),
            "organization",
            (),
            (a.ev("Afghan government forces"), a.ev("#ANDSF"), b.ev("Government forces in Afghanistan")),
            articles=(A, B),
        ),
        Actor(
            "shams",
            "Hasamuddin Shams",
            ("Hisamudin Shams",),
            "person",
            ("provincial governor",),
            (a.ev("Hasamuddin Shams, the provincial governor"), b.ev("provincial Governor Hisamudin Shams")),
            articles=(A, B),
        ),
        Actor(
            "aman",
            "Fawad Aman",
            (),
            "person",
            ("defence ministry spokesman",),
            (a.ev("spokesman Fawad Aman"),),
            articles=(A,),
        ),
        Actor(
            "nezami",
            "Sayed Nezami",
            (),
            "person",
            ("special forces commander",),
            (b.ev("special forces commander Sayed Nezami"),),
            articles=(B,),
        ),
        Actor(
            "mod",
            "Ministry of Defense",
            ("defence ministry",),
            "organization",
            (),
            (a.ev("The Ministry of Defense"), a.ev("the defence ministry")),
            articles=(A,),
        ),
        Actor(
            "moi",
            "Ministry of Interior Affairs",
            (),
            "organization",
            (),
            (b.ev("the Ministry of Interior Affairs"),),
            articles=(B,),
        ),
        Actor("ghani", "Ashraf Ghani", (), "person", ("President",), (b.ev("President Ashraf Ghani"),), articles=(B,)),
    )

    counts = (
        _count(
            "released",
            "prisoners",
            "corroborated",
            FusedBand(360, 440, 400),
            [
                (a, "hundreds", 200, 999, "local officials", a.ev("hundreds", after="opened the gates"), "prisoners"),
                (b, "about 400", 360, 440, None, b.ev("about 400"), "inmates"),
            ],
        ),
        _count(
            "other",
            "districts captured by the Taliban",
            "corroborated",
            FusedBand(24, 99, None),
            [
                (a, "dozens", 24, 99, None, a.ev("dozens"), None),
                (b, "dozens", 24, 99, None, b.ev("dozens"), None),
            ],
        ),
        _count(
            "displaced",
            "people",
            "single_source",
            FusedBand(67500, 82500, 75000),
            [
                (a, "about 75,000", 67500, 82500, "Afghan officials", a.ev("about 75,000"), None),
            ],
            silent=(B,),
        ),
        _count(
            "killed",
            "Taliban fighters",
            "single_source",
            FusedBand(69, 69, 69),
            [
                (a, "69", 69, 69, "Ministry of Defense", a.ev("69"), None),
            ],
            silent=(B,),
        ),
        _count(
            "injured",
            "Taliban fighters",
            "single_source",
            FusedBand(23, 23, 23),
            [
                (a, "23", 23, 23, "Ministry of Defense", a.ev("23"), None),
            ],
            silent=(B,),
        ),
        _count(
            "released",
            "Taliban fighters among the freed",
            "single_source",
            FusedBand(101, None, None),
            [
                (b, "more than 100", 101, None, None, b.ev("more than 100"), None),
            ],
            silent=(A,),
        ),
        _count(
            "deployed",
            "commandos",
            "single_source",
            FusedBand(200, 999, None),
            [
                (a, "hundreds", 200, 999, "defence ministry", a.ev("hundreds", after="The government flew in"), None),
            ],
            silent=(B,),
        ),
        _count(
            "other",
            "Afghan troops who fled to Tajikistan",
            "single_source",
            FusedBand(1001, None, None),
            [
                (b, "more than 1,000", 1001, None, None, b.ev("more than 1,000"), None),
            ],
            silent=(A,),
        ),
        _count(
            "other",
            "districts lost in Herat province",
            "single_source",
            FusedBand(2, 2, 2),
            [
                (a, "two", 2, 2, "officials", a.ev("two", after="losing"), None),
            ],
            silent=(B,),
        ),
    )

    quotes = (
        FusedQuote(
            "shams",
            "Hasamuddin Shams",
            "The Taliban have been pushed back by special forces and more troops are deployed to the city as a clearing operation is underway",
            True,
            a.ev(
                "The Taliban have been pushed back by special forces and more troops are deployed to the city as a clearing operation is underway"
            ),
            cue="told",
            given_to="TRT World",
        ),
        FusedQuote(
            "mod",
            "The Ministry of Defense",
            "a large number of Afghan commandos have arrived on Wednesday night in Qala-e-Naw",
            True,
            a.ev("a large number of Afghan commandos have arrived on Wednesday night in Qala-e-Naw"),
            cue="saying",
        ),
        FusedQuote(
            "aman",
            "Fawad Aman",
            'it rushed hundreds of commandos to the city to launch a "large scale operation"',
            False,
            a.ev('it rushed hundreds of commandos to the city to launch a "large scale operation"'),
            cue="said",
            given_to="Twitter",
        ),
        FusedQuote(
            "nezami",
            "Sayed Nezami",
            "The enemy suffered heavy casualties and now we are advancing and driving the enemy out",
            True,
            b.ev("The enemy suffered heavy casualties and now we are advancing and driving the enemy out"),
            cue="said",
        ),
        FusedQuote(
            "moi",
            "A spokesperson from the Ministry of Interior Affairs",
            "the city had been cleared of Taliban fighters and that it was now fully under the control of Afghan security forces",
            False,
            b.ev(
                "the city had been cleared of Taliban fighters and that it was now fully under the control of Afghan security forces"
            ),
            cue="according to",
            given_to="Khaama Press News Agency",
        ),
        FusedQuote(
            "shams",
            "the provincial governor",
            "the Taliban had been “pushed back from several parts of the city”",
            False,
            b.ev("the Taliban had been “pushed back from several parts of the city”"),
            cue="quoted by",
            given_to="Tolo",
        ),
        FusedQuote(
            "shams",
            "Hisamudin Shams",
            "the headquarters of the intelligence service had been set on fire",
            False,
            b.ev("the headquarters of the intelligence service had been set on fire"),
            cue="said",
        ),
        FusedQuote(
            "shams", "he", "Afghan troops were defending it", False, b.ev("Afghan troops were defending it"), cue="said"
        ),
        FusedQuote(
            "shams",
            "The governor",
            "the militants attacked the city from three directions in the morning",
            False,
            b.ev("the militants attacked the city from three directions in the morning"),
            cue="told",
            given_to="Reuters",
        ),
    )

    both = (A, B)
    claims = (
        Claim(
            "Afghan government forces retook the city.",
            "corroborated",
            (
                a.ev("Afghan government forces have retaken control of a western provincial capital"),
                b.ev("Government forces in Afghanistan have recaptured buildings"),
            ),
            both,
        ),
        Claim(
            "The Taliban entered Qala-e-Naw on Wednesday.",
            "corroborated",
            (a.ev("the Taliban fighters stormed the city"), b.ev("On Wednesday, the Taliban entered Qala-e-Naw")),
            both,
        ),
        Claim(
            "It was the first provincial capital assaulted since the US troop withdrawal began.",
            "corroborated",
            (
                a.ev("the first provincial capital to face an all-out assault by the Taliban since May 1"),
                b.ev("the first direct assault on a provincial capital since the US began pulling out its last troops"),
            ),
            both,
        ),
        Claim(
            "Special forces pushed the Taliban back.",
            "corroborated",
            (
                a.ev("The Taliban have been pushed back by special forces"),
                b.ev("special forces deployed to push the fighters back"),
            ),
            both,
        ),
        Claim(
            "Air strikes were used against the Taliban.",
            "corroborated",
            (a.ev("the Afghan air force launch strikes on Taliban positions"), b.ev("Air strikes were used")),
            both,
        ),
        Claim(
            "The Taliban freed prisoners from the city jail.",
            "corroborated",
            (
                a.ev("the insurgents opened the gates of the city jail, freeing hundreds of prisoners"),
                b.ev("The militants gained access to the city’s prison and freed about 400 inmates"),
            ),
            both,
        ),
        Claim(
            "Security forces surrendered to the Taliban.",
            "corroborated",
            (
                a.ev("some security officers had surrendered to the Taliban"),
                b.ev("Afghan forces guarding the prison were reported to have surrendered without a fight"),
            ),
            both,
        ),
        Claim(
            "The Taliban have captured dozens of districts.",
            "corroborated",
            (
                a.ev("capturing dozens of districts since early May"),
                b.ev("The Taliban have seized dozens of districts in recent weeks"),
            ),
            both,
        ),
        # Only in the first report.
        Claim(
            "About 75,000 people have fled their homes.",
            "single_source",
            (a.ev("about 75,000 people have fled their homes"),),
            (A,),
        ),
        Claim(
            "The Ministry of Defense says 69 Taliban were killed and 23 wounded.",
            "single_source",
            (a.ev("69 #Taliban terrorists were killed and 23 others were wounded"),),
            (A,),
        ),
        Claim(
            "The Taliban briefly seized the police headquarters and the spy agency's local office.",
            "single_source",
            (
                a.ev(
                    "the Taliban briefly seized the police headquarters and the local office of the country's spy agency"
                ),
            ),
            (A,),
        ),
        Claim(
            "Most of the freed prisoners have been recaptured.",
            "single_source",
            (a.ev("Most had since been recaptured"),),
            (A,),
        ),
        Claim(
            "Two districts in neighbouring Herat province were lost to the insurgents.",
            "single_source",
            (a.ev("officials acknowledged losing two districts to the insurgents"),),
            (A,),
        ),
        Claim(
            "Videos showed onlookers cheering Taliban fighters entering the city.",
            "single_source",
            (a.ev("armed Taliban fighters on motorbikes entering the city, as onlookers cheered"),),
            (A,),
        ),
        # Only in the second report.
        Claim(
            "More than 1,000 Afghan troops fled over the border to Tajikistan.",
            "single_source",
            (b.ev("more than 1,000 Afghan troops fled over the border to Tajikistan"),),
            (B,),
        ),
        Claim(
            "The Taliban are thought to control about a third of the country.",
            "single_source",
            (b.ev("are now thought to control about a third of the country"),),
            (B,),
        ),
        Claim(
            "Most foreign forces have left ahead of an 11 September deadline.",
            "single_source",
            (
                b.ev(
                    "The vast majority of remaining foreign forces in Afghanistan have left ahead of an 11 September deadline"
                ),
            ),
            (B,),
        ),
        Claim(
            "Under a deal with the Taliban, the US and Nato agreed to withdraw all troops.",
            "single_source",
            (b.ev("the US and its Nato allies agreed to withdraw all troops"),),
            (B,),
        ),
        Claim(
            "President Ghani insists Afghan forces can hold off the insurgents.",
            "single_source",
            (
                b.ev(
                    "President Ashraf Ghani insists that Afghan security forces are fully capable of keeping insurgents at bay"
                ),
            ),
            (B,),
        ),
        Claim(
            "The militants attacked the city from three directions.",
            "single_source",
            (b.ev("the militants attacked the city from three directions"),),
            (B,),
        ),
    )

    summary = (
        SummaryLine(
            "Afghan government forces retook Qala-e-Naw, capital of Badghis province, on 8 July 2021, a day after a Taliban assault.",
            (
                a.ev("Afghan government forces have retaken control of a western provincial capital"),
                b.ev("Government forces in Afghanistan have recaptured buildings"),
            ),
        ),
        SummaryLine(
            "It was the first provincial capital to face an all-out Taliban assault since US troops began withdrawing.",
            (
                a.ev("the first provincial capital to face an all-out assault by the Taliban since May 1"),
                b.ev("the first direct assault on a provincial capital since the US began pulling out its last troops"),
            ),
        ),
        SummaryLine(
            "The Taliban freed hundreds of prisoners (about 400, in one report) before special forces, backed by air strikes, pushed them back.",
            (a.ev("freeing hundreds of prisoners"), b.ev("freed about 400 inmates"), b.ev("Air strikes were used")),
        ),
        SummaryLine(
            "About 75,000 people fled their homes, Afghan officials said.",
            (a.ev("Afghan officials said about 75,000 people have fled their homes"),),
        ),
    )

    framing = (
        Framing(
            "taliban",
            "Taliban",
            {A: ("terrorists", "insurgents", "Taliban fighters"), B: ("militants", "insurgents", "fighters")},
            (a.ev("terrorists"), a.ev("insurgents"), b.ev("militants"), b.ev("insurgents"), b.ev("fighters")),
        ),
    )

    story = StoryReport(
        id="qala-e-naw-2021-07-07",
        headline="Afghan forces retake Qala-e-Naw after Taliban assault",
        articles=both,
        event_type="armed assault",
        when=when,
        where=where,
        actors=actors,
        counts=counts,
        quotes=quotes,
        claims=claims,
        summary=summary,
        framing=framing,
        copies={},
    )
    return Report(articles=(a.ref(), b.ref()), stories=(story,), texts={A: a.text, B: b.text})


HOSTILE_TEXT = (
    "Attack in Townville <script>alert(1)</script>\n"
    "Officials said 12 people were killed in the blast. "
    'Witnesses wrote "><img src=x onerror=alert(2)> and </textarea><b>bold</b> on walls. '
    "Graffiti read {{ 7*7 }} and {% if true %}jinja{% endif %} and [bold red]rich[/] | a | *b* & &amp; `c`.\n"
)
OTHER_TEXT = (
    "Townville blast toll rises\n"
    'The death toll reached 30 killed, police said. Police chief Ana Ruiz said: "We are still counting."\n'
)


def hostile_report() -> Report:
    """A conflict, a copy, overlapping evidence, and text that tries to escape every format."""
    h = Source(HOSTILE_TEXT, id="hostile-1", source="Evil <b>Times</b> | x", url="javascript:alert(3)")
    o = Source(
        OTHER_TEXT,
        id="other-2",
        source="Daily Other",
        url="https://example.org/townville",
        published=dt.date(2024, 3, 2),
    )
    c = Source(OTHER_TEXT, id="copy-3", source="Syndicator", published=dt.date(2024, 3, 2))
    killed = _count(
        "killed",
        "people",
        "conflicting",
        FusedBand(12, 30, None),
        [
            (h, "12", 12, 12, "officials", h.ev("12"), None),
            (o, "30", 30, 30, "police", o.ev("30"), None),
        ],
    )
    claims = (
        # Overlaps the count's evidence in both articles: the HTML must split, not nest, marks.
        Claim(
            "The blast killed 12 people / 30 people.",
            "conflicting",
            (h.ev("Officials said 12 people were killed"), o.ev("The death toll reached 30 killed")),
            (h.id, o.id),
            reason="12 vs 30 killed",
        ),
        Claim(
            "Witnesses wrote <script>alert(4)</script> on walls.",
            "single_source",
            (h.ev('"><img src=x onerror=alert(2)> and </textarea><b>bold</b>'),),
            (h.id,),
        ),
    )
    quotes = (
        FusedQuote(
            None, "Ana Ruiz </textarea>", "We are still counting.", True, o.ev("We are still counting."), cue="said"
        ),
    )
    story = StoryReport(
        id="townville",
        headline="Townville blast <script>alert(5)</script>",
        articles=(h.id, o.id, c.id),
        event_type="explosion",
        when=When(dt.date(2024, 3, 1), None, None, (h.ev("Attack in Townville"),)),
        where=(WherePlace("Townville", None, None, None, None, None, "event", (h.ev("Townville"), o.ev("Townville"))),),
        actors=(),
        counts=(killed,),
        quotes=quotes,
        claims=claims,
        summary=(
            SummaryLine(
                "A blast in Townville killed between 12 and 30 people {{ 7*7 }}.",
                (h.ev("{{ 7*7 }}"), o.ev("30 killed")),
            ),
        ),
        framing=(
            Framing("police", "police", {h.id: ("officials",), o.id: ("police",)}, (h.ev("Officials"), o.ev("police"))),
        ),
        copies={c.id: o.id},
    )
    return Report(
        articles=(h.ref(), o.ref(), c.ref()), stories=(story,), texts={h.id: h.text, o.id: o.text, c.id: c.text}
    )


# ---------------------------------------------------------------------------------------------
# A story told by twelve outlets (invented text, invented outlets): what a real story looks like
# once 5 to 50 reports arrive. It carries every schema-1.1 field: a figure updated over time
# (two killed on Sunday, three on Monday), a subset ("including two children"), money, percent
# and measure figures with their units (one fractional), and each report's day (`as_of`).

MANY_ARTICLES: tuple[tuple[str, str | None, dt.date | None, str], ...] = (
    # (id, outlet, published, text)
    (
        "courier",
        "Harlow Daily Courier",
        dt.date(2024, 8, 19),
        "Tornado kills three in Harlow, two of them children\n"
        "HARLOW — A tornado struck Harlow on Sunday evening, destroying more than 100 homes along Mill Street. "
        "Three people were killed, including two children, the county sheriff said on Monday. "
        "At least 40 people were injured. "
        "Damage is estimated at $12 million, according to the mayor's office. "
        '"We have never seen anything like this," Mayor Dana Whitfield said. '
        "Officials said the third victim died in hospital overnight.\n",
    ),
    (
        "channel7",
        "Channel 7 Lakeshore",
        dt.date(2024, 8, 19),
        "Harlow counts the cost after Sunday tornado\n"
        "A tornado struck Harlow on Sunday evening with winds of 150 mph. "
        "Three people died, including two children, and about 25 were hurt, officials said. "
        "Sirens sounded 20 minutes before the tornado hit, the county said. "
        "About 40 percent of homes in Harlow were still without power on Monday.\n",
    ),
    (
        "glpa",
        "Great Lakes Press Agency",
        dt.date(2024, 8, 19),
        "Tornado leaves 3 dead in upstate town\n"
        "HARLOW (GLPA) — A tornado struck Harlow on Sunday evening, killing 3 people and injuring at least 40, "
        "authorities said. Winds reached 150 mph, the weather service said. "
        "Early estimates put the damage at about $12m. "
        "Governor Ruth Alvarez declared a state of emergency in Harlow County.\n",
    ),
    (
        "wklx",
        "WKLX",
        dt.date(2024, 8, 18),
        "Two dead as tornado tears through Harlow\n"
        "A tornado struck Harlow on Sunday evening. "
        "Two people were killed and dozens of homes were destroyed, officials said. "
        "Emergency managers opened a shelter at Harlow High School.\n",
    ),
    (
        "tribune",
        "Northern Tribune",
        dt.date(2024, 8, 19),
        "Three killed in Harlow tornado\n"
        "A tornado struck Harlow on Sunday evening. "
        "The storm killed three people, including two children, and injured dozens. "
        "The governor declared a state of emergency in Harlow County on Monday. "
        "Authorities said winds reached 150 mph.\n",
    ),
    (
        "metro-1",
        "Metro Wire",
        dt.date(2024, 8, 19),
        "Harlow tornado: what we know\n"
        "A tornado struck Harlow on Sunday evening. Roads into the town remain closed. "
        "Authorities have asked visitors to stay away.\n",
    ),
    (
        "metro-2",
        "Metro Wire",
        dt.date(2024, 8, 20),
        "Harlow evacuation ordered after gas leak\n"
        "About 2,000 residents were evacuated from central Harlow on Tuesday after a gas main damaged by "
        "Sunday's tornado began to leak, officials said.\n",
    ),
    (
        "ledger",
        "The Evening Ledger",
        dt.date(2024, 8, 19),
        "Residents say no warning came\n"
        "A tornado struck Harlow on Sunday evening. "
        "Several residents said no warning was given before the tornado hit. "
        "Officials said they were reviewing the siren system.\n",
    ),
    (
        "erie",
        "Radio Erie",
        dt.date(2024, 8, 18),
        "Tornado hits Harlow, two killed\n"
        "Two people died when a tornado struck Harlow on Sunday evening, officials said. "
        "The storm dropped 3.5 inches of rain in an hour.\n",
    ),
    (
        "gnn",
        "Global News Network",
        dt.date(2024, 8, 20),
        "US tornado: three dead in New York state town\n"
        "Three people were killed and at least 40 injured when a tornado struck Harlow on Sunday evening. "
        "Governor Ruth Alvarez declared a state of emergency in Harlow County. "
        "Winds reached 150 mph, according to forecasters.\n",
    ),
    (
        "lpr",
        "Lakeshore Public Radio",
        dt.date(2024, 8, 19),
        "Power still out for much of Harlow\n"
        "Crews worked on Monday to restore electricity after Sunday's tornado; 40% of homes in Harlow had no "
        "power, emergency managers said. The governor declared a state of emergency in Harlow County.\n",
    ),
    (
        # No outlet and no date: named by its id, as a file name would be.
        "017_9f3c2a7be1d04c55.txt",
        None,
        None,
        "Harlow tornado\n"
        "The tornado that struck Harlow on Sunday evening was one of the strongest in the county's history, "
        "authorities said.\n",
    ),
)


def many_sources() -> dict[str, Source]:
    return {
        id: Source(text, id=id, source=outlet, published=published) for id, outlet, published, text in MANY_ARTICLES
    }


def _figure(
    s: Source,
    text: str,
    low: int | float | None,
    high: int | float | None,
    attributed_to: str | None = None,
    *,
    after: str | None = None,
    subject: str | None = None,
) -> CountReport:
    return CountReport(
        article=s.id,
        text=text,
        low=low,
        high=high,
        attributed_to=attributed_to,
        evidence=s.ev(text, after=after),
        subject=subject,
        as_of=s.article.published,
    )


def _silent(src: dict[str, Source], *reporting: str) -> tuple[str, ...]:
    return tuple(id for id in src if id not in reporting)


def many_report() -> Report:
    """The twelve-outlet tornado story (see MANY_ARTICLES)."""
    src = many_sources()
    s = src
    courier, ch7, glpa, wklx, trib = s["courier"], s["channel7"], s["glpa"], s["wklx"], s["tribune"]
    metro1, metro2, ledger, erie, gnn, lpr = s["metro-1"], s["metro-2"], s["ledger"], s["erie"], s["gnn"], s["lpr"]
    anon = s["017_9f3c2a7be1d04c55.txt"]

    killed_two = [_figure(wklx, "Two", 2, 2, "officials", after="struck"), _figure(erie, "Two", 2, 2, "officials")]
    killed_three = [
        _figure(courier, "Three", 3, 3, "the county sheriff"),
        _figure(ch7, "Three", 3, 3, "officials"),
        _figure(glpa, "3", 3, 3, "authorities", after="killing"),
        _figure(trib, "three", 3, 3),
        _figure(gnn, "Three", 3, 3),
    ]
    killed = FusedCount(
        category="killed",
        subject="people",
        status="updated",
        fused=FusedBand(3, 3, 3),
        reports=(*killed_two, *killed_three),
        silent=_silent(src, "wklx", "erie", "courier", "channel7", "glpa", "tribune", "gnn"),
        updates=(CountUpdate(earlier=killed_two[0], later=killed_three[0]),),
    )
    children = FusedCount(
        category="killed",
        subject="children",
        status="corroborated",
        fused=FusedBand(2, 2, 2),
        reports=tuple(_figure(x, "two", 2, 2, after="including") for x in (courier, ch7, trib)),
        silent=_silent(src, "courier", "channel7", "tribune"),
        scope="subset",
    )
    injured = FusedCount(
        category="injured",
        subject="people",
        status="conflicting",
        fused=FusedBand(23, None, 40),
        reports=(
            _figure(courier, "At least 40", 40, None),
            _figure(ch7, "about 25", 23, 27, "officials"),
            _figure(glpa, "at least 40", 40, None, "authorities"),
            _figure(trib, "dozens", 24, 99),
            _figure(gnn, "at least 40", 40, None),
        ),
        silent=_silent(src, "courier", "channel7", "glpa", "tribune", "gnn"),
    )
    damage = FusedCount(
        category="money",
        subject="damage",
        status="corroborated",
        fused=FusedBand(12_000_000, 12_000_000, 12_000_000),
        reports=(
            _figure(courier, "$12 million", 12_000_000, 12_000_000, "the mayor's office"),
            _figure(glpa, "about $12m", 10_800_000, 13_200_000),
        ),
        silent=_silent(src, "courier", "glpa"),
        unit="USD",
    )
    power = FusedCount(
        category="percent",
        subject="homes without power",
        status="corroborated",
        fused=FusedBand(40, 40, 40),
        reports=(_figure(ch7, "About 40 percent", 36, 44), _figure(lpr, "40%", 40, 40, "emergency managers")),
        silent=_silent(src, "channel7", "lpr"),
        unit="%",
    )
    rain = FusedCount(
        category="measure",
        subject="rain in an hour",
        status="single_source",
        fused=FusedBand(3.5, 3.5, 3.5),
        reports=(_figure(erie, "3.5 inches", 3.5, 3.5),),
        silent=_silent(src, "erie"),
        unit="inch",
    )
    wind = FusedCount(
        category="measure",
        subject="wind speed",
        status="corroborated",
        fused=FusedBand(150, 150, 150),
        reports=(
            _figure(ch7, "150 mph", 150, 150),
            _figure(glpa, "150 mph", 150, 150, "the weather service"),
            _figure(trib, "150 mph", 150, 150, "authorities"),
            _figure(gnn, "150 mph", 150, 150, "forecasters"),
        ),
        silent=_silent(src, "channel7", "glpa", "tribune", "gnn"),
        unit="mph",
    )
    homes = FusedCount(
        category="other",
        subject="homes destroyed",
        status="conflicting",
        fused=FusedBand(24, None, None),
        reports=(_figure(courier, "more than 100", 101, None), _figure(wklx, "dozens", 24, 99, "officials")),
        silent=_silent(src, "courier", "wklx"),
    )
    evacuated = FusedCount(
        category="evacuated",
        subject="residents",
        status="single_source",
        fused=FusedBand(1800, 2200, 2000),
        reports=(_figure(metro2, "About 2,000", 1800, 2200, "officials"),),
        silent=_silent(src, "metro-2"),
    )

    struck = "struck Harlow on Sunday evening"
    emergency = "declared a state of emergency in Harlow County"
    hit_by = (courier, ch7, glpa, wklx, trib, metro1, ledger, erie, gnn, anon)
    claims = (
        Claim(
            "A tornado struck Harlow on Sunday evening.",
            "corroborated",
            tuple(x.ev(struck) for x in hit_by),
            tuple(x.id for x in hit_by),
        ),
        Claim(
            "The governor declared a state of emergency in Harlow County.",
            "corroborated",
            tuple(x.ev(emergency) for x in (glpa, trib, gnn, lpr)),
            (glpa.id, trib.id, gnn.id, lpr.id),
        ),
        Claim(
            "A warning was given before the tornado hit.",
            "conflicting",
            (
                ch7.ev("Sirens sounded 20 minutes before the tornado hit"),
                ledger.ev("no warning was given before the tornado hit"),
            ),
            (ch7.id, ledger.id),
            reason="sirens 20 minutes before vs no warning",
        ),
        Claim(
            "The third victim died in hospital overnight.",
            "single_source",
            (courier.ev("the third victim died in hospital overnight"),),
            (courier.id,),
        ),
        Claim(
            "A shelter opened at Harlow High School.",
            "single_source",
            (wklx.ev("Emergency managers opened a shelter at Harlow High School"),),
            (wklx.id,),
        ),
        Claim(
            "Roads into the town remain closed.",
            "single_source",
            (metro1.ev("Roads into the town remain closed"),),
            (metro1.id,),
        ),
        Claim(
            "A gas main damaged by the tornado began to leak.",
            "single_source",
            (metro2.ev("a gas main damaged by Sunday's tornado began to leak"),),
            (metro2.id,),
        ),
        Claim(
            "It was one of the strongest tornadoes in the county's history.",
            "single_source",
            (anon.ev("one of the strongest in the county's history"),),
            (anon.id,),
        ),
    )
    framing_terms = {
        "courier": ("officials", "the county sheriff"),
        "channel7": ("officials", "the county"),
        "glpa": ("authorities",),
        "wklx": ("officials", "emergency managers"),
        "tribune": ("authorities",),
        "metro-1": ("authorities",),
        "metro-2": ("officials",),
        "ledger": ("officials",),
        "erie": ("officials",),
        "lpr": ("emergency managers",),
        "017_9f3c2a7be1d04c55.txt": ("authorities",),
    }
    story = StoryReport(
        id="harlow-tornado-2024-08-18",
        headline="Tornado kills three in Harlow",
        articles=tuple(src),
        event_type="tornado",
        when=When(dt.date(2024, 8, 18), None, None, (courier.ev("on Sunday evening"), wklx.ev("on Sunday evening"))),
        where=(
            WherePlace(
                "Harlow",
                None,
                None,
                None,
                "New York",
                "US",
                "event",
                (courier.ev("Harlow"), gnn.ev("Harlow")),
                articles=(courier.id, gnn.id),
            ),
        ),
        actors=(
            Actor(
                "whitfield",
                "Dana Whitfield",
                (),
                "person",
                ("mayor",),
                (courier.ev("Mayor Dana Whitfield"),),
                articles=(courier.id,),
            ),
            Actor(
                "alvarez",
                "Ruth Alvarez",
                (),
                "person",
                ("governor",),
                (glpa.ev("Governor Ruth Alvarez"), gnn.ev("Governor Ruth Alvarez")),
                articles=(glpa.id, gnn.id),
            ),
        ),
        counts=(killed, children, injured, damage, power, rain, wind, homes, evacuated),
        quotes=(
            FusedQuote(
                "whitfield",
                "Mayor Dana Whitfield",
                "We have never seen anything like this",
                True,
                courier.ev("We have never seen anything like this"),
                cue="said",
            ),
        ),
        claims=claims,
        summary=(
            SummaryLine(
                "A tornado struck Harlow on Sunday evening 18 August 2024, killing three people.",
                (courier.ev("Three people were killed"), gnn.ev("Three people were killed")),
            ),
        ),
        framing=(
            Framing(
                "officials",
                "Harlow County officials",
                {k: v for k, v in framing_terms.items()},
                (courier.ev("Officials"), glpa.ev("authorities"), lpr.ev("emergency managers")),
            ),
        ),
    )
    return Report(
        articles=tuple(x.ref() for x in src.values()),
        stories=(story,),
        texts={x.id: x.text for x in src.values()},
    )
