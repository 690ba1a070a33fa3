"""The fast fan update leans on a private plotly method; these tests fail if plotly changes it."""

from __future__ import annotations

import plotly.graph_objects as go

from sei_analysis.explore.live_figures import fast_batch


def test_fast_batch_moves_traces_without_a_full_redraw(monkeypatch):
    fig = go.FigureWidget(data=[go.Scatter(x=[0, 1], y=[0, 1])])
    sent = []
    monkeypatch.setattr(fig, "_send_animate_msg", lambda **msg: sent.append(msg), raising=True)

    with fast_batch(fig):
        fig.data[0].y = [2, 3]

    assert len(sent) == 1
    animation_opts = sent[0]["animation_opts"]
    assert animation_opts["frame"] == {"duration": 0, "redraw": False}
    assert animation_opts["transition"]["duration"] == 0
    assert list(fig.data[0].y) == [2, 3]


def test_fast_batch_leaves_the_figure_as_it_found_it():
    fig = go.FigureWidget(data=[go.Scatter(x=[0, 1], y=[0, 1])])

    with fast_batch(fig):
        fig.data[0].y = [1, 1]

    assert "_perform_batch_animate" not in fig.__dict__
    assert callable(type(fig)._perform_batch_animate)
