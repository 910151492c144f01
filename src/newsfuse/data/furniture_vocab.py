"""The words of page furniture: what web pages put around a report that is not its reporting.

Read by :mod:`newsfuse.extractors.furniture`. Each pattern is a class of page element, written
from how such elements are built on news sites (player controls, share bars, credit lines,
sign-up boxes, legal lines), not from single examples; the extractor combines them with line
shape and position. Patterns are case-insensitive unless they say otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .date_vocab import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

_I = re.IGNORECASE


@dataclass(frozen=True)
class Gated:
    """A pattern tried only on text holding one of its stems (in lower case). The patterns here
    are long alternations, which Python's ``re`` tries at every position; most sentences hold
    none of their words, and a substring test says so at a fraction of the cost. Every word a
    pattern can match contains one of its stems (``tests/test_furniture.py`` checks the
    patterns against their gates on the examples)."""

    stems: tuple[str, ...]
    pattern: re.Pattern[str]

    def _open(self, text: str) -> bool:
        low = text.lower()
        return any(stem in low for stem in self.stems)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._open(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        return self.pattern.finditer(text, pos, end) if self._open(text[pos:end]) else iter(())


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH = rf"(?:{_alternatives(list(MONTHS))}|(?:{_alternatives(list(MONTH_ABBREVIATIONS))})\.?)"
_WEEKDAY = rf"(?:{_alternatives(list(WEEKDAYS))}|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?)"

# --- Captions and credits (a caption owns its line; in a long line, it runs up to its credit) --
# A credit names who made a picture: "(Photo: Michelle Crandall)", "(AP Photo/Rich Pedroncelli)",
# "Photo by …", "Photo credit: …", "Credit: …", "Getty Images", "(Reuters)", "File photo". A
# video caption on broadcasters' sites ends with when the clip was published:
# "(Published Sunday, March 23, 2014)". The word "photo" alone is prose ("a photo of the
# suspect"): only its credit forms count.
CAPTION = Gated(
    (
        "photo",
        "image",
        "video",
        "file",
        "graphic",
        "illustration",
        "screenshot",
        "picture",
        "credit",
        "caption",
        "gallery",
        "slideshow",
        "shutterstock",
        "courtesy",
        "published",
    ),
    re.compile(
        r"\((?-i:[A-Z][\w.&'-]*\s){0,3}(?:photos?|images?|video|file|graphic|illustration|screenshot)s?"
        r"\s*(?:[:/)]|by\b|credit|courtesy)"
        r"|\b(?:AP|Reuters|AFP|Getty|EPA|UPI)\s*(?:photo|images?)\b"
        r"|\b(?:photo|image|picture)s?\s*(?:credit|courtesy)\b|\b(?:photo|image|picture)s? by (?-i:[A-Z])"
        r"|^\W*(?:photos?|images?|pictures?|credit|caption|file|gallery|slideshow)\s*:"
        r"|\b(?:photo|image)s?\s*:\s*[A-Z]"
        r"|\bgetty images\b|\bshutterstock\b|\bfile photo\b|\((?:photo |image |video )?courtesy\b"
        r"|^\W*(?:photo|image|picture)s? (?:copyright|credit|source)\b|\bview full caption\b"
        rf"|\(published\s+(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\)"
        r"|^\W*caption\b",
        _I,
    ),
)
# A gallery's caption label opening a caption, wherever the scrape put it: "… (Dec. 9, 2016)
# Caption Faked KKK hate crime …". Case-sensitive: the label and the caption are capitalised.
CAPTION_START = re.compile(r"(?:^|(?<=[.!?)”\"]\s))(?:Caption|CAPTION|Image \d+ of \d+)\s+(?=[A-Z0-9'‘\"“])")
# A credit closing its line: "… nightclub. (James Keivom/New York Daily News)", "… (Source: KCBD)",
# "… morning. (WSMV)", "(Video from Fox 35 Orlando)", "Christal Hays / Orlando Sentinel". Prose
# ends with a full stop; a parenthesis after a full stop is a credit, and so is one naming its
# source; a capitalised "(A/B)" without a full stop before it is an intersection ("Circle K
# (Chiquita Boulevard/Cape Coral Parkway W.)").
CREDIT_END = Gated(
    ("(", "/"),
    re.compile(
        r"[.!?][\"”’']?\s*\((?:(?-i:[A-Z])[^()/]{1,60}/\s*(?-i:[A-Z])[^()]{1,60}|source:[^()]{1,60}"
        r"|(?:video|photo|image|footage)s? (?:from|by|courtesy(?: of)?)[^()]{1,60}|(?-i:[A-Z]{3,5}(?:-TV)?))\)\s*$"
        r"|\((?:source:[^()]{1,60}|(?:video|photo|image|footage)s? (?:from|by|courtesy(?: of)?)[^()]{1,60})\)\s*$"
        r"|(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} ?/ ?[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,5})$",
        _I,
    ),
)

# --- Video players ----------------------------------------------------------------------------
# Controls and player messages that scrapes keep as text: "autoplay", "play pause", "Embed",
# "Skip", "Replay", "Now Playing", "Up Next", "More News Videos", and a clip's duration ("1:19").
VIDEO_PLAYER = Gated(
    (
        "play",
        "up next",
        "video",
        "watch",
        "view",
        "javascript",
        "trouble",
        "click to",
        "skip",
        "embed",
        "caption",
        "enlarge",
        "scroll",
        "transcript",
    ),
    re.compile(
        r"\bauto-?play\b|\bplay\s*pause\b|\bnow playing\b|^\W*up next\b|\bmore (?:news )?videos\b"
        r"|\b(?:watch|view) (?:the )?(?:video|clip)\b|\bvideo (?:player|transcript|is loading|unavailable)\b"
        r"|\benable javascript to (?:watch|view|play)\b|\btrouble (?:viewing|playing|watching) the video\b"
        r"|\bvideo will (?:play|begin|start)\b|\bclick to (?:play|watch)\b|\bskip (?:in|ad)\b"
        r"|\bembed\s*>|\bhide caption\b|\btoggle caption\b|\benlarge this image\b|\bscroll down for (?:the )?video\b"
        r"|\b(?:show|hide) transcript\b",
        _I,
    ),
)
# The same words opening a line: a player's label is the first thing on its line, and the
# clip's title or description follows it ("Embed Three Killed … 1:19 autoplay", "VIDEO: …",
# "CLOSE Skip in Skip x Embed x Share …").
VIDEO_LEAD = re.compile(
    r"^\W*(?:embed\b|(?:videos?|watch|close|replay|autoplay|now playing|up next)\s*(?::|>|\||×|\bskip\b|\bembed\b))"
    # a playlist entry: the clip's running time, then its title ("4:12 Does Columbus have …")
    r"|^\d{1,2}:\d{2}\s+(?!(?:a\.?m|p\.?m)\b)(?-i:[A-Z0-9\"'‘“])",
    _I,
)
# A clip's running time: "1:19", "02:45" (no a.m./p.m. after it, which makes it a time of day).
DURATION = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])(?!\s*(?:a\.?m\b|p\.?m\b|[ap]\.m\.|o'clock|hours?\b|ET\b))", _I)

# --- Newsletters, alerts, apps ----------------------------------------------------------------
NEWSLETTER = Gated(
    (
        "sign",
        "newsletter",
        "subscri",
        "alert",
        "notification",
        "update",
        "headline",
        "download",
        "app",
        "miss a thing",
        "free",
        "inbox",
        "log",
        "account",
        "digital",
        "iphone",
        "ipad",
        "android",
        "google play",
    ),
    re.compile(
        r"\bsign(?:ing)?[ -]?up (?:for|to|today|now|here)\b|^\W*sign[ -]?up\b|\bnewsletters?\b"
        r"|\bsubscribe (?:now|today|here|to (?:our|the) (?:newsletter|channel|podcast|feed))\b|\bclick to subscribe\b"
        r"|\b(?:e-?mail|news|breaking(?: news)?|text|push) (?:alerts?|notifications?|updates?)\b"
        r"|\bnotifications? (?:has|have) been saved\b|\bsaving your notification\b|\bnotifications are only sent\b"
        r"|\bget alerted\b|\bheadline e-?mail\b|\bdownload (?:the|our)\b[^.]{0,40}\bapps?\b|\bfree apps?\b"
        r"|\bget (?:the|our) (?:free )?[\w ]{0,20}apps?\b|\bapp store\b|\bgoogle play\b|\bdon'?t miss a thing\b"
        r"|\bit'?s free\b|\bdelivered to your inbox\b|\bin your inbox\b"
        # paywalls and account prompts
        r"|\b(?:subscribe|sign up|register) (?:or|and) log ?in\b|\bactivate your (?:digital )?account\b"
        r"|\bdigital (?:access|subscription|subscriber)\b|\balready a subscriber\b"
        r"|\b(?:iphone|ipad|android)\b[\w/ ]{0,20}\bapps?\b",
        _I,
    ),
)

# --- Copyright and legal lines ----------------------------------------------------------------
COPYRIGHT = Gated(
    ("©", "(c)", "copyright", "rights reserved", "may not be", "rewritten", "redistributed"),
    re.compile(
        r"©|\(c\)\s*\d{4}|^\W*copyright\b|\bcopyright\s*(?:©|\(c\))?\s*\d{4}|\ball rights reserved\b"
        r"|\bmay not be (?:published|reproduced|broadcast|copied|redistributed)\b"
        r"|\b(?:rewritten|redistributed)\b.{0,20}\b(?:without|permission)\b",
        _I,
    ),
)

# --- Cookie, consent, browser and robot-check notices -----------------------------------------
COOKIE = Gated(
    (
        "cookie",
        "privacy",
        "terms",
        "javascript",
        "block",
        "browser",
        "captcha",
        "human",
        "robot",
        "characters",
        "consent",
    ),
    re.compile(
        r"\b(?:use|uses|using|accept|enable|store|set|place|allow)s? cookies\b|\bcookies? (?:policy|settings|notice|preferences)\b|\bprivacy (?:policy|notice|statement|settings)\b|\bterms (?:of|and) (?:use|service|conditions)\b"
        r"|\b(?:enable|disabled?|turn on) javascript\b|\bjavascript (?:is )?(?:disabled|required|must be enabled)\b"
        r"|\bad[ -]?block(?:er|ers|ing)?\b|\byour browser\b|\bcaptcha\b|\bare you a (?:human|robot)\b"
        r"|\benter the characters\b|\bnot a robot\b|\bconsent\b.{0,40}\b(?:data|partners|personali[sz]ed)\b",
        _I,
    ),
)

# --- Share bars and social widgets ------------------------------------------------------------
# A line made only of these words (and counts: "Share 12", "0 Pending Comments") is a share bar.
SHARE_WORDS: frozenset[str] = frozenset(
    """
    share shares shared sharing tweet tweets retweet like likes facebook twitter email e-mail
    print pinterest pin google google+ linkedin reddit whatsapp tumblr stumbleupon messenger sms
    text comment comments pending more copy link url this story article on via close x flipboard
    instagram youtube snapchat digg delicious myspace save reprints reprint permalink loading
    """.split()
)
SOCIAL = Gated(
    ("follow", "conversation", "share", "like", "click to", "mail", "tweet", "twitter", "facebook", "instagram"),
    re.compile(
        r"\bfollow (?:us|@?\w+(?: \w+){0,3}) on (?:twitter|facebook|instagram|social media)\b"
        r"|\bjoin the conversation\b|\bshare this\b|\b(?:read|share) or share this\b|\bread or share\b"
        r"|\blike this:\b|\blike loading\b|\bclick to (?:share|email|print)\b|\bshare on (?:facebook|twitter)\b"
        r"|\b(?:e-?mail|tweet) this\b|\bon (?:twitter|facebook|instagram):\s*$"
        r"|\bfacebook\s*\|\s*twitter\b|^\W*follow (?:us|@?[\w.]+(?: [\w.]+){0,2})\s*:?\s*$",
        _I,
    ),
)
# A picture link in an embedded post: "pic.twitter.com/3wjm4XYbnU".
POST_LINK = re.compile(r"(?:https?://)?pic\.twitter\.com/\w+", _I)
# An embedded post's signature: "pic.twitter.com/3wjm4 — Name (@handle) July 11, 2016". The post
# itself is a quoted statement (often the reporter's own live reporting): only the signature is
# furniture.
EMBEDDED_POST = Gated(
    ("(@",),
    re.compile(
        rf"(?:(?:https?://)?pic\.twitter\.com/\w+\s*)?[—–-]\s*[^()\n—–]{{1,60}}\(@\w{{1,30}}\)\s*"
        rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})?\s*$",
        _I,
    ),
)

# --- Bylines, credits and contact lines -------------------------------------------------------
# "By Jane Doe", "By: Breaking News Staff", "BY JANE DOE | The Oklahoman", "-- Marisa Gerber".
# Case-sensitive: a byline's name is capitalised.
BYLINE = re.compile(
    r"^\W{0,3}(?:[Bb]y|BY)\s*:?\s+(?:[A-Z][\w.'’-]*|de|van|von)(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von|&)){0,6}"
    r"\s*(?:[,|/.-]|$)"
    r"|^\s*(?:--|[—–])\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*$"
)
# Credit and contact lines: who wrote or helped, and how to reach them.
CREDIT = Gated(
    (
        "contribut",
        "writer",
        "reach",
        "contact",
        "follow",
        "twitter",
        "mail",
        "phone",
        "tel",
        "reporter",
        "correspondent",
        "columnist",
        "producer",
        "covers",
    ),
    re.compile(
        r"(?i:\bcontributed to this (?:report|story|article)\b|^\W*contributing\s*:|\b(?:staff|special|associated press) writers?\b"
        r")|^\W*(?i:to reach) [A-Z]\w+|\breach [A-Z]\w+(?: [A-Z]\w+)? at\b|\bcan be reached at\b|\bcontact [A-Z]\w+(?: [A-Z]\w+)? at\b"
        r"|(?i:\bfollow (?:him|her|them|me) on\b|^\W*(?:twitter|e-?mail|phone|tel|contact)\s*:"
        r"|\bis a (?:staff |freelance )?(?:reporter|writer|correspondent|columnist|producer) (?:for|with|at)\b)"
        r"|\bcovers [\w ,]{3,60} for (?:the )?[A-Z]",
    ),
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(r"(?:\(\d{3}\)\s*|\b\d{3}[-.\s])\d{3}[-.\s]\d{4}\b|\b\d{3}-\d{3}-[A-Z]{4}\b")
HANDLE = re.compile(r"(?<![\w.])@\w{2,30}\b")

# --- Advertisements ---------------------------------------------------------------------------
ADVERTISEMENT = re.compile(
    r"^\W*(?:advertisements?|advertising|sponsored(?: content| by\b.*)?|paid (?:content|post)|ad|ads"
    r"|(?:story|article) continues (?:below|after)(?: (?:this|the))?(?: advertisement| ad)?"
    r"|continue reading (?:below|the main story)|skip advertisement|report this ad)\W*$",
    _I,
)

# --- Related links and round-ups --------------------------------------------------------------
# A label that introduces links to other pages. At the start of a line with text after it, the
# rest is a link ("MORE: 4 shot, 1 killed in SE DC shooting"); alone on its line (or ending in a
# colon: "Related Berrien County shooting stories:") it leads the list of headlines below it.
RELATED_LABEL = re.compile(
    r"^\W*(?:related(?: (?:content|links?|stories|articles?|coverage|videos?|news|posts?|headlines))?"
    r"|also(?: read| see| on [\w.]+)?|more(?: news| stories| coverage| headlines| from [\w. ]{1,30})?|read|listen|see"
    r"|read (?:more|also|next)(?: (?:on|at|from) [\w. ]{1,30})?|see also|more on this(?: story)?"
    r"|latest (?:news|headlines|stories)|top (?:trending|stories|news|videos)(?: [\w ]{1,30})?|trending(?: now| stories)?"
    r"|most (?:popular|read|viewed|shared)|recommended(?: for you| stories)?|you (?:may|might) also like"
    r"|don'?t miss|previous coverage|in other news|around the web"
    r"|more reports by [\w. ]{1,40}|more (?:local )?news videos|top news photos(?: of the week)?)\s*(?::|>+|»|\|)",
    _I,
)
# The same labels alone on a line (no colon needed): "RELATED LINKS", "ALSO", "Latest News".
RELATED_HEADER = re.compile(
    r"^\W*(?:related(?: (?:content|links?|stories|articles?|coverage|videos?|news|posts?|headlines))?"
    r"|also|more(?: news| stories| coverage| headlines)?|read more|see also|more on this(?: story)?"
    r"|latest(?: news| headlines| stories)?|top (?:trending|stories|news|videos)|trending(?: now| stories)?"
    r"|most (?:popular|read|viewed|shared)|recommended(?: for you| stories)?|you (?:may|might) also like"
    r"|photos|videos|gallery|slideshow|more reports by [\w. ]{1,40}|top news photos(?: of the week)?"
    r"|related [\w ]{1,40} (?:stories|coverage|links|articles))\W*$"
    # a short label ending in a colon that announces more of the site: "More stories on WFTV.com:"
    r"|^\W*(?:more|other|related|recent|latest|top|popular|trending)\b[\w .'’-]{0,40}"
    r"\b(?:stories|links|coverage|news|videos|headlines|articles|photos|galleries)\b[\w .'’-]{0,30}:\s*$"
    # … or without the colon, when it opens with "More" or "Related": "More Sandusky police stories"
    r"|^\W*(?:more|related)\b[\w .'’-]{0,40}\b(?:stories|links|coverage|videos|headlines|articles)\W*$",
    _I,
)

# --- Notices the site puts around every story -------------------------------------------------
SITE_NOTICE = Gated(
    (
        "update",
        "check back",
        "stay",
        "developing",
        "breaking",
        "refresh",
        "report an",
        "submit",
        "click here",
        "continue reading",
        "read",
        "wikipedia",
        "edit",
        "appeared",
        "published",
        "pdf",
        "attachment",
        "printer",
        "immediate release",
        "hear from you",
        "send",
        "comment",
    ),
    re.compile(
        r"\bthis (?:story|article|report|post) (?:will be|has been|is being|may be) updated\b|\bcheck back\b"
        r"|\bwill (?:continue to )?update (?:this|the) (?:story|article|report|post|page)\b|\bwill continue to update\b"
        r"|\bwill (?:provide|post|bring you|have) (?:more )?updates\b|\bupdates? (?:as|when) (?:they|it|more|details|information)\b"
        r"|\bstay (?:with|tuned to) [\w .]{1,40} for (?:updates|more)\b|\bstay tuned\b|\bfor (?:the latest )?updates\b.{0,30}\b(?:follow|stay|check)\b"
        r"|\bthis is a (?:developing|breaking)(?: news)? story\b|\brefresh (?:this|the) page\b|\breport an (?:error|typo)\b"
        r"|\bsubmit a (?:news )?tip\b|\bclick here\b|\bcontinue reading\b|\bread (?:the )?(?:full|original|more|latest)\b"
        r"|\bfrom wikipedia, the free encyclopedia\b|\[\s*edit\s*\]|\bthis (?:article|story) (?:originally )?(?:appeared|was published)\b"
        r"|\bdownload (?:the )?(?:pdf|attachment)\b|\bprinter[- ]friendly\b|\bfor immediate release\b"
        r"|\bread more (?:top )?(?:trending )?stories\b|\bwe want to hear from you\b|\bsend (?:us )?your (?:photos|videos|news tips)\b"
        r"|\bcomments? (?:are|is) (?:closed|moderated)\b|\bpost a comment\b|\bleave a comment\b|\bview comments\b",
        _I,
    ),
)

# Labels of links, which scrapes glue to the text around them: "Read More A spokeswoman said …".
LINK_LABEL = Gated(
    ("read", "click", "continue"),
    re.compile(r"\bread (?:more|the full (?:story|article)|full story)\b|\bclick here\b|\bcontinue reading\b", _I),
)

# --- Tip lines ---------------------------------------------------------------------------------
# The appeal stations append to crime stories: "Anyone with information … call Crime Stoppers at
# 713-222-TIPS". Only with a way to call (a number, a tip line, Crime Stoppers): "police asked
# for the public's help" without one is reporting.
TIP_APPEAL = re.compile(
    r"^\W*(?:anyone|if you|you|those|people|persons|residents|witnesses|callers|tipsters|to report|remember|please)\b"
    r"|^\W*(?:call|contact|text|e-?mail|submit)\b",
    _I,
)
TIP_CHANNEL = Gated(
    ("crime", "tip", "call", "hotline", "information", "contact", "text", "submit", "send", "leave"),
    re.compile(
        r"\bcrime ?stoppers\b|\btip ?line\b|\btips? (?:line|app|hotline)\b|\btext [\w ]{0,20}\btips?\b|\b\d{3}-\w{0,4}TIPS\b"
        r"|\bsubmit (?:a )?tips?\b|\bcall\b.{0,80}\d{3}[-.) ]\s*\d{3}[-.\s]\d{4}|\bhotline\b|\binformation\b.{0,80}\bcall\b"
        r"|\bcontact\b.{0,80}\bat\b.{0,10}\d{3}|\b(?:send|submit|leave|text) (?:an? )?(?:\w+ )?tips?\b",
        _I,
    ),
)
# Said only in appeals: "you can remain anonymous", "eligible for a $1,000 reward".
TIP_ONLY = Gated(
    ("anonymous", "eligible"),
    re.compile(
        r"\b(?:you|callers?|tipsters?|informants?) (?:can|may|will)\b.{0,20}\b(?:remain|stay) anonymous\b"
        r"|\beligible for (?:an? )?(?:cash )?(?:reward|\$)",
        _I,
    ),
)

# --- Timestamps ----------------------------------------------------------------------------------
# Words a publication or update stamp may hold besides dates and times: a line made only of them
# (and at least one digit) is a stamp: "Posted: Aug 19, 2013 6:27 PM EDT",
# "Updated 08/20/13 – 4:56 p.m.", "Monday 16 September 2013 03.31 BST", "June 25, 2005".
STAMP_WORDS: frozenset[str] = frozenset(
    {m.lower() for m in MONTHS}
    | {m.lower() for m in MONTH_ABBREVIATIONS}
    | {d.lower() for d in WEEKDAYS}
    | set(
        """
        mon tue tues wed thu thur thurs fri sat sun sept
        posted updated update published created modified release released filed last first on at by am pm
        original post
        a.m p.m a m p
        et est edt ct cst cdt mt mst mdt pt pst pdt gmt bst utc cet cest hst akst akdt ist aest aedt acst awst
        nzst nzdt sast cat eat wat msk jst kst hkt sgt pkt wib ict uk
        today yesterday ago hours hour hrs hr minutes minute mins min seconds day days
        and of the time date
        """.split()
    )
)
STAMP_TOKEN = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+)*\.?|\d+(?:[:./-]\d+)*(?:st|nd|rd|th)?")
# What makes a run of numbers a date or a time rather than a phone or case number: a month or
# weekday name, a time of day ("6:27", "03.31", "9 p.m."), a numeric date ("08/20/13") or a year.
STAMP_ANCHOR = re.compile(
    rf"\b{_MONTH}(?!\w)|\b{_WEEKDAY}(?!\w)|(?<![\d:.])\d{{1,2}}[:.]\d{{2}}(?![\d:.]|\.\d)"
    r"|(?<!\d)\d{1,2}/\d{1,2}(?:/\d{2,4})?(?!\d)|\b(?:19|20)\d\d\b(?!-)|\b\d{1,2}\s*[ap]\.?m\b",
    _I,
)

# --- Separators --------------------------------------------------------------------------------
SEPARATOR = re.compile(r"^[\W_]{3,}$")

# --- Links -------------------------------------------------------------------------------------
URL = Gated(
    ("http", "www.", "/"),
    re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|tv|us|co\.uk)/\S*", _I),
)

# --- Datelines ---------------------------------------------------------------------------------
# "SAN JOSE, Calif. (AP) —", "DETROIT -", "GREENVILLE, PITT COUNTY -", "Las Vegas, NV (KTNV) --":
# where the report was filed. Not furniture (the places stage reads the event's place from it),
# and never taken for a headline. Case-sensitive: the place is in capitals, or a capitalised
# name followed by the outlet in parentheses.
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.'’ ]{1,25})?\s*(?:\([\w .&'’-]{1,30}\))?"
    r"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*,\s*[A-Z][\w.]{1,15}\s*\([\w .&'’-]{1,30}\))\s*(?:--|[—–-]|:)"
)

# --- Line shape ----------------------------------------------------------------------------------
# Small words a Title Case headline leaves in lower case.
TITLE_CASE_SMALL: frozenset[str] = frozenset(
    "a an the and but or nor for so yet of in on at to by up as from with into onto over off via vs v is are be "
    "was were its per than after before out".split()
)
# A line that ends with one of these words was cut off in the middle of a sentence, not a headline.
DANGLING: frozenset[str] = frozenset(
    "a an the and but or nor of in on at to by as from with into that which who whose than for is are was were "
    "be been has have had his her their its our my your this these those".split()
)
# User-interface glyphs a scrape leaves in front of a headline: close buttons, play arrows, bullets.
UI_GLYPHS = "×✕✖▶►▸‹›«»•·●■□▪◆◇→←↑↓"
