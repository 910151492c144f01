"""Vocabulary for attribution: which verbs introduce what someone said or holds, and speaker roles.

Lemmas, lower-case. PolNeAR (the corpus the quotes stage is measured on) annotates reported
beliefs, intentions and findings as well as speech, so the lists go beyond "say".
"""

from __future__ import annotations

# Verbs whose clausal complement (ccomp: "X said (that) ...") is what the subject said or holds.
CLAUSE_CUES: frozenset[str] = frozenset(
    """
    say tell add note state explain claim argue insist believe think deny acknowledge admit
    announce report write tweet post warn suggest answer reply respond recall declare stress
    emphasize emphasise predict vow pledge promise confirm concede contend assert maintain allege
    charge complain caution boast joke quip counter observe remark assure testify reveal disclose
    indicate show find conclude estimate know feel fear worry hope expect agree reckon speculate
    mention acknowledge understand learn hear read suspect doubt guess imagine figure
    continue reiterate repeat point signal hint imply proclaim swear threaten demand ask
    urge recommend propose insinuate lament concede brag retort contend posit theorize
    """.split()
)

# Verbs whose direct object is the content ("denied reports ...", "announced a plan ...").
# The second line are verbs of saying and stance whose object is what was said or backed, as
# PolNeAR annotates them ("mentioned Machado", "endorsed Trump", "expressed concern about ...",
# "echoed the call", "detailed his plan", "invoked the phrase"). Chosen on PolNeAR dev with
# bench_quotes.py: together their new quotes were 44 right of 57 and found 25 more attributions on
# the even documents, 11 on the odd; attack, offer, tout, accuse, defend, promote, raise, release
# and accept were tried and left out (under 60% of their quotes right).
OBJECT_CUES: frozenset[str] = frozenset(
    """
    deny acknowledge admit announce confirm cite propose support oppose criticize criticise
    condemn question reject dispute predict welcome demand blame praise dismiss describe
    mention note stress endorse discuss express reference highlight echo detail invoke
    """.split()
)

# Verbs whose infinitive/gerund complement (xcomp) is an intention or stance ("wants to ...",
# "vowed to ...", "acknowledged losing ...").
XCOMP_CUES: frozenset[str] = frozenset(
    """
    want vow pledge promise threaten refuse decline agree propose intend hope plan urge
    acknowledge admit deny demand ask call encourage
    """.split()
)

# "called for X", "pointed to X": verb + preposition whose object is the content.
PREP_CUES: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "point": frozenset({"to"}),
    "warn": frozenset({"of", "about", "against"}),
    "argue": frozenset({"for", "against"}),
    "push": frozenset({"for"}),
}

# Cues whose object is the person or outlet addressed, not the content ("told Reuters ...").
ADDRESSEE_CUES: frozenset[str] = frozenset({"tell", "inform", "assure", "warn", "remind", "promise", "ask", "urge"})

# Verbs that, after a closing quotation mark, attribute the quote even when the parser does not
# link them to it ("'...,' he said." / "'...,' she wrote on Twitter.").
QUOTE_CUES: frozenset[str] = CLAUSE_CUES | frozenset(
    """
    shout yell scream whisper mutter exclaim chant sing cry plead insist snap laugh sigh
    begin go ask wonder interject muse tweet text email
    """.split()
)

# Nouns that name a role and that an article attaches to a name ("the provincial governor",
# "spokesman Fawad Aman"), so a later "the governor said" can be resolved to the name.
ROLES: frozenset[str] = frozenset(
    """
    governor spokesman spokeswoman spokesperson commander minister president secretary senator
    chairman chairwoman chair director chief official mayor leader ambassador general colonel
    candidate nominee judge prosecutor attorney lawyer sheriff officer captain lieutenant
    representative congressman congresswoman lawmaker adviser advisor aide manager strategist
    ceo founder head premier chancellor king queen prince sergeant deputy envoy analyst
    professor economist researcher pollster executive diplomat superintendent inspector
    """.split()
)

# Pronouns that stand for a single person and are resolved to the last named speaker.
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})

# Nouns for one person who may speak or be spoken of: a "he"/"she" can stand for "the mother of
# the boys" or "a witness" as well as for a name (the pronoun's antecedent in the quotes stage).
PERSON_NOUNS: frozenset[str] = frozenset(
    """
    man woman boy girl teen teenager person victim child mother father son daughter wife husband
    brother sister friend neighbor neighbour resident witness survivor relative cousin uncle aunt
    niece nephew grandmother grandfather grandson granddaughter parent guy lady gentleman student
    teacher pastor priest reverend doctor nurse owner driver passenger employee worker guard
    photographer reporter correspondent journalist actor actress singer player coach fan
    suspect defendant gunman shooter detective investigator trooper deputy firefighter medic
    paramedic dispatcher caller publicist insurer veteran customer clerk manager bystander
    """.split()
)

# Words that tell a person's gender, for matching "he"/"she" to the right antecedent: honorifics
# in front of a name and nouns for the person ("Ms. Banks", "the mother of ...", "spokeswoman").
FEMALE_WORDS: frozenset[str] = frozenset(
    """
    ms ms. mrs mrs. miss woman girl mother daughter wife sister aunt niece grandmother
    granddaughter lady actress spokeswoman chairwoman congresswoman businesswoman policewoman
    queen princess mom mum girlfriend widow stepmother
    """.split()
)
MALE_WORDS: frozenset[str] = frozenset(
    """
    mr mr. man boy father son husband brother uncle nephew grandfather grandson guy gentleman
    actor spokesman chairman congressman businessman policeman king prince dad boyfriend widower
    stepfather
    """.split()
)

# Titles that the small model takes for a name of their own when abbreviated ("Det. Patrick
# Michaud" parsed as the PERSON "Det" followed by "Patrick Michaud").
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    "det sgt lt capt cpl ofc gov sen rep dr mr mrs ms gen col maj insp supt cmdr atty rev prof".split()
)
