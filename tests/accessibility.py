"""Axe-core in a real browser: the violations the browser tests allow none of."""

from axe_playwright_python.sync_playwright import Axe

SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[dict]:
    """Axe-core's violations on the current page with impact serious or critical."""
    violations = Axe().run(page).response["violations"]
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
            "summary": violation["nodes"][0].get("failureSummary", ""),
        }
        for violation in violations
        if violation["impact"] in SERIOUS
    ]
