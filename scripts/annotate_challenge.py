"""Build fixtures/challenge/flat.jsonl from the article files and the hand-written table below.

Usage: python scripts/annotate_challenge.py [--check]

Offsets are never typed: each quote and mention is located by exact substring. A locator is
either the exact text (it must occur once), a context string with the target in ⟦…⟧ (the
context must occur once), or for a multi-paragraph quote a (first words, last words) pair.
A mention is located the same way, taking the occurrence nearest the quote. `--check` fails
(exit 1) when the committed flat.jsonl differs from what the table builds.

Gold conventions (see fixtures/challenge/README.md): a quote's span is the content inside its
marks; the speaker is the canonical full name, an organisation's name, a plain description for
an unnamed group ("prosecutors"), "anonymous" for an unnamed person, or None; the mention of a
named speaker is a mention of the NAME (for a pronoun or a role, its antecedent), so pronoun
and role resolution are checked by the name; the mention of an anonymous speaker is the
description itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "challenge"
OPENERS = "“\"‘'«„‚‹"
CLOSERS = "”\"’'»“‘›"
A = "anonymous"

# file -> (quotes, not_speech). Quote: (locator, speaker, mention locator or None, nested).
TABLE: dict[str, tuple[list[tuple], list[tuple[str, str]]]] = {
    "ap_wildfire_alerts.txt": ([
        ("People went to bed thinking they were safe, and they woke up to flames at the end of the street,",
         "Marisol Vance", "Marisol Vance", False),
        ("That is not a technology glitch. That is a failure of government.", "Marisol Vance", "Marisol Vance", False),
        ("reviewing every step of the alert chain", "Office of Emergency Services",
         "The California Governor's Office of Emergency Services", False),
        ("We have been warned about these gaps since 2018,", "Curtis Oyelaran", "⟦Oyelaran⟧ said Tuesday", False),
        ("Nobody should be surprised.", "Curtis Oyelaran", "⟦Oyelaran⟧ said Tuesday", False),
        ("My firefighters are exhausted, but they are not quitting,", "Renata Solis", "Renata Solis", False),
        ("We will be here until the last ember is out.", "Renata Solis", "Renata Solis", False),
        ("cooperating fully", A, "A county spokesperson", False),
        ("If Gary hadn't knocked, I wouldn't be here,", "Tom Whitlock", "⟦Whitlock⟧ said.", False),
        ("The phone never made a sound.", "Tom Whitlock", "⟦Whitlock⟧ said.", False),
        ("It was a human error, and I own it,", "Paul Hendricks", "⟦Hendricks⟧ said.", False),
        ("hadn't been updated since the '90s.", "Paul Hendricks", "⟦Hendricks⟧ said.", False),
    ], []),
    "nyt_library_fight.txt": ([
        ("I never imagined I would be testifying about a library,", "Margaret Osei", "Margaret Osei", False),
        ("But here we are.", "Margaret Osei", "Margaret Osei", False),
        ("Nobody on this board wants to close a library,", "Harold Brandt", "⟦Mr. Brandt⟧, a Republican", False),
        ("But I cannot print money.", "Harold Brandt", "⟦Mr. Brandt⟧, a Republican", False),
        ("We are a rounding error in the state budget,", "Janet Kwiatkowski",
         "⟦Ms. Kwiatkowski⟧ said the meeting", False),
        ("That is both the problem and the opportunity.", "Janet Kwiatkowski",
         "⟦Ms. Kwiatkowski⟧ said the meeting", False),
        ("She said, ‘Dad, people will give if you ask them,’ and she was right,", "Alan Pruitt",
         "⟦Mr. Pruitt⟧ said he got", False),
        ("Dad, people will give if you ask them,", A, "his daughter", True),
        ("a lot of fat", "Deborah Lyle", "Deborah Lyle", False),
        ("Every dollar is accounted for,", "Janet Kwiatkowski", "⟦Ms. Kwiatkowski⟧ said that was untrue", False),
        ("I hope so,", "Harold Brandt", "⟦Mr. Brandt⟧ said the commission would", False),
    ], [("Books Not Budget Cuts.", "title (slogan on buttons)")]),
    "british_rail_strike.txt": ([
        ("We will not back down,", "Bernadette Coyle", "⟦Bernadette Coyle⟧ told the BBC", False),
        ("We will not back down. Our members have had a real-terms pay cut of 12 per cent since 2021, "
         "and they are not prepared to accept another one.", "Bernadette Coyle", "⟦Bernadette Coyle⟧ told the BBC", False),
        ("refused to even pick up the phone", "Bernadette Coyle", "⟦Bernadette Coyle⟧ told the BBC", False),
        ("deeply disappointing", "Northline", "⟦Northline⟧ said the strike", False),
        ("return to the table", "Northline", "⟦Northline⟧ said the strike", False),
        ("We have made a fair offer of 4.5 per cent, which is more than most of our competitors. "
         "We remain ready to talk at any time.", "Northline", "⟦Northline⟧ said the strike", False),
        ("This is a matter for the company and its employees. I would urge both sides to get round the table.",
         "Giles Pemberton", "Giles Pemberton", False),
        ("I support the workers, I really do,", "Priya Chandrasekar", "Priya Chandrasekar", False),
        (("But I’ve got a mortgage", "at my desk by nine o’clock."), "Priya Chandrasekar", "Priya Chandrasekar", False),
        ("sitting on its hands", "Owen Fairclough", "Owen Fairclough", False),
        ("Ministers have known about this for months,", "Owen Fairclough", "Owen Fairclough", False),
        ("They have chosen to do nothing.", "Owen Fairclough", "Owen Fairclough", False),
        ("Most of us have families. We can’t do this for ever,", A, "One signaller", False),
        ("Ninety-one per cent voted for this strike,", "Bernadette Coyle", "⟦Ms Coyle⟧ dismissed", False),
        (("That’s not a divided union", "every family on this line saying enough."), "Bernadette Coyle",
         "⟦Ms Coyle⟧ dismissed", False),
    ], [("industrial action", "scare")]),
    "guardian_temp_housing.txt": ([
        ("of ‘⟦perfect storm⟧’", "councils", "⟦Councils⟧ warn", False),
        ("close to breaking point", A, "as ⟦officials⟧ warned", False),
        ("a perfect storm of rising rents, frozen housing benefit and a chronic shortage of social homes",
         "Shaun Mbeki-Ross", "Shaun Mbeki-Ross", False),
        ("We are spending money we do not have on accommodation that is often unsuitable, and it is families "
         "who pay the price,", "Shaun Mbeki-Ross", "Shaun Mbeki-Ross", False),
        ("Some children are sharing a single room with three siblings for months at a time.",
         "Shaun Mbeki-Ross", "Shaun Mbeki-Ross", False),
        ("We are determined to end the use of B&Bs for families and have given councils £1bn this year to "
         "tackle homelessness.", A, "A spokesperson for the Ministry of Housing, Communities and Local Government",
         False),
        ("a national disgrace", "Polly Nakamura", "Polly Nakamura", False),
        (("Behind every one of these numbers", "the other side of town,"), "Polly Nakamura", "Polly Nakamura", False),
        ("My son asks me every night, ‘When are we going home?’ I don’t have an answer,", "Amira",
         "first name, ⟦Amira⟧", False),
        ("When are we going home?", A, "My son", True),
        ("lost control", "Ruth Adeyemi-Clarke", "Ruth Adeyemi-Clarke", False),
        ("Fourteen years of failure, and children are paying for it.", "Ruth Adeyemi-Clarke",
         "Ruth Adeyemi-Clarke", False),
    ], [("Temporary Fixes, Permanent Damage", "title")]),
    "french_rentals_guillemets.txt": ([
        ("We cannot have entire neighbourhoods in Paris, Marseille or Annecy emptied of the people who work there,",
         "Claire Delaunay", "Claire Delaunay", False),
        ("A city is not a hotel.", "Claire Delaunay", "Claire Delaunay", False),
        ("They have agreed to the principle. The details, as always, are where we will disagree.",
         "Claire Delaunay", "⟦Delaunay⟧, a former mayor", False),
        ("shares the goal of making housing more affordable", "Airbnb", "⟦Airbnb⟧ said in a statement", False),
        ("hurt families who rely on renting their homes to make ends meet.", "Airbnb",
         "⟦Airbnb⟧ said in a statement", False),
        (" In summer, one flat in four in the old town is rented to tourists, ", "Jean-Baptiste Morel",
         "Jean-Baptiste Morel", False),
        (" Our teachers and nurses live 40 kilometres away. ", "Jean-Baptiste Morel", "Jean-Baptiste Morel", False),
        ("a punishment for ordinary people", "Union of Tourist Rental Hosts", "Union of Tourist Rental Hosts", False),
        ("We are not speculators,", "Sylvie Arnaud", "Sylvie Arnaud", False),
        ("We are pensioners with a spare room.", "Sylvie Arnaud", "Sylvie Arnaud", False),
        ("between 20,000 and 30,000 homes", "Thomas Veil", "Thomas Veil", False),
        ("not a silver bullet", "Thomas Veil", "Thomas Veil", False),
    ], []),
    "german_emissions_court.txt": ([
        ("knowingly and systematically deceived", "Annegret Vossberg", "Annegret Vossberg", False),
        ("The defendant did not make a mistake. It made a decision, and it made that decision again and again,",
         "Annegret Vossberg", "Annegret Vossberg", False),
        ("If anyone outside this building sees these numbers, we are finished.", A, "an engineer", False),
        ("We respect the court, but we believe the judgment is wrong in law and in fact,", A,
         "a company spokesman", False),
        ("a victory for every driver who was lied to", "Friedrich Oberhauser", "Friedrich Oberhauser", False),
        ("For eight years my clients were told they were imagining things. Today a judge told them they were right.",
         "Friedrich Oberhauser", "Friedrich Oberhauser", False),
        ("acted with full knowledge of the defeat device and its purpose", "prosecutors",
         "The ⟦prosecutors⟧ said", False),
        ("scapegoat", "Dagmar Stiehl", "Dagmar Stiehl", False),
        ("He was a middle manager who followed instructions. The people who gave those instructions are still "
         "on the board,", "Dagmar Stiehl", "Dagmar Stiehl", False),
        (("One of our members told me:", "about the car in their drive."), "Ute Brandauer", "Ute Brandauer", False),
        ("I feel like a fool for trusting them.", A, "One of our members", True),
    ], []),
    "sports_cup_tie.txt": ([
        ("second best for 45 minutes", "Steve Kettering", "Steve Kettering", False),
        ("I told them at half-time that if we played like that for another 45 we'd be going home with nothing,",
         "Steve Kettering", "Steve Kettering", False),
        ("To their credit, they listened.", "Steve Kettering", "Steve Kettering", False),
        ("It's the best night of my career so far,", "Emeka Okafor", "⟦Okafor⟧, who joined", False),
        ("The lads kept believing, the fans kept singing, and the ball finally went in.", "Emeka Okafor",
         "⟦Okafor⟧, who joined", False),
        ("I've waited six months for that,", "Marcus Odell", "\"Tank\" ⟦Odell⟧ added", False),
        ("I'm not going to sleep tonight.", "Marcus Odell", "\"Tank\" ⟦Odell⟧ added", False),
        ("We should have been three up at half-time,", "Gavin Morrow", "Gavin Morrow", False),
        ("If you don't take your chances at this level, you get punished. Simple as that.", "Gavin Morrow",
         "Gavin Morrow", False),
        ("I've watched it back five times,", "Gavin Morrow", "⟦Morrow⟧ was also unhappy", False),
        ("It's a foul every day of the week.", "Gavin Morrow", "⟦Morrow⟧ was also unhappy", False),
        ("He's entitled to his opinion,", "Steve Kettering", "⟦Kettering⟧ disagreed", False),
        ("I thought it was a great header.", "Steve Kettering", "⟦Kettering⟧ disagreed", False),
        ("Why not? Nobody fancied us tonight.", "Steve Kettering", "⟦Kettering⟧ said:", False),
        ("They were unbelievable,", "Joe Ainsley", "Joe Ainsley", False),
        ("That one's for them.", "Joe Ainsley", "Joe Ainsley", False),
    ], [("Tank", "nickname")]),
    "reuters_treasurer_sentenced.txt": ([
        ("You stole from children,", "Karen Whitfield", "⟦Whitfield⟧ said at the sentencing", False),
        ("Every dollar you took was a textbook that was never bought, a teacher who was never hired.",
         "Karen Whitfield", "⟦Whitfield⟧ said at the sentencing", False),
        ("no genuine remorse", "Megan Castillo", "Megan Castillo", False),
        ("Nobody was watching the store,", "Diane Kessler", "⟦Kessler⟧ also criticized", False),
        ("That does not excuse what my client did, but it explains how she was able to do it for so long.",
         "Diane Kessler", "⟦Kessler⟧ also criticized", False),
        ("I am ashamed of what I did,", "Linda Farrow", "⟦Farrow⟧ addressed the court", False),
        ("I think about those kids every day.", "Linda Farrow", "⟦Farrow⟧ addressed the court", False),
        ("Your remorse is noted, but it came late,", "Karen Whitfield", "⟦Whitfield⟧ said at the sentencing", False),
        ("should send a clear message to anyone entrusted with public money.", "Robert Ngata", "Robert Ngata", False),
        ("working with the state to strengthen our financial controls.", A, "A spokesperson for the school district",
         False),
    ], [("Bright Path Learning", "nickname (a company name)")]),
    "science_deep_microbes.txt": ([
        ("These organisms are living on the energy equivalent of a battery that discharges over millions of years,",
         "Ingrid Halvorsen", "Ingrid Halvorsen", False),
        ("It changes what we think of as a habitable environment.", "Ingrid Halvorsen", "Ingrid Halvorsen", False),
        ("among the slowest ever measured for a living cell,", "researchers", "The ⟦researchers⟧ wrote", False),
        ("We ran the tests three times because we did not believe it,", "Kenji Matsuda", "Kenji Matsuda", False),
        ("Then we ran them a fourth time.", "Kenji Matsuda", "Kenji Matsuda", False),
        ("It's a beautiful piece of work,", "Maria Esposito-Grant", "Maria Esposito-Grant", False),
        ("But I'd want to see these results replicated by another lab before we start rewriting the textbooks.",
         "Maria Esposito-Grant", "Maria Esposito-Grant", False),
        ("every precaution we could think of,", "Ingrid Halvorsen", "⟦Halvorsen⟧ said the team", False),
        (("strengthens the case for looking for life", "no harsher than this."), "Tomas Lindqvist",
         "Tomas Lindqvist", False),
    ], [("breathe", "scare"), ("breathing", "scare"), ("Life at the Limit", "title")]),
    "reuters_earnings_call.txt": ([
        ("The consumer is under pressure, and we are seeing it in our volumes,", "Jane Roe", "Jane Roe", False),
        ("We are not going to chase volume with promotions that destroy value.", "Jane Roe", "Jane Roe", False),
        ("We have hedged about half of our cocoa needs for the rest of the year,", "Amit Deshpande",
         "Amit Deshpande", False),
        ("The other half is exposed to whatever the market does.", "Amit Deshpande", "Amit Deshpande", False),
        ("This is a company that has been cutting costs for five years,", "Laura Mbatha", "Laura Mbatha", False),
        ("At some point you have to ask whether the brands themselves are the problem.", "Laura Mbatha",
         "Laura Mbatha", False),
        ("always reviewing the portfolio", "Jane Roe", "⟦Roe⟧ said the company was", False),
        ("We like the business. We think it has a role to play,", "Jane Roe", "⟦Roe⟧ said the company was", False),
        ("confident in the long-term strength of our brands.", "Brightwater Foods", "⟦Brightwater⟧'s shares",
         False),
    ], []),
    "feature_last_ferryman.txt": ([
        ("When I started, you'd have the postman, the doctor, the children going to school, sheep, sometimes a "
         "coffin,", "Duncan MacAulay", "Duncan MacAulay", False),
        (("Everything that mattered on the island", "nobody has written down what it is."), "Duncan MacAulay",
         "Duncan MacAulay", False),
        (("The council has spent eleven years", "first in the queue to drive across it,"), "Fiona Gillies",
         "Fiona Gillies", False),
        ("My mother needed an ambulance in 2019 and the ferry wasn't running because of the wind,",
         "Fiona Gillies", "⟦Gillies⟧ said islanders", False),
        ("She waited four hours. That's why we need the bridge.", "Fiona Gillies", "⟦Gillies⟧ said islanders", False),
        ("She's right,", "Duncan MacAulay", "⟦MacAulay⟧ does not argue", False),
        ("I'd have built it myself if they'd asked me.", "Duncan MacAulay", "⟦MacAulay⟧ does not argue", False),
        ("But you'll not get a cup of tea on a bridge.", "Duncan MacAulay", "⟦MacAulay⟧ does not argue", False),
        ("proud of the service and the people who ran it for so long.", A, "A spokesman", False),
        ("The quiet,", "Duncan MacAulay", "⟦MacAulay⟧ plans", False),
        ("And the people. Mostly the people.", "Duncan MacAulay", "⟦MacAulay⟧ plans", False),
    ], []),
    "liveblog_storm.txt": ([
        ("as \"⟦like a war zone⟧\"", "Aoife Brennan", "Aoife Brennan", False),
        ("There are trees down on every road, the sea wall has been breached in two places and we have houses with "
         "water up to the windowsills,", "Aoife Brennan", "Aoife Brennan", False),
        ("I've lived here since the '90s and I've never seen anything like it.", "Aoife Brennan", "Aoife Brennan",
         False),
        ("Crews are working in extremely dangerous conditions. Please stay away from fallen lines and report them "
         "on 1800 372 999.", "Electricity Supply Board", "Electricity Supply Board", False),
        ("Please do not travel unless it is absolutely necessary. The next few hours are critical,",
         "Declan Fitzmaurice", "Declan Fitzmaurice", False),
        ("Look out for your neighbours, especially older people living alone.", "Declan Fitzmaurice",
         "Declan Fitzmaurice", False),
        ("We expect conditions to ease from the west after about six o'clock this evening, but the danger is not "
         "over,", "Evelyn Costigan", "Evelyn Costigan", False),
        ("second sting", "Evelyn Costigan", "⟦Costigan⟧ warned", False),
        ("The river came over the bridge at about noon. I've never seen it that high,", A, "A reader in Clifden",
         False),
        ("The safety of students and staff must come first,", A, "a department spokesperson", False),
    ], [("It's like a war zone", "title (key-events menu line)"),
        ("We were never told", "title (related-link headline)")]),
    "culture_velvet_parade.txt": ([
        ("They were the band your favourite band listened to,", "Ruth Kilbride", "Ruth Kilbride", False),
        ("Everybody from Manchester to Glasgow had a cassette of that first album, usually a copy of a copy.",
         "Ruth Kilbride", "Ruth Kilbride", False),
        ("I thought she was selling something,", "Declan Moorcroft", "⟦Moorcroft⟧, now 63", False),
        ("Turned out she was – she was selling me my own life story.", "Declan Moorcroft", "⟦Moorcroft⟧, now 63",
         False),
        ("We didn’t want to be famous. We wanted to be good,", "Declan Moorcroft", "⟦Moorcroft⟧ is candid", False),
        ("Those turned out to be very different jobs.", "Declan Moorcroft", "⟦Moorcroft⟧ is candid", False),
        ("gobsmacked", "Simone Achterberg", "Simone Achterberg", False),
        ("My students have started asking me for lessons on James’ old songs,", "Simone Achterberg",
         "Simone Achterberg", False),
        ("That’s the strangest thing in the world.", "Simone Achterberg", "Simone Achterberg", False),
        ("Ask me again in another 40 years.", "Declan Moorcroft", "⟦Moorcroft⟧ laughs", False),
    ], [("Glass Houses on Fire", "title"), ("“⟦Parade’s End: The Velvet Parade Story⟧”", "title"),
        ("Dex", "nickname"), ("Sticks", "nickname"), ("Listen to the Parade", "ui (banner)"),
        ("Save to Library", "ui"), ("\n“⟦Parade’s End⟧” is published", "title")]),
    "ap_ceasefire_sources.txt": ([
        ("Both sides came in with lists, and the lists don't match,", A, "one Western diplomat", False),
        ("Nobody is walking away, but nobody is moving either.", A, "one Western diplomat", False),
        ("anyone with blood on their hands.", A, "A senior Arvenian official", False),
        ("a provocation.", A, "Another official", False),
        ("Progress is rarely a straight line,", "Helga Strandberg", "Helga Strandberg", False),
        ("We will be back at the table tomorrow.", "Helga Strandberg", "Helga Strandberg", False),
        ("playing games with people's lives.", "Rustam Beridze", "Rustam Beridze", False),
        ("Our list has not changed. Theirs has. Let the world judge who is negotiating in good faith.",
         "Rustam Beridze", "Rustam Beridze", False),
        ("sprung on us at midnight.", A, "A source close to the Arvenian delegation", False),
        ("encouraged that both parties remain at the table.", "State Department", "U.S. ⟦State Department⟧ said",
         False),
        ("The mood is bad,", A, "one of them", False),
        ("Worse than last week.", A, "one of them", False),
        ("I just want to hear his voice,", "Natia Orbeli", "⟦Natia⟧, said", False),
    ], []),
    "bakery_reopens.txt": ([
        ("We are,", "Rosa Lindqvist-Amari", "⟦Rosa Lindqvist-Amari⟧ found", False),
        ("not going anywhere. That box survived, and so did we.", "Rosa Lindqvist-Amari",
         "⟦Rosa Lindqvist-Amari⟧ found", False),
        ("They kept losing the paperwork,", "Joanne Feld", "⟦Feld⟧, a former accountant", False),
        ("At one point I started sending everything twice, just to be safe.", "Joanne Feld",
         "⟦Feld⟧, a former accountant", False),
        ("Joanne did the boring, heroic stuff,", "Rosa Lindqvist-Amari", "⟦Lindqvist-Amari⟧ credited", False),
        ("I just baked bread in my sister’s kitchen and sold it out of the back of a van.", "Rosa Lindqvist-Amari",
         "⟦Lindqvist-Amari⟧ credited", False),
        ("I’ve been coming here since I was a kid,", "Marcus Bell", "Marcus Bell", False),
        ("When I saw the pictures after the storm, I thought, ‘That’s it, it’s gone.’ And now look.",
         "Marcus Bell", "Marcus Bell", False),
        ("That’s it, it’s gone.", "Marcus Bell", "Marcus Bell", True),
        ("the best in the state, no contest.", "Marcus Bell", "⟦Bell⟧ said the bakery", False),
        ("Don’t print that,", "Marcus Bell", "⟦Bell⟧ said the bakery", False),
        ("My mother makes cinnamon rolls.", "Marcus Bell", "⟦Bell⟧ said the bakery", False),
        ("a sign that Mill Street is coming back.", "Tom Hadley", "Tom Hadley", False),
        ("I’m 71,", "Walter Briggs", "Walter Briggs", False),
        ("I don’t know if I have another rebuild in me.", "Walter Briggs", "Walter Briggs", False),
        ("My grandmother would have hated all this fuss,", "Rosa Lindqvist-Amari", "⟦Lindqvist-Amari⟧ was handing",
         False),
        ("She’d have told everybody to stop taking pictures and buy some bread.", "Rosa Lindqvist-Amari",
         "⟦Lindqvist-Amari⟧ was handing", False),
    ], []),
    "local_tv_record_shop.txt": ([
        ("By the time the first engine arrived, the roof was fully involved,", "Rick Antonelli", "Rick Antonelli",
         False),
        ("There was nothing we could do to save the structure.", "Rick Antonelli", "⟦Antonelli⟧ said.", False),
        ("Some of those records, there's maybe ten copies left in the world,", "Lou Delacroix",
         "⟦Delacroix⟧ said.", False),
        ("You can't replace that. You can't call a warehouse and order more.", "Lou Delacroix",
         "⟦Delacroix⟧ said.", False),
        ("Lou sold me my first album when I was 12 - it was 'Born to Run,' and I still have it,",
         "Jenny Kowalczyk", "Jenny Kowalczyk", False),
        ("He's given this town so much. It's our turn.", "Jenny Kowalczyk", "Jenny Kowalczyk", False),
        ("but not like this.", "Michelle Delacroix", "⟦Michelle⟧, said", False),
        ("where I learned everything I know about music.", "Tyrell Banks", "Tyrell Banks", False),
        ("I spent every Saturday in James' car driving out there with $5 in my pocket,", "Tyrell Banks",
         "⟦Banks⟧ wrote", False),
        ("Rest easy, Groove Street.", "Tyrell Banks", "⟦Banks⟧ wrote", False),
        ("Lou has been part of this community for 45 years,", "Carol Lindahl", "Carol Lindahl", False),
        ("We're going to help him come back.", "Carol Lindahl", "Carol Lindahl", False),
    ], [("Born to Run,", "title")]),
    # -- second batch, written after the first round of fixes as a fresh check --------------
    "uk_commons_vote.txt": ([
        ("cruel and incoherent", "Rachel Ashworth", "Rachel Ashworth", False),
        ("Today we can give dying people a choice they have been denied for too long,", "Rachel Ashworth",
         "Rachel Ashworth", False),
        ("This is about dignity at the end of life, nothing more and nothing less.", "Rachel Ashworth",
         "Rachel Ashworth", False),
        ("a duty to die", "Geoffrey Bannerman", "Geoffrey Bannerman", False),
        ("I have sat with hundreds of dying patients,", "Geoffrey Bannerman", "Geoffrey Bannerman", False),
        ("Not one of them asked me to kill them. Many of them asked me not to leave them alone.",
         "Geoffrey Bannerman", "Geoffrey Bannerman", False),
        ("works in practice", "Imran Qureshi", "⟦Mr Qureshi⟧ said", False),
        ("He begged me to help him and I couldn’t,", "Margaret Howe", "Margaret Howe", False),
        ("Nobody should have to go through that.", "Margaret Howe", "Margaret Howe", False),
        ("frightened", A, "A disability rights campaigner", False),
        ("People like me will be the first to be pressured,", A, "A disability rights campaigner", False),
        ("a long road ahead", "Rachel Ashworth", "⟦Ms Ashworth⟧ said", False),
    ], []),
    "tech_phone_launch.txt": ([
        ("This is the most important product we have launched in a decade,", "Priya Venkataraman",
         "Priya Venkataraman", False),
        ("We didn't just want to make a phone that folds. We wanted to make one people would actually carry.",
         "Priya Venkataraman", "Priya Venkataraman", False),
        ("The hardware is genuinely impressive, but Orbitel has launched good phones before and still lost share,",
         "Ben Takahashi", "Ben Takahashi", False),
        ("early adopters and people who lose bets.", "Ben Takahashi", "Ben Takahashi", False),
        ("a slow-motion retreat", "Carl Dressler", "⟦Dressler⟧ called", False),
        ("I read every letter our shareholders send us,", "Priya Venkataraman", "⟦Venkataraman⟧ smiled", False),
        ("Some of them I read twice.", "Priya Venkataraman", "⟦Venkataraman⟧ smiled", False),
        ("Any assistant that is always listening is a privacy risk, no matter where the data goes,",
         "Hannah Oduya", "Hannah Oduya", False),
        ("does not sell personal data and never will.", A, "An Orbitel spokesman", False),
    ], [("called \"⟦Juno⟧\"", "nickname (a product name)"), ("Hey Juno", "ui (a wake word)"), ("the \"⟦Ask⟧\" button", "ui")]),
    "who_outbreak.txt": ([
        ("serious risk", "World Health Organization", "⟦WHO⟧ warns", False),
        ("We are facing a perfect storm of conflict, flooding and underfunded health systems,", "Amara Nwosu",
         "Amara Nwosu", False),
        ("Cholera is a disease of poverty, and it is thriving.", "Amara Nwosu", "Amara Nwosu", False),
        ("before the rainy season makes a bad situation catastrophic.", "Amara Nwosu", "⟦Nwosu⟧ said the agency",
         False),
        ("It is not ideal. One dose protects for a shorter time,", "Felipe Arriaga", "Felipe Arriaga", False),
        ("But half a shield is better than no shield.", "Felipe Arriaga", "Felipe Arriaga", False),
        ("We had 60 people lying outside the tent last night,", "Grace Achieng", "Grace Achieng", False),
        ("We ran out of drip bags by midnight.", "Grace Achieng", "Grace Achieng", False),
        ("working around the clock", "Kenyan health ministry", "The Kenyan health ministry", False),
        ("Everyone agrees it's urgent. Nobody wants to go first,", A, "A diplomat familiar with the donor discussions",
         False),
    ], []),
    "obituary_poet.txt": ([
        ("She wrote about loss as if it were weather — something that simply arrived, and had to be lived through,",
         "Declan O’Rourke", "Declan O’Rourke", False),
        ("Nobody else sounded like her.", "Declan O’Rourke", "Declan O’Rourke", False),
        ("on the backs of delivery dockets, between shifts.", "Mairead Quigley", "⟦Ms. Quigley⟧ left school", False),
        ("Because the sea is here,", "Mairead Quigley", "⟦Ms. Quigley⟧ left school", False),
        ("And because Dublin would have made me clever, and I didn’t want to be clever. I wanted to be right.",
         "Mairead Quigley", "⟦Ms. Quigley⟧ left school", False),
        ("a voice of the western edge, unflinching and tender.", "Michael Ryan", "Michael Ryan", False),
        ("She was still correcting my commas,", "Seamus Keane", "Seamus Keane", False),
        ("She told me, ‘A comma is a breath. Don’t waste them.’", "Seamus Keane", "Seamus Keane", False),
        ("A comma is a breath. Don’t waste them.", "Mairead Quigley", "⟦Ms. Quigley⟧ left school", True),
    ], [("Low Tide", "title"), ("The Drowned Field,", "title")]),
}


def _find_all(text: str, s: str) -> list[int]:
    out, i = [], text.find(s)
    while i != -1:
        out.append(i)
        i = text.find(s, i + 1)
    return out


def _locate(text: str, loc: str | tuple[str, str], near: int | None = None) -> tuple[int, int]:
    """Offsets of a locator (exact text, context with ⟦target⟧, or a (first, last) pair)."""
    if isinstance(loc, tuple):
        first, last = loc
        (s,) = [_locate(text, first)[0]]
        e = text.find(last, s)
        assert e != -1, f"end {last!r} not found after {first!r}"
        return s, e + len(last)
    if "⟦" in loc:
        pre, rest = loc.split("⟦", 1)
        target, post = rest.split("⟧", 1)
        ctx = pre + target + post
        hits = _find_all(text, ctx)
        offset = len(pre)
    else:
        hits = _find_all(text, loc)
        target, offset = loc, 0
    assert hits, f"{loc!r} not found"
    if near is None:
        assert len(hits) == 1, f"{loc!r} occurs {len(hits)} times: add context"
        at = hits[0]
    else:
        at = min(hits, key=lambda h: abs(h - near))
    return at + offset, at + offset + len(target)


def build() -> list[dict]:
    """Every article with its located gold quotes and not-speech spans."""
    lines = []
    for name, (quotes, not_speech) in sorted(TABLE.items()):
        text = (HERE / name).read_text(encoding="utf-8")
        gold = []
        for loc, speaker, mention, nested in quotes:
            s, e = _locate(text, loc)
            assert text[s - 1] in OPENERS, f"{name}: no opening mark before {loc!r}"
            assert e < len(text) and text[e] in CLOSERS, f"{name}: no closing mark after {loc!r}"
            ms = me = None
            if mention is not None:
                ms, me = _locate(text, mention, near=s)
            gold.append({"start": s, "end": e, "text": text[s:e], "speaker": speaker, "speaker_start": ms,
                         "speaker_end": me, "direct": True, "relation": None, "turn": None, "nested": nested})
        ns = []
        for loc, why in not_speech:
            s, e = _locate(text, loc)
            assert text[s - 1] in OPENERS and text[e] in CLOSERS, f"{name}: {loc!r} is not inside marks"
            ns.append({"start": s, "end": e, "text": text[s:e], "why": why})
        gold.sort(key=lambda q: q["start"])
        ns.sort(key=lambda n: n["start"])
        lines.append({"id": name, "path": name, "event": name.rsplit(".", 1)[0], "text": text,
                      "quotes": gold, "not_speech": ns})
    return lines


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) fixtures/challenge/flat.jsonl."""
    out = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in build())
    target = HERE / "flat.jsonl"
    if "--check" in argv:
        same = target.exists() and target.read_text(encoding="utf-8") == out
        print("flat.jsonl is up to date" if same else "flat.jsonl is stale: run scripts/annotate_challenge.py")
        return 0 if same else 1
    target.write_text(out, encoding="utf-8")
    n = sum(len(line["quotes"]) for line in build())
    print(f"wrote {target} ({len(TABLE)} articles, {n} quotes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
