"""Not collected by the normal run (the name does not match test_*.py): scripts/exit-codes/check.sh
runs it to prove that a failing trainer test makes pytest exit non-zero."""


def test_passes():
    assert 1 + 1 == 2


def test_fails_on_purpose():
    assert 1 + 1 == 3
