from newsfuse.cli import main


def test_extract_runs_on_the_examples(capsys):
    assert main(["extract", "examples/"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 2


def test_package_api_names_and_light_imports():
    """`newsfuse.analyze/extract/read` are the API functions (the extractors are the `extractors/` package), and the
    store, renderers and web app import without spaCy, so `serve` starts quickly."""
    import subprocess
    import sys

    code = (
        "import sys, newsfuse.web, newsfuse.store, newsfuse.render.html\n"
        "assert 'spacy' not in sys.modules and 'torch' not in sys.modules, 'heavy import'\n"
        "import newsfuse\n"
        "from newsfuse import api\n"
        "assert newsfuse.extract is api.extract and newsfuse.analyze is api.analyze and newsfuse.read is api.read\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_expected_failures_are_one_line_and_bugs_keep_their_traceback(tmp_path, capsys, monkeypatch):
    """One error tree: a NewsfuseError is one line and exit 1; a usage error exit 64 (argparse's
    own too); an unexpected exception is a bug, shown with its traceback, exit 70."""
    import pytest

    from newsfuse import cli
    from newsfuse.errors import NewsfuseError, StoreError

    assert issubclass(StoreError, NewsfuseError)
    assert cli.main(["show", "abc", "--db", str(tmp_path / "missing.db")]) == cli.EXIT_FAILURE
    err = capsys.readouterr().err
    assert err.startswith("newsfuse: error: no store at") and err.count("\n") == 1

    assert cli.main(["analyze"]) == cli.EXIT_USAGE
    assert "nothing to analyze" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        cli.main(["extract", "--no-such-option", "x.txt"])
    assert exited.value.code == cli.EXIT_USAGE

    def broken(args):
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "cmd_show", broken)
    assert cli.main(["show", "abc", "--db", str(tmp_path / "missing.db")]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "KeyError: 'a bug'" in err and "internal error" in err
