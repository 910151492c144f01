"""The documentation that is generated from the code still matches it."""

from pathlib import Path

from newsfuse.clidoc import reference

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_cli_reference_matches_the_parser():
    """docs/cli.md is `--help` of every command; regenerate it with `make docs` after a change."""
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == reference()


def test_contract_is_the_given_one_plus_additions():
    """docs/contract.md starts with the contract as given (../shared/docs/contract.md), unchanged,
    and documents the additions after it."""
    ours = (DOCS / "contract.md").read_text(encoding="utf-8")
    assert ours.startswith("# newsfuse: the command-line and JSON contract")
    assert "# Additions made by newsfuse" in ours
    given = DOCS.parent.parent / "shared" / "docs" / "contract.md"
    if given.exists():  # beside the repo in CI and on the dev machine
        assert ours.startswith(given.read_text(encoding="utf-8"))
