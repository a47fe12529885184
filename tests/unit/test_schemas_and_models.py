"""Committed JSON Schemas match the models; models round-trip; unknown fields are rejected."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from attestkit.models import MappingEntry, ReadError, Resource
from attestkit.schemas import SCHEMA_DIR, SCHEMA_MODELS, render


@pytest.mark.parametrize("stem", sorted(SCHEMA_MODELS))
def test_committed_schema_is_current(stem: str) -> None:
    path = SCHEMA_DIR / f"{stem}.schema.json"
    assert path.is_file(), f"{path} missing: run `make schemas`"
    assert path.read_text() == render(SCHEMA_MODELS[stem]), f"{path} is stale: run `make schemas` and commit it"


def test_no_orphan_schema_files() -> None:
    assert {p.name for p in SCHEMA_DIR.glob("*.schema.json")} == {f"{s}.schema.json" for s in SCHEMA_MODELS}


def test_resource_validates_against_its_schema() -> None:
    schema = json.loads((SCHEMA_DIR / "resource.schema.json").read_text())
    r = Resource(provider="aws", source="aws", type="AWS::S3::Bucket", id="arn:aws:s3:::b", config={"A": None})
    jsonschema.validate(json.loads(r.model_dump_json()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**json.loads(r.model_dump_json()), "surprise": 1}, schema)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Resource.model_validate({"provider": "aws", "source": "aws", "type": "T", "id": "x", "colour": "red"})
    with pytest.raises(ValidationError):
        MappingEntry.model_validate({"control": "CC6.1", "manual": True, "evidence": "e", "note": "x"})


def test_mapping_entry_is_either_automated_or_manual() -> None:
    with pytest.raises(ValidationError, match="manual"):
        MappingEntry(control="CC6.1")
    with pytest.raises(ValidationError, match="evidence"):
        MappingEntry(control="CC6.1", manual=True)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=10,
)
read_errors = st.builds(ReadError, api=st.text(max_size=10), code=st.text(max_size=10), message=st.text(max_size=10))


@given(
    rid=st.text(min_size=1, max_size=30),
    config=st.dictionaries(st.text(max_size=8), json_values, max_size=4),
    tags=st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3),
    errors=st.lists(read_errors, max_size=2),
)
def test_resource_round_trips_through_json(rid, config, tags, errors) -> None:
    r = Resource(provider="aws", source="aws", type="AWS::S3::Bucket", id=rid, tags=tags, config=config, errors=errors)
    assert Resource.model_validate_json(r.model_dump_json()) == r
