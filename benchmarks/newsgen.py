"""Seeded news articles with the statistics of real news (calibrated on the PolNeAR train split).

In: a number of articles and a seed. Out: plain article strings, the same for the same
arguments. `corpus_stats.py` prints their statistics beside a real corpus's; the figures it
matches are written beside each constant below (real → generated, 840 articles). An article is
a headline and about twenty paragraphs of 1-3 sentences; most paragraphs are narration full of
capitalised names (people, titles, organisations, places), and the rest quote people in the
shapes news uses: after or before the cue, by pronoun, a phrase inside the writer's sentence, a
second quote with no cue, a quote running over paragraphs, titles and scare quotes. Each outlet
uses curly or straight marks throughout. A cast of people, a few of them famous, is shared by
all articles, and a famous person's statements are quoted again by other articles with small
changes, so an archive has variant groups to align. The vocabulary is Zipf-like: common
English words and a long tail of invented ones, so long quotes are distinctive. This module
knows nothing of the `quotes` package.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

_MALE = ["Donald", "Bernie", "Ted", "Marco", "John", "Jeb", "Chris", "Mike", "Paul", "Ben",
         "Newt", "Barack", "Joe", "Kevin", "Mitch", "Tim", "Rand", "Scott", "Martin", "Rick",
         "Antony", "Sergei", "Kofi", "Gareth", "Haruto", "Tomás", "Ahmed", "Luis", "David", "Mark",
         "James", "Robert", "Michael", "William", "Richard", "Thomas", "Charles", "Daniel", "Steven",
         "Andrew", "Brian", "George", "Edward", "Ryan", "Jason", "Eric", "Jonathan", "Frank", "Raj"]  # fmt: skip
_FEMALE = ["Hillary", "Carly", "Nancy", "Elizabeth", "Maria", "Aroha", "Ysolde", "Teodora", "Lena",
           "Nikki", "Sarah", "Susan", "Debbie", "Kellyanne", "Huma", "Jennifer", "Patricia", "Linda",
           "Barbara", "Margaret", "Karen", "Lisa", "Michelle", "Amy", "Kamala", "Dana", "Olena",
           "Ana", "Petra", "Mia", "Miriam", "Sophie", "Claire", "Rachel", "Laura", "Emily", "Grace"]  # fmt: skip
# Hyphens, a curly apostrophe, particles and accents: names that split or end a naive match.
_LAST = ["Trump", "Clinton", "Sanders", "Cruz", "Rubio", "Bush", "Christie", "Pence", "Ryan",
         "Carson", "Gingrich", "Obama", "Biden", "McCarthy", "McConnell", "Kaine", "Paul", "Walker",
         "O’Malley", "Perry", "Blinken", "Zakharova", "Lavrov", "Teviot-Marsh", "Amankwah-Reed",
         "Brannagh", "O’Neill", "Vaskelis", "Haley", "Warren", "Pelosi", "Fiorina", "Wasserman Schultz",
         "Conway", "Abedin", "Mook", "Podesta", "Priebus", "Lewandowski", "Manafort", "Spicer", "Kasich",
         "Huckabee", "Santorum", "Graham", "Jindal", "Pataki", "Webb", "Chafee", "de Blasio", "Cuomo",
         "García", "Nguyen", "Okafor", "Schmidt", "Rossi", "Kowalski", "Johansson", "Dubois", "Murphy",
         "Jenkins", "Patel", "Kim", "Cohen", "Baker", "Reyes", "Hughes", "Foster", "Sullivan", "Price",
         "Bennett", "Wood", "Barnes", "Ross", "Henderson", "Coleman", "Jordan", "Reynolds", "Hamilton",
         "Graves", "Wallace", "West", "Cole", "Hayes", "Bryant", "Gibson", "Ellis", "Stevens", "Murray",
         "Ford", "Marshall", "Owens", "McDonald", "Harrison", "Ruiz", "Kennedy", "Wells", "Alvarez"]  # fmt: skip
_ROLES = ["Sen.", "Gov.", "Rep.", "former Secretary of State", "Democratic presidential candidate",
          "Republican presidential candidate", "House Speaker", "Senate Majority Leader", "Mayor",
          "campaign manager", "spokeswoman", "spokesman", "Attorney General", "Florida Sen.",
          "Ohio Gov.", "Vermont Sen.", "presumptive Republican presidential nominee", "former Gov.",
          "Press Secretary", "White House Press Secretary", "Chairman", "Chief Executive"]  # fmt: skip
_ORGS = ["the White House", "the Justice Department", "the State Department", "Fox News Channel",
         "CNN", "the Republican National Committee", "the Democratic National Committee", "Congress",
         "the Supreme Court", "the Federal Reserve", "the Pentagon", "the Washington Post",
         "the New York Times", "Breitbart News", "the Associated Press", "the FBI", "the Senate",
         "the House Judiciary Committee", "Planned Parenthood", "the National Rifle Association",
         "Goldman Sachs", "the Clinton Foundation", "Politico", "NBC News", "the Wall Street Journal",
         "the Department of Homeland Security", "the European Union", "the United Nations"]  # fmt: skip
_PLACES = ["New York", "Iowa", "New Hampshire", "South Carolina", "Des Moines", "Las Vegas",
           "Washington", "Florida", "Ohio", "Texas", "California", "Nevada", "Syria", "Iraq",
           "Mexico", "China", "Russia", "Paris", "Cleveland", "Philadelphia", "North Carolina",
           "Virginia", "Wisconsin", "Michigan", "Pennsylvania", "Arizona", "Colorado", "Brussels"]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Narration's own verbs: none of them introduces a quote, so narration holds no speech cue.
_ACTS = ["met", "visited", "criticized", "praised", "defeated", "joined", "left", "hired",
         "endorsed", "called for", "campaigned in", "won", "lost", "attacked", "backed", "opposed",
         "supported", "questioned", "challenged", "invited", "thanked", "beat", "trailed", "led"]  # fmt: skip
_VERBS_AFTER = ["said", "said", "said", "said", "told reporters", "added", "told CNN", "wrote",
                "said in a statement", "explained", "argued", "continued", "told Breitbart News",
                "said on Tuesday", "noted", "warned", "insisted", "said at a rally", "tweeted"]  # fmt: skip
_VERBS_BEFORE = ["said", "said", "said", "told reporters", "added", "wrote", "declared",
                 "said in a statement", "told the crowd", "continued", "responded"]  # fmt: skip
_PARTIAL_LEADS = ["said the plan was", "called it", "said he was", "described the deal as",
                  "said the campaign had been", "called the proposal", "promised", "said it was",
                  "dismissed the report as", "warned of", "said voters were", "vowed to"]  # fmt: skip
_FUNCTION = ["the", "the", "the", "of", "to", "and", "a", "in", "that", "is", "for", "on", "it",
             "with", "as", "was", "be", "at", "by", "this", "have", "from", "not", "are", "but",
             "an", "or", "will", "has", "would", "their", "been", "more", "about", "which", "its",
             "had", "were", "after", "also", "can", "could", "than", "all", "over", "into", "what",
             "some", "when", "if", "out", "only", "very", "just", "because", "there", "so", "no"]  # fmt: skip
_CONTENT = ["campaign", "president", "people", "country", "state", "government", "policy",
            "voters", "election", "plan", "law", "money", "years", "tax", "party", "candidate",
            "debate", "issue", "administration", "report", "security", "immigration", "economy",
            "percent", "million", "billion", "support", "nation", "public", "office", "record",
            "war", "deal", "bill", "vote", "jobs", "families", "health", "care", "system", "time",
            "world", "women", "workers", "police", "border", "wall", "trade", "power", "rights",
            "new", "big", "great", "bad", "strong", "political", "federal", "national", "last",
            "first", "many", "american", "foreign", "private", "important", "clear", "real", "whole",
            "make", "take", "want", "know", "think", "get", "need", "believe", "fight", "win",
            "change", "build", "keep", "stop", "help", "pay", "lead", "bring", "protect", "create",
            "going", "never", "again", "today", "now", "back", "still", "really", "always", "every"]  # fmt: skip
_QUOTE_FUNCTION = ["we", "we", "I", "I", "you", "our", "my", "they", "us", "it", "that", "we're",
                   "I’m", "don’t", "can’t", "it’s", "won’t", "going", "to", "the", "a", "and", "is"]  # fmt: skip
_STARTERS = ["The", "But", "In", "A", "It", "That", "This", "On", "After", "For", "And", "Last",
             "Earlier", "According", "While", "As", "Since", "When", "Despite", "Still"]  # fmt: skip
_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "ga", "pe", "zu", "ha", "li",
              "mo", "ba", "ce", "fi", "jo", "ra", "se", "to", "vi", "we", "an", "or", "el", "in"]  # fmt: skip
_TITLES = ["Hannity", "Meet the Press", "Face the Nation", "The Kelly File", "State of the Union",
           "Morning Joe", "The Apprentice", "Fox & Friends", "Special Report", "This Week"]  # fmt: skip
_SCARE = ["compromise", "reform", "moderate", "establishment", "fake news", "safe spaces",
          "political correctness", "rigged", "deplorables", "alt-right", "amnesty"]  # fmt: skip

# The long tail: invented content words, so real-like quotes rarely repeat by chance.
_TAIL = list(dict.fromkeys("".join(random.Random(i).choices(_SYLLABLES, k=3 + i % 2)) for i in range(30000)))
_TAIL_CUM = list(itertools.accumulate(1.0 / (i + 1) ** 0.9 for i in range(len(_TAIL))))


class _Person:
    """One member of the cast: name, gender, title, and statements to be quoted again."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.female = rng.random() < 0.35
        first = rng.choice(_FEMALE if self.female else _MALE)
        # Every member has a name of their own: the first few thousand a real surname, the rest
        # an invented one (spelled from the index), so reuse across articles is popularity only.
        last = _LAST[index % len(_LAST)]
        if index >= len(_LAST) * 12:
            last = "".join(_SYLLABLES[int(d)] for d in _base(index, len(_SYLLABLES))).capitalize()
        self.name = f"{first} {last}"
        self.surname = last
        self.role = rng.choice(_ROLES) if rng.random() < 0.7 else None
        self.statements: list[str] = []

    @property
    def pronoun(self) -> str:
        """The subject pronoun for this person."""
        return "she" if self.female else "he"


def _base(n: int, b: int) -> list[int]:
    """The digits of `n` in base `b`, most significant first (at least two)."""
    digits = []
    while n or len(digits) < 2:
        n, d = divmod(n, b)
        digits.append(d)
    return digits[::-1]


class News:
    """A seeded generator of news articles over one shared cast (sized for `articles`)."""

    # Share of words drawn from the invented tail (the rest are common news words).
    TAIL_SHARE = 0.25
    # A famous person's quote repeats one of their statements this often (with small changes).
    REPEAT = 0.3
    # Statements kept per person: an archive quotes the same lines again and again.
    STATEMENTS = 12

    def __init__(self, articles: int, seed: int, words: int = 720) -> None:
        self.rng = random.Random(seed)
        self.words = words
        # Cast: a few famous people (Zipf among them) take a share of all quotes, the rest come
        # from a crowd eight times the number of articles: 14% of real speakers (of 840
        # articles) are quoted in 2+ articles, and one of them in a fifth of all articles.
        self.crowd = max(60, 8 * articles)
        self.seed = seed
        self.people: dict[int, _Person] = {}

    # Words ---------------------------------------------------------------------------------

    def word(self, quoted: bool = False) -> str:
        """One word: a function word, a common content word, or a tail word."""
        r = self.rng.random()
        if quoted and r < 0.25:
            return self.rng.choice(_QUOTE_FUNCTION)
        if r < 0.5:
            return self.rng.choice(_FUNCTION)
        if r < 0.5 + 0.5 * (1 - self.TAIL_SHARE):
            return self.rng.choice(_CONTENT)
        return self.rng.choices(_TAIL, cum_weights=_TAIL_CUM)[0]

    def words_(self, n: int, quoted: bool = False) -> str:
        """`n` words joined, lower case."""
        return " ".join(self.word(quoted) for _ in range(n))

    def clause(self, lo: int, hi: int, quoted: bool = False) -> str:
        """A capitalised run of `lo`-`hi` words, no final stop."""
        text = self.words_(self.rng.randint(lo, hi), quoted)
        return text[0].upper() + text[1:]

    def statement(self) -> str:
        """A full spoken quote: one or two sentences, no final punctuation on the last."""
        first = self.clause(7, 24, quoted=True)
        if self.rng.random() < 0.3:
            return f"{first}. {self.clause(4, 16, quoted=True)}"
        return first

    # People ---------------------------------------------------------------------------------

    # Share of people picked among the famous, and how many they are.
    FAMOUS_SHARE = 0.3
    FAMOUS = 24
    _FAMOUS_CUM = tuple(itertools.accumulate(1.0 / (i + 1) for i in range(FAMOUS)))

    def person(self) -> _Person:
        """A cast member, the famous ones far more often (each built once, from its index)."""
        if self.rng.random() < self.FAMOUS_SHARE:
            i = self.rng.choices(range(self.FAMOUS), cum_weights=self._FAMOUS_CUM)[0]
        else:
            i = self.rng.randrange(self.crowd)
        if i not in self.people:
            self.people[i] = _Person(random.Random(self.seed * 1_000_003 + i), i)
        return self.people[i]

    def said(self, p: _Person) -> str:
        """What a person says here: a new statement, or one of theirs again with small changes."""
        if p.statements and self.rng.random() < self.REPEAT:
            return self.drift(self.rng.choice(p.statements))
        text = self.statement()
        if len(p.statements) < self.STATEMENTS:
            p.statements.append(text)
        return text

    def drift(self, text: str) -> str:
        """Another outlet's version of a statement: exact, a word dropped or changed, or cut."""
        w = text.split()
        r = self.rng.random()
        if r < 0.45 or len(w) < 6:
            return text
        if r < 0.65:
            del w[self.rng.randrange(1, len(w))]
        elif r < 0.85:
            w[self.rng.randrange(1, len(w))] = self.word(quoted=True)
        else:
            w = w[: self.rng.randint(5, len(w))]
        return " ".join(w)

    def full_name(self, p: _Person, first: bool) -> str:
        """The first mention names and titles a person; later ones use the surname."""
        if not first:
            return p.surname if self.rng.random() < 0.8 else p.name
        return f"{p.role} {p.name}" if p.role and self.rng.random() < 0.6 else p.name

    def mention(self) -> str:
        """A capitalised name in narration: a person, an organisation or a place."""
        r = self.rng.random()
        if r < 0.4:
            return self.person().name
        if r < 0.7:
            return self.rng.choice(_ORGS)
        if r < 0.9:
            return self.rng.choice(_PLACES)
        return self.rng.choice(_DAYS)

    # Paragraphs -----------------------------------------------------------------------------

    def narration(self) -> str:
        """One sentence of narration with names in it (real news: 30 name runs per 1,000 words)."""
        text = self._narration()
        return text[0].upper() + text[1:]

    def _narration(self) -> str:
        r = self.rng.random()
        a, b = self.words_(self.rng.randint(3, 9)), self.words_(self.rng.randint(4, 11))
        who, what = self.mention(), self.mention()
        if r < 0.35:
            return f"{who} {self.rng.choice(_ACTS)} {what} {a} in {self.rng.choice(_PLACES)} {b}."
        if r < 0.6:
            return f"{self.rng.choice(_STARTERS)} {a}, {who} {b} {what}."
        if r < 0.9:
            return f"{self.rng.choice(_STARTERS)} {a} {b} {self.words_(self.rng.randint(2, 6))}."
        return f"{who} {a} {self.rng.choice(_ACTS)} {what} on {self.rng.choice(_DAYS)} {b}."

    def narrative(self) -> str:
        """A paragraph with no quote: one to three sentences."""
        return " ".join(self.narration() for _ in range(self.rng.choices((1, 2, 3), (2, 4, 4))[0]))

    def quoting(self, cast: list[_Person], marks: tuple[str, str, str, str]) -> str:
        """A paragraph that quotes someone of this article, in one of the shapes of news."""
        o, c, so, sc = marks
        rng = self.rng
        new = not cast or rng.random() < 0.17
        p = self.person() if new else rng.choice(cast)
        if new:
            cast.append(p)
        who = self.full_name(p, new)
        if rng.random() < 0.08:  # a quote with no speaker near it (8% of real speech quotes)
            return f"{self.narration()} {o}{self.said(p)}.{c}"
        # After an introduction, a quarter of quotes are credited by pronoun ("he said").
        pron = not new and rng.random() < 0.33
        text = self.said(p)
        shape = rng.random()
        if shape < 0.37:  # a phrase inside the writer's sentence
            phrase = " ".join(text.split()[: rng.randint(2, 8)]).lower()
            subj = p.pronoun.capitalize() if pron else who
            tail = f" {self.words_(rng.randint(2, 8))}" if rng.random() < 0.5 else ""
            return f"{subj} {rng.choice(_PARTIAL_LEADS)} {o}{phrase}{c}{tail}."
        if shape < 0.67:  # quote first, cue after
            verb = rng.choice(_VERBS_AFTER)
            subj = p.pronoun if pron else who
            cue = f"{verb} {subj}" if not pron and rng.random() < 0.3 and " " not in verb else f"{subj} {verb}"
            more = f" {o}{self.said(p)}.{c}" if rng.random() < 0.3 else ""
            return f"{o}{text},{c} {cue}.{more}"
        if shape < 0.9:  # cue first
            subj = p.pronoun.capitalize() if pron else who
            sep = rng.choice((",", ",", ":"))
            return f"{subj} {rng.choice(_VERBS_BEFORE)}{sep} {o}{text}.{c}"
        if shape < 0.95:  # a quote that runs on into the next paragraph
            return f"{who} {rng.choice(_VERBS_BEFORE)}, {o}{text}.\n\n{o}{self.statement()}.{c}"
        nested = " ".join(self.statement().split()[:3]).lower()
        return f"{o}{text}, {so}{nested}{sc} {self.words_(3, True)},{c} {p.pronoun} said."

    def furniture(self, marks: tuple[str, str, str, str]) -> str:
        """Quoted spans that are not speech: a programme title or a scare quote."""
        o, c, _, _ = marks
        if self.rng.random() < 0.5:
            return (f"{self.rng.choice(_DAYS)} on {self.rng.choice(_ORGS)}’s {o}{self.rng.choice(_TITLES)},{c} "
                    f"{self.mention()} {self.rng.choice(_ACTS)} {self.mention()} {self.words_(4)}.")
        return f"{self.rng.choice(_STARTERS)} {self.words_(4)} so-called {o}{self.rng.choice(_SCARE)}{c} {self.words_(5)}."

    def article(self) -> str:
        """One article: a headline and paragraphs until about `words` words (lognormal lengths)."""
        rng = self.rng
        # Real articles: median 580 words, mean 744, a long tail past 4,000.
        target = max(60, int(rng.lognormvariate(0, 0.6) * self.words * 0.84))
        curly = rng.random() < 0.43  # each outlet one style: 43% of real speech quotes are curly
        marks = ("“", "”", "‘", "’") if curly else ('"', '"', "'", "'")
        cast: list[_Person] = []
        paras = [f"{self.mention()} {self.rng.choice(_ACTS)} {self.clause(3, 8).lower()}"]
        length = 0
        while length < target:
            r = rng.random()
            if r < 0.43:
                para = self.quoting(cast, marks)
                if rng.random() < 0.35:  # real quote paragraphs often carry narration too
                    para = f"{self.narration()} {para}" if rng.random() < 0.5 else f"{para} {self.narration()}"
            elif r < 0.465:
                para = self.furniture(marks)
            else:
                para = self.narrative()
            paras.append(para)
            length += para.count(" ") + 1
        return "\n\n".join(paras) + "\n"


def iter_news(articles: int, seed: int, words: int = 720) -> Iterator[str]:
    """`articles` news articles, one at a time (a mean of about `words` words each)."""
    gen = News(articles, seed, words)
    for _ in range(articles):
        yield gen.article()


def news_articles(articles: int, seed: int, words: int = 720) -> list[str]:
    """`articles` news articles as a list."""
    return list(iter_news(articles, seed, words))
