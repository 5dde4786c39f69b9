"""A hold's two forms (handouts/editing/hold_forms.py): the short text made into the mapping and back, each pair
written out; a hold mapping the short text cannot say; a long text with paragraphs written as a literal block
whose long lines are wrapped (handouts/editing/values.py); a mapping asked for in block style stays so."""

from __future__ import annotations

import io

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from handouts.editing import hold_forms
from handouts.editing.values import styled

PAIRS = [
    ("10 cycles", {"cycles": 10}),
    ("1 breath", {"breaths": 1}),
    ("3-5 breaths", {"breaths": [3, 5]}),
    ("30 s", {"seconds": 30}),
    ("2 min", {"minutes": 2}),
    ("0.5-2 min", {"minutes": [0.5, 2]}),
    ("10 reps", {"reps": 10}),
    ("5 circles each way", {"circles": 5, "each_way": True}),
    ("3 x 30 s", {"reps": 3, "seconds": 30}),
    ("3 x 5 breaths", {"reps": 3, "breaths": 5}),
    ("as long as you like", {"as_long_as_you_like": True}),
]


@pytest.mark.parametrize(("text", "mapping"), PAIRS)
def test_the_short_text_and_the_mapping_each_made_from_the_other(text, mapping) -> None:
    assert hold_forms.mapping(text) == mapping
    assert hold_forms.text({**mapping, "breath": "slowly"}) == text


def test_a_range_across_units_comes_back_in_minutes() -> None:
    assert hold_forms.mapping("30 s - 2 min") == {"minutes": [0.5, 2]}


def test_a_text_the_checker_cannot_read_is_refused_in_its_words() -> None:
    with pytest.raises(ValueError, match="unknown unit 'breths' in the hold"):
        hold_forms.mapping("5 breths")


@pytest.mark.parametrize(
    "mapping",
    [{"breath": "slowly"}, {"cycles": 10, "breaths": 5}, {"each_way": True, "breaths": 3}, {"cycles": "ten"}],
)
def test_a_mapping_the_short_text_cannot_say(mapping) -> None:
    assert hold_forms.text(mapping) is None


def dumped(key: str, value: object) -> str:
    document = CommentedMap()
    document[key] = styled(key, value, 2)
    out = io.StringIO()
    YAML().dump(document, out)
    return out.getvalue()


def test_a_hold_asked_for_in_block_style_is_written_so() -> None:
    hold = CommentedMap({"cycles": 10, "breath": "exhale lowers, inhale returns"})
    assert dumped("hold", dict(hold)) == "hold: {cycles: 10, breath: 'exhale lowers, inhale returns'}\n"
    hold.fa.set_block_style()
    assert dumped("hold", hold) == "hold:\n  cycles: 10\n  breath: exhale lowers, inhale returns\n"


def test_paragraphs_are_a_literal_block_with_long_lines_wrapped() -> None:
    # lines end before column 110 (WRAP), as in the examples
    first = "Lie on your back with the knees bent. " * 4
    text = first.strip() + "\n\nRest."
    assert dumped("intro", text) == (
        "intro: |\n"
        "  Lie on your back with the knees bent. Lie on your back with the knees bent. Lie on your back with the knees\n"
        "  bent. Lie on your back with the knees bent.\n"
        "\n"
        "  Rest.\n"
    )
