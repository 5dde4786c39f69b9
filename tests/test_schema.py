"""The JSON Schemas shipped for editors: generated from the same definitions the validator uses."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import CASES, ROOT

from handouts.reading.library import builtin_files
from handouts.reading.schema import json_schemas

SCHEMAS = json_schemas()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_committed_schema_is_up_to_date(name):
    committed = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    assert committed == SCHEMAS[name], "run 'handouts schema' and commit schema/"


@pytest.mark.parametrize(
    "path", sorted(p for p in (ROOT / "sequences").glob("*.yaml") if "." not in p.stem), ids=lambda p: p.name
)
def test_examples_satisfy_the_sequence_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMAS["sequence.schema.json"])


@pytest.mark.parametrize(
    "path",
    [*builtin_files(), *sorted(p for p in (ROOT / "poses").glob("*.yaml") if "." not in p.stem)],
    ids=lambda p: p.name,
)
def test_pose_files_satisfy_the_pose_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMAS["poses.schema.json"])


TRANSLATIONS = [
    *sorted((ROOT / "sequences").glob("*.*.yaml")),
    *sorted((ROOT / "handouts" / "poses").glob("*.*.yaml")),
    *sorted((ROOT / "poses").glob("*.*.yaml")),
    *sorted((ROOT / "tests" / "languages").rglob("*.de.yaml")),
]


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_translations_satisfy_their_schemas(path):
    kind = "studio" if path.name.startswith("studio.") else "sequence" if path.parent.name == "sequences" else "poses"
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMAS[f"{kind}-translation.schema.json"])


def test_the_translation_schema_refuses_a_sanskrit_name():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"poses": {"child-pose": {"name": "Kind", "sanskrit": "Bālāsana"}}},
            SCHEMAS["poses-translation.schema.json"],
        )


def test_the_starter_satisfies_the_schema():
    text = (ROOT / "handouts" / "starter.yaml").read_text(encoding="utf-8").replace("@TITLE@", "T")
    jsonschema.validate(yaml.safe_load(text), SCHEMAS["sequence.schema.json"])


@pytest.mark.parametrize("case", ["unknown-key", "missing-title", "wrong-type", "two-amounts", "unknown-side"])
def test_the_schema_rejects_what_the_validator_rejects(case):
    data = yaml.safe_load((CASES / case / "sequences" / "s.yaml").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMAS["sequence.schema.json"])


def test_every_sequence_key_is_documented():
    for key, spec in SCHEMAS["sequence.schema.json"]["properties"].items():
        assert spec.get("description"), key


def test_the_example_roster_and_studio_satisfy_their_schemas():
    jsonschema.validate(
        yaml.safe_load((ROOT / "clients.yaml").read_text(encoding="utf-8")), SCHEMAS["clients.schema.json"]
    )
    jsonschema.validate(
        yaml.safe_load((ROOT / "studio.yaml").read_text(encoding="utf-8")), SCHEMAS["studio.schema.json"]
    )
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"clients": [{"name": "Ann", "handouts": ["x"]}]}, SCHEMAS["clients.schema.json"])
