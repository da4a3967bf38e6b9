"""Run the web app for the tests: `serve.py DB PORT [REPORTS.json]` on 127.0.0.1.

$NEWSPRISM_TEST_SERVER_OPTIONS, a JSON object, sets fields of `newsprism.web.server.ServerOptions`
(small connection limits for the tests of those limits); $NEWSPRISM_TEST_STREAM_LIMITS those of
`newsprism.web.alerts.StreamLimits` (short alert streams).

With REPORTS.json (canned reports by story id, written by support.build_store while the analysis
stages are missing), `newsprism.analysis.stored_report` answers from it; other stories raise
ImportError as the unfinished analysis does, so the app degrades as it would.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    db, port = sys.argv[1], int(sys.argv[2])
    if len(sys.argv) > 3:
        import newsprism.analysis

        with open(sys.argv[3], encoding="utf-8") as f:
            reports = json.load(f)

        def stored_report(store, story_id=None):
            if story_id in reports:
                return reports[story_id]
            raise ImportError("the analysis stages are not installed (canned test reports)")

        newsprism.analysis.stored_report = stored_report
    from newsprism.web.alerts import StreamLimits
    from newsprism.web.app import create_app
    from newsprism.web.server import ServerOptions, serve

    options = ServerOptions(**json.loads(os.environ.get("NEWSPRISM_TEST_SERVER_OPTIONS") or "{}"))
    streams = StreamLimits(**json.loads(os.environ.get("NEWSPRISM_TEST_STREAM_LIMITS") or "{}"))
    serve(create_app(db, alert_streams=streams), "127.0.0.1", port, options)


if __name__ == "__main__":
    main()
