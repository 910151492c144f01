"""The contract's report object, as the JSON text `newsfuse analyze --format json` prints."""

from __future__ import annotations

import json

from ..model import Report, report_to_json


def render_json(report: Report) -> str:
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n"
