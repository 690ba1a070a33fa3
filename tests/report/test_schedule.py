"""Notebooks whose metadata says sei.scheduled = false are left out of sei report."""

from __future__ import annotations

import json

from sei_analysis.report.params import discover_notebooks, is_scheduled


def write(folder, name, metadata):
    nb = {"cells": [], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    path = folder / name
    path.write_text(json.dumps(nb))
    return path


def test_a_notebook_marked_unscheduled_is_not_discovered(tmp_path):
    write(tmp_path, "01-a.ipynb", {})
    write(tmp_path, "02-b.ipynb", {"sei": {"scheduled": False}})
    assert [p.name for p in discover_notebooks(tmp_path)] == ["01-a.ipynb"]


def test_scheduled_true_or_absent_keeps_a_notebook(tmp_path):
    assert is_scheduled(write(tmp_path, "01-a.ipynb", {"sei": {"scheduled": True}}))
    assert is_scheduled(write(tmp_path, "02-b.ipynb", {"sei": {"other": 1}}))


def test_only_a_real_false_unschedules(tmp_path):
    assert is_scheduled(write(tmp_path, "01-a.ipynb", {"sei": {"scheduled": "no"}}))


def test_an_unreadable_notebook_stays_in_for_the_parameter_check_to_name(tmp_path):
    path = tmp_path / "01-broken.ipynb"
    path.write_text("{not json")
    assert is_scheduled(path)
