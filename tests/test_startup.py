"""startup: the wide patterns of PyYAML and ReportLab are compiled when first used, and match exactly as before."""

from __future__ import annotations

import re
import subprocess
import sys

import handouts  # noqa: F401 - installs the finder
from handouts import startup


def test_the_wide_patterns_are_deferred_and_nothing_else_is():
    import reportlab.lib.textsplit as textsplit
    import reportlab.platypus.paragraph as paragraph
    import reportlab.platypus.paraparser as paraparser
    import yaml.reader

    assert re.compile is startup._compile  # put back once the modules ran
    for pattern in (paragraph.uri_pat, yaml.reader.Reader.NON_PRINTABLE, textsplit.rx):
        assert isinstance(pattern, startup.LazyPattern)
    assert isinstance(paragraph._hy_letters_pat, re.Pattern)  # narrow ones in the same module compile as always
    assert all(isinstance(v, re.Pattern) for v in vars(paraparser).values() if hasattr(v, "pattern"))


def test_a_deferred_pattern_matches_as_the_compiled_one():
    import reportlab.platypus.paragraph as paragraph
    import yaml.reader

    pairs = [
        (paragraph.uri_pat, ["https://Example.COM/a/b", "www.example.org", "not a url", "ftp://10.0.0.1:21/x"]),
        (yaml.reader.Reader.NON_PRINTABLE, ["plain", "tab\there", "bell\x07", "\ufffe", "āśṣ"]),
    ]
    for lazy, texts in pairs:
        real = re.compile(lazy.pattern, lazy.flags)
        for text in texts:
            assert bool(lazy.match(text)) == bool(real.match(text))
            assert (lazy.search(text) or re.match("", "")).span() == (real.search(text) or re.match("", "")).span()
    assert paragraph._uri_split_pairs("https://example.com/a/b")[0] == ("https://example.com/a/", "b")


def test_a_fresh_process_imports_them_deferred():
    code = (
        "import handouts.pipeline.run, reportlab.platypus.paragraph as p, yaml.reader as r, re;"
        "print(type(p.uri_pat).__name__, type(r.Reader.NON_PRINTABLE).__name__, re.compile.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["LazyPattern", "LazyPattern", "re"]
