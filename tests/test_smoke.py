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
