from newsfuse.cli import main


def test_extract_runs_on_the_examples(capsys):
    assert main(["extract", "examples/"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 2
