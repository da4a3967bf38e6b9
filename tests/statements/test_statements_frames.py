"""Direct-quote frames that continue an earlier frame's speaker (`inherit`) stay consistent when
frames in headline paragraphs are dropped (`statements.annotate._outside`)."""

from __future__ import annotations

from newsprism.analysis import annotate_batch
from newsprism.model import Article
from newsprism.statements.annotate import _outside
from newsprism.statements.frames import Frame


def frame(start: int, inherit: int | None = None) -> Frame:
    return Frame(start, start + 5, -1, -1, -1, None, True, inherit)


def test_inherit_is_re_pointed_past_dropped_frames() -> None:
    # 0 kept; 1 (in a headline) continues 0; 2 continues 1; 3 kept; 4 continues 3
    frames = [frame(0), frame(10, 0), frame(20, 1), frame(30), frame(40, 3)]
    kept = _outside(frames, headlines=[(10, 15)])
    assert [f.start for f in kept] == [0, 20, 30, 40]
    assert [f.inherit for f in kept] == [None, 0, None, 2]  # 2 continues what 1 continued: frame 0
    # the dropped frame was the first: what continued it continues nothing
    assert [f.inherit for f in _outside(frames, headlines=[(0, 5)])] == [None, 0, None, 2]
    for kept_frame, index in ((f, i) for i, f in enumerate(kept)):
        assert kept_frame.inherit is None or kept_frame.inherit < index


def test_quote_paragraphs_after_an_unterminated_one_do_not_crash() -> None:
    """A quote paragraph without end punctuation reads as a headline and its frame is dropped; the
    quote paragraphs continuing it pointed at a stale index (IndexError in a 100k-article run)."""
    text = ('Senator Maria Lopez said on Tuesday: "We will keep fighting for every vote in this state\n\n'
            '"We will not stop until the last ballot is counted in every county."\n\n'
            '"And we will win this race."\n\n'
            'Her opponent did not respond to requests for comment.')
    [annotation] = annotate_batch([Article(id="t1", source="x", text=text, content_hash="h", language="en")])
    direct = [st for st in annotation.statements if st.direct]
    assert [st.text for st in direct] == ['"We will not stop until the last ballot is counted in every county."',
                                          '"And we will win this race."']
