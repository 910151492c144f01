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
