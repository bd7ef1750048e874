from __future__ import annotations

import signal
from pathlib import Path

import pytest
from hypothesis import settings
from paths import ROOT

# Property tests draw the same examples on every run, so that CI on a clean clone passes or fails
# on the code alone, never on the luck of a draw; `pytest --hypothesis-profile=explore` draws
# new ones (keep what it finds as an @example).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("repeatable")

# Several tests press Ctrl-C on a child `align` and expect exit 130. A runner that starts the
# suite in the background (`cmd &` in a script) ignores SIGINT, and children inherit that, so
# the Ctrl-C would be lost: the suite's children get the default disposition back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# The bad-input fixtures (a work folder with a real pair; a real tmpfs), for every test folder.
from cli_helpers import tmpfs, work  # noqa: E402, F401

# --- the quick run and the full run --------------------------------------------------------
# `pytest` leaves these out (pyproject's addopts: -m "not slow"); `pytest -m "slow or not slow"`,
# which CI runs too, includes them. They drive external programs (Chromium, OmegaT, a Dask
# cluster, mypy), build the dictionary index from scratch, or push sizes and hypothesis
# examples far past what a quick run needs; each takes seconds to a minute.
_SLOW_MODULES = {
    "tests/test_lint.py",
    "tests/test_sizes.py",
    "tests/lexicon/test_dictionary_build.py",
    "tests/report/test_report_browser.py",
    "tests/export/test_export_omegat.py",
    "tests/batch/test_batch_browser.py",
    "tests/batch/test_batch_cluster.py",
    "tests/batch/test_batch_local.py",
    "tests/batch/test_batch_interrupt.py",
    "tests/batch/test_batch_omegat.py",
}
_SLOW_TESTS = {
    "tests/test_docs.py::test_the_site_builds_strictly_with_a_page_per_rule",
    "tests/test_lexicon.py::test_cache_lives_in_align_cache_dir",
    "tests/test_properties.py::test_unicode_files_decode_exactly",
    "tests/test_properties.py::test_html_report_escapes_everything",
    "tests/test_properties.py::test_segmentation_offsets_reconstruct_the_input",
    "tests/test_properties.py::test_json_output_validates_against_the_schema",
    "tests/test_properties.py::test_exports_are_valid",
    "tests/test_outputs.py::test_signal_during_write_keeps_previous",
    "tests/export/test_export_cli.py::test_regenerated_exports_match_committed",
    "tests/export/test_export_cli.py::test_real_pair_memory",
    "tests/test_fidelity_benchmarks.py::test_benchmark_prints_its_tables",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path.relative_to(ROOT).as_posix()
        name = f"{path}::{item.originalname}" if isinstance(item, pytest.Function) else item.nodeid
        if path in _SLOW_MODULES or name in _SLOW_TESTS or item.get_closest_marker("omegat"):
            item.add_marker(pytest.mark.slow)
