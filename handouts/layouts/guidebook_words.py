"""The guidebook's own words (English): headings, the card marks, the reference and index titles, and the texts
printed when the programme file leaves one out. The words around steps (holds, sides, "Practice log") come from
the handout's labels like every other product's.
"""

from __future__ import annotations

WORDS = {
    "weeks": "Weeks {first}\u2013{last}",
    "week": "Week {first}",
    "contents": "Contents",
    "welcome": "Welcome",
    "contacts": "Who to contact",
    "home_practice": "Setting up your home practice",
    "keeping_log": "Keeping your practice log",
    "keeping_log_default": (
        "At the end of each segment there is a practice log. Tick a day each time you practise, and write a few"
        " words on how it went: what felt easier, what felt hard, anything you want to ask at your next class."
    ),
    "using": "How to use this guidebook",
    "using_text": (
        "The programme runs in segments of a few weeks. Each segment starts with what is new in it, then a"
        " table of its steps and one card for each step. A card marked {new} is new in this segment; one marked"
        " {changed} is done differently from the segment before (a longer hold, another variation or a new"
        " caution). Each card says on which page the pose is described in full, in the pose reference at the"
        " back. The index lists every pose by its English and its Sanskrit name."
    ),
    "new": "NEW",
    "changed": "CHANGED",
    "see_page": "see page {page}",
    "new_this_segment": "New this segment",
    "first_segment": "This is where the programme starts: every step is new to you.",
    "nothing_new": "The same steps as the weeks before: keep practising them.",
    "removed": "No longer practised",
    "this_segment": "This segment at a glance",
    "time": "Each session: {minutes}",
    "progression": "Your programme week by week",
    "progression_intro": (
        "Every step of the programme and how it is practised in each segment; what changes from the weeks before"
        " is in bold."
    ),
    "progression_step": "Step",
    "added": "added",
    "removed_cell": "removed",
    "reference": "Pose reference",
    "reference_intro": "Every pose of the programme, in alphabetical order, with its full description.",
    "also_called": "Also called: {names}",
    "in_weeks": "Practised in: {weeks}",
    "index": "Index of poses",
    "index_english": "English names",
    "index_sanskrit": "Sanskrit names",
    "programme_weeks": "A {weeks}-week home practice programme",
    "practice_log_weeks": "Practice log, {weeks}",
}


def words(key: str, **values) -> str:
    """The guidebook's words for `key`, with `values` filled in."""
    return WORDS[key].format(**values) if values else WORDS[key]


def weeks_label(first: int, last: int) -> str:
    """'Weeks 4-6' (an en dash), or 'Week 7' for a segment of one week."""
    return words("week", first=first) if first == last else words("weeks", first=first, last=last)
