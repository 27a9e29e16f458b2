"""A live tool in use: returning to it through Material's instant navigation, and a click or
keystroke to the updated result."""

from __future__ import annotations

from .probes import ARM_JS, NEW_WIDGET_OK_JS, RETURN_MS_JS

PAGE_WITHOUT_TOOL = "playbook/signs/"  # where the reader goes before coming back


def instant_return(page, tool_path: str) -> float | None:
    """Tool page -> page without a tool -> back, by clicking nav links; click to fresh result."""
    page.evaluate("() => { window.__benchOld = document.querySelector('[data-widget]'); }")
    page.locator(f'.md-nav--primary a.md-nav__link[href$="{PAGE_WITHOUT_TOOL}"]').first.click()
    page.wait_for_function(
        f"() => location.pathname.endsWith('/{PAGE_WITHOUT_TOOL}')"
        " && !document.querySelector('[data-widget]') && window.__benchOld !== undefined",
        timeout=20_000,
        polling=50,
    )
    page.wait_for_timeout(300)
    page.locator(f'.md-nav--primary a.md-nav__link[href$="{tool_path}"]').first.click()
    page.wait_for_function(NEW_WIDGET_OK_JS, timeout=20_000, polling=50)
    return page.evaluate(RETURN_MS_JS)


def measure_input(page, event_type: str, action) -> float | None:
    page.evaluate(ARM_JS, event_type)
    action()
    value = page.evaluate("() => window.__benchPending")
    page.wait_for_timeout(150)
    return value


def input_to_result(page, kind: str, samples: int) -> dict[str, list]:
    """The checklist's boxes and the notice period's field (the forms answer as the reader
    types: they have no submit button)."""
    out = {}
    if kind == "checklist":
        boxes = page.locator('[data-widget] input[name="done"]')
        out["checkbox_ms"] = [
            measure_input(page, "input", lambda i=i: boxes.nth(i % 4).click())
            for i in range(samples)
        ]
    if kind == "notice":
        period = page.locator('[data-widget] input[name="period"]')
        period.click()
        page.keyboard.press("End")
        keys = ["1", "Backspace"]
        out["keystroke_ms"] = [
            measure_input(page, "input", lambda i=i: page.keyboard.press(keys[i % 2]))
            for i in range(samples)
        ]
    return out


def in_use(page, kind: str, tool_path: str, samples: int = 5) -> dict[str, list]:
    out = {"return_ms": [instant_return(page, tool_path) for _ in range(2)]}
    out["workers_after_return"] = [page.evaluate("() => window.partways.workerCount()")]
    out.update(input_to_result(page, kind, samples))
    return out
