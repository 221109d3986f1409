"""Part-of-speech classes and rule names the rule modules share."""

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})
REL_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# Rules whose claim is the appeal or demand itself.
APPEAL_RULES = frozenset({"demand", "demand-that", "demand-must", "departure", "demand-from"})
