"""Accessibility of the site and its live tools, in Chromium.

* axe-core finds no serious or critical violation (nor a skipped heading level, which it
  rates moderate) on any built page of any edition, in the light palette and again (for the
  rules that read colours) in the dark one;
* nor in any state of the four tools: a live result, a field error, an error the form cannot
  place next to a field, the engine failing to load, and the letter's draft, edited draft
  and findings;
* the assessment, the checklist and the notice calculator can be completed with the keyboard
  alone (the letter's own test is test_keyboard_letter.py): every control is reached with
  Tab, has a name, and each result is drawn and said in the polite live region;
* every stop of the Tab order on a tool page, its widget and the page around it, shows where
  the focus is.

The site's Content-Security-Policy <meta> forbids injected scripts, so axe runs in a context
of its own that bypasses CSP; the keyboard and focus tests use the suite's ``page``, with CSP
on and its console checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from browser_helpers import (
    CONTEXT_OPTIONS,
    LANGUAGES,
    READ_ASSESS,
    READ_CHECKLIST,
    READ_FIELDS,
    READ_NOTICE,
    ROOT,
    engine_answer,
    fill_letter_basics,
    labels,
    open_tool,
    page_path,
    read,
    settle,
    until,
    wait_ready,
    widget,
)
from test_every_page import built_pages

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
# Moderate in axe, but a result's heading one level too deep misleads whoever navigates the
# page by its headings: the tools draw theirs at the level below the page's section.
BLOCKING_RULES = ("heading-order",)
# The dark palette changes colours and nothing else, so there only the rules that read
# colours run again (all of them run in the light palette).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
TOOLS = ("assess", "checklist", "notice", "letter")
LOAD_TIMEOUT_MS = 60_000  # engine.js gives up on a runtime that never arrives
MAX_TABS = 400

AXE_RUN = """
async ({ rules, impacts, blocking }) => {
  const options = { resultTypes: ["violations"] };
  if (rules) options.runOnly = { type: "rule", values: rules };
  const { violations } = await axe.run(document, options);
  return violations.filter((v) => impacts.includes(v.impact) || blocking.includes(v.id)).map((v) => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    why: (v.nodes[0].failureSummary || "").split("\\n").slice(0, 3).join(" "),
  }));
}
"""


# --- axe-core ------------------------------------------------------------------------------------


class Findings:
    """Blocking violations, by where they were found, reported readably."""

    def __init__(self) -> None:
        self.found: dict[str, list[dict[str, Any]]] = {}
        self.scanned: list[str] = []

    def add(self, where: str, violations: list[dict[str, Any]]) -> None:
        self.scanned.append(where)
        if violations:
            self.found.setdefault(where, []).extend(violations)

    def report(self) -> str:
        lines = []
        for where, violations in self.found.items():
            lines.append(f"{where}:")
            for v in violations:
                lines.append(f"  {v['id']} ({v['impact']}, {v['count']}x): {v['help']}")
                lines.append(f"    at {', '.join(v['targets'])}")
                if v["why"]:
                    lines.append(f"    {v['why']}")
        return "\n".join(lines)

    def assert_clean(self) -> None:
        assert self.scanned, "nothing was scanned"
        assert not self.found, (
            f"axe-core: blocking violations in {len(self.found)} of "
            f"{len(self.scanned)} scans\n{self.report()}"
        )


# Colours are read as they are painted: a transition under way (Material's header fades its
# title in when the page scrolls) is scanned half-way, in colours no reader sees for long.
TRANSITIONS_DONE = """() => document.getAnimations().every((animation) =>
  animation.playState !== "running" || animation.effect?.getTiming().iterations === Infinity)"""


def axe(page, rules: list[str] | None = None) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe === 'object'"):  # kept across instant navigation
        page.add_script_tag(path=str(AXE))
    page.wait_for_function(TRANSITIONS_DONE)
    return page.evaluate(
        AXE_RUN,
        {"rules": rules, "impacts": list(BLOCKING_IMPACTS), "blocking": list(BLOCKING_RULES)},
    )


def set_palette(page, scheme: str) -> None:
    """Switch Material's palette with its own toggle (it stores the choice for later pages)."""
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") == scheme:
        return
    page.locator('form[data-md-component="palette"] label:not([hidden])').click()
    page.wait_for_function(
        """(scheme) => document.body.dataset.mdColorScheme === scheme
             && !document.body.hasAttribute("data-md-color-switching")""",
        arg=scheme,
    )


def scan(page, findings: Findings, where: str) -> None:
    """axe in the light palette, then the colour rules in the dark one; back to light."""
    set_palette(page, "default")
    findings.add(f"{where} (light)", axe(page))
    set_palette(page, "slate")
    findings.add(f"{where} (dark)", axe(page, COLOUR_RULES))
    set_palette(page, "default")


@pytest.fixture(scope="module")
def axe_context(browser, server):
    """Chromium that lets axe-core in: ``bypass_csp`` for this module's scans only."""
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: `npm ci` installs axe-core")
    # Its first test holds back every page's .wasm with page.route, which does not see what a
    # service worker answers: the site's worker (registered once a tool answers) stays out.
    context = browser.new_context(base_url=server, bypass_csp=True, service_workers="block",
                                  **CONTEXT_OPTIONS)
    yield context
    context.close()


@pytest.fixture
def axe_page(axe_context, server):
    """A tab for scanning; what it stored (tool entries, the palette) goes with it."""
    tab = axe_context.new_page()
    tab.base_url = server
    tab.set_default_timeout(30_000)
    yield tab
    try:
        if tab.url.startswith(server):
            tab.evaluate("localStorage.clear()")
    finally:
        tab.close()


def edition(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in LANGUAGES else "en"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_passes_axe(axe_page, site_dir, lang):
    """Every built page of the edition. Tool pages are scanned with their widgets mounted and
    the runtime's .wasm held back, so they show their static form under a loading or failed
    status (no engine loads per page; the live states have the next tests)."""
    page = axe_page
    pages = [path for path in built_pages(site_dir) if edition(path) == lang]
    assert len(pages) >= 18, pages
    page.route("**/*.wasm", lambda route: route.abort())
    findings = Findings()
    tool_pages = 0
    for path in pages:
        page.goto(page.base_url + path, wait_until="load")
        widgets = page.locator("[data-widget]")
        if widgets.count():
            tool_pages += 1
            page.wait_for_function("""() => [...document.querySelectorAll("[data-widget]")]
              .every((root) => ["loading", "error"].includes(root.dataset.state))""")
        scan(page, findings, path or "/")
    assert tool_pages >= 4
    findings.assert_clean()


# --- axe on each state of the tools --------------------------------------------------------------


def nav_to(page, lang: str, tool: str) -> None:
    """Follow the navigation's link to the tool (instant navigation keeps the engine)."""
    target = page.base_url + page_path(lang, tool)
    links = page.locator("nav.md-nav--primary a.md-nav__link")
    hrefs = links.evaluate_all("(links) => links.map((link) => link.href)")
    assert target in hrefs, f"no navigation link to {target}"
    links.nth(hrefs.index(target)).click()
    page.wait_for_url(target)
    wait_ready(page, tool)
    page.mouse.move(0, 0)  # scan the page, not the link under the pointer (Material's hover)


def wait_result(page, tool: str, result: str) -> None:
    page.wait_for_selector(f'.pw-widget[data-widget="{tool}"][data-result="{result}"]')


def fill(page, tool: str, name: str, value: str) -> None:
    widget(page, tool).locator(f'form [name="{name}"]').fill(value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_tool_state_passes_axe(axe_page, lang):
    page = axe_page
    findings = Findings()

    # The assessment: the first result, a verdict with reasons and steps, a number out of range.
    page.goto(page.base_url + page_path(lang, "assess"))
    wait_ready(page, "assess")
    root = widget(page, "assess")
    scan(page, findings, f"{lang} assess: first result")
    for name in ("haggling", "disrespect", "scope_creep"):
        root.locator(f'input[name="{name}"]').check()
    fill(page, "assess", "payment_delay_days", "45")
    until(lambda: read(page, "assess", READ_ASSESS)["reasons"], what="reasons to be listed")
    scan(page, findings, f"{lang} assess: verdict with reasons")
    fill(page, "assess", "payment_delay_days", "99999")
    wait_result(page, "assess", "error")
    assert root.locator(".pw-error").count() == 1
    scan(page, findings, f"{lang} assess: field error")

    # The checklist: progress with blockers, everything done, an error next to a field.
    nav_to(page, lang, "checklist")
    root = widget(page, "checklist")
    scan(page, findings, f"{lang} checklist: first result")
    for box in root.locator('input[name="done"]').all():
        box.check()
    until(lambda: read(page, "checklist", READ_CHECKLIST)["ready"] == "true", what="ready")
    scan(page, findings, f"{lang} checklist: ready")
    # The form offers only valid jurisdictions, so an error needs an option the engine refuses.
    root.locator('select[name="jurisdiction"]').evaluate(
        """(select) => { select.append(new Option("Atlantis", "atlantis"));
                         select.value = "atlantis";
                         select.dispatchEvent(new Event("input", { bubbles: true })); }""")
    wait_result(page, "checklist", "error")
    assert root.locator(".pw-error").count() == 1
    scan(page, findings, f"{lang} checklist: field error")

    # The notice dates: days moved by a weekend (in Poland, a disputed move, with its note),
    # an impossible period, and the receipt helper's answer with its button.
    nav_to(page, lang, "notice")
    root = widget(page, "notice")
    root.locator('select[name="jurisdiction"]').select_option("pl")
    fill(page, "notice", "received", "2026-11-05")
    fill(page, "notice", "period", "3")
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], "2026-11-09")
    assert root.locator('[data-note="disputed"]').count() == 1
    scan(page, findings, f"{lang} notice: result with moved days")
    fill(page, "notice", "period", "0")
    wait_result(page, "notice", "error")
    assert root.locator("form .pw-error").count() == 1
    scan(page, findings, f"{lang} notice: impossible period")
    receipt = widget(page, "receipt")
    receipt.locator('select[name="method"]').select_option("registered")
    until(lambda: receipt.locator(".pw-use-date").count() == 1, what="the receipt's button")
    scan(page, findings, f"{lang} notice: receipt helper")
    fill(page, "notice", "period", "3")  # the letter starts from the notice's entries
    wait_result(page, "notice", "ok")

    # The letter: what it still needs, the draft and its check, invoice rows and "More
    # details" open, an edited draft with findings, a draft out of date (a field error).
    nav_to(page, lang, "letter")
    root = widget(page, "letter")
    until(lambda: root.locator(".pw-missing button").count() >= 5, what="what the letter needs")
    scan(page, findings, f"{lang} letter: what it still needs")
    fill_letter_basics(page, lang)
    findings_box = root.locator(".pw-findings")
    until(lambda: findings_box.get_attribute("data-ok") == "true", what="the check to pass")
    scan(page, findings, f"{lang} letter: draft, check passed")
    root.locator('select[name="reason"]').select_option("unpaid_invoices")
    root.locator(".pw-row-add").click()
    root.locator("details.pw-more > summary").click()
    until(lambda: root.locator(".pw-row-remove").count() == 2, what="two invoice rows")
    scan(page, findings, f"{lang} letter: invoice rows, more details")
    # A draft cut down to one line misses what a notice must say, in every language.
    root.locator("#pw-letter-draft").fill("OK.")
    until(lambda: findings_box.get_attribute("data-ok") == "false", what="findings")
    assert root.locator(".pw-edited").is_visible()
    scan(page, findings, f"{lang} letter: edited draft with findings")
    fill(page, "letter", "client", "")
    wait_result(page, "letter", "error")
    assert root.locator("form .pw-error").count() >= 1
    assert root.locator(".pw-stale").is_visible()
    assert root.get_attribute("data-outputs") == "off"
    scan(page, findings, f"{lang} letter: out of date, outputs off")

    assert len(findings.scanned) == 2 * 14
    findings.assert_clean()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tools_without_engine_pass_axe(new_page, lang):
    """The state a tool is left in when the runtime cannot load: its status says why."""
    page = new_page(bypass_csp=True)
    page.allow_console_errors()  # the aborted download is logged; that is the point
    page.route("**/*.wasm", lambda route: route.abort())
    page.clock.install()  # in case the failure is only found by engine.js's load timeout
    findings = Findings()
    for tool in TOOLS:
        page.goto(page.base_url + page_path(lang, tool))
        root = f'.pw-widget[data-widget="{tool}"]'
        page.wait_for_selector(f'{root}[data-state="loading"], {root}[data-state="error"]')
        if widget(page, tool).get_attribute("data-state") == "loading":
            page.clock.fast_forward(LOAD_TIMEOUT_MS + 1000)
        page.wait_for_selector(f'{root}[data-state="error"]')
        status = widget(page, tool).locator(".pw-status").text_content()
        assert status.endswith(labels(page, tool)["static_kept"]), status
        scan(page, findings, f"{lang} {tool}: engine failed")
    findings.assert_clean()


# --- the keyboard alone ------------------------------------------------------------------------


class Keyboard:
    """Drives one tool with keys only; reads the page to know where the focus is and what
    a screen reader would be told (the accessible name of the focused control)."""

    def __init__(self, page, tool: str):
        self.page = page
        self.tool = tool
        self.cdp = page.context.new_cdp_session(page)
        self.reached: set[str] = set()
        self.unnamed: list[str] = []
        self.region = widget(page, tool).locator('.pw-sr[aria-live="polite"]')

    def focused(self) -> dict:
        return self.page.evaluate("""(tool) => {
          const el = document.activeElement;
          const text = (el.textContent || "").trim();
          return { tag: el.tagName.toLowerCase(), id: el.id, name: el.name || "",
                   value: el.value ?? "", checked: el.checked ?? null, text,
                   key: el.id || `${el.tagName.toLowerCase()}:${text}`,
                   inWidget: !!el.closest(`[data-widget="${tool}"]`) };
        }""", self.tool)

    def accessible_name(self) -> str:
        handle = self.cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
        nodes = self.cdp.send("Accessibility.getPartialAXTree", {
            "objectId": handle["result"]["objectId"], "fetchRelatives": False})["nodes"]
        return (nodes[0].get("name") or {}).get("value", "").strip() if nodes else ""

    def press(self, key: str) -> dict:
        """One key that moves the focus; a stop in the tool is noted and its name checked."""
        self.page.keyboard.press(key)
        current = self.focused()
        if current["inWidget"] and current["key"] not in self.reached:
            self.reached.add(current["key"])
            if not self.accessible_name():
                self.unnamed.append(current["key"])
        return current

    def tab_to(self, field_id: str, key: str = "Tab") -> dict:
        """Press Tab (or Shift+Tab) until the control is focused."""
        for _ in range(MAX_TABS):
            current = self.press(key)
            if current["id"] == field_id:
                return current
        raise AssertionError(f"#{field_id} is not reachable with {key}")

    def tab_out(self) -> None:
        """Tab on past the tool's last control (its buttons come after the fields)."""
        for _ in range(MAX_TABS):
            if not self.press("Tab")["inWidget"] and self.reached:
                return
        raise AssertionError("the focus never left the tool")

    def type_over(self, text: str) -> None:
        self.page.keyboard.press("Control+A")
        if text:
            self.page.keyboard.type(text)
        else:
            self.page.keyboard.press("Backspace")

    def choose(self, value: str) -> None:
        """Arrow keys on a closed select, in the direction of the wanted option."""
        options = self.page.evaluate(
            "() => [...document.activeElement.options].map((option) => option.value)")
        for _ in range(len(options)):
            now = self.focused()["value"]
            if now == value:
                return
            key = "ArrowDown" if options.index(value) > options.index(now) else "ArrowUp"
            self.page.keyboard.press(key)
        assert self.focused()["value"] == value

    def said(self) -> str:
        return self.region.text_content() or ""

    def controls(self) -> list[str]:
        """The tool's controls a reader can reach, in document order (ids, or buttons' text)."""
        return widget(self.page, self.tool).evaluate("""(root) =>
          [...root.querySelectorAll("input, select, textarea, button")]
            .filter((c) => c.checkVisibility() && !c.disabled)
            .map((c) => c.id || `${c.tagName.toLowerCase()}:${c.textContent.trim()}`)""")

    def assert_complete(self, controls: list[str]) -> None:
        """Every control was reached with the keyboard and had a name when focused."""
        self.tab_out()
        missed = [c for c in controls if c not in self.reached]
        assert not missed, f"not reached with Tab: {missed}"
        assert not self.unnamed, f"focused controls without an accessible name: {self.unnamed}"


def assess_seen(answer: dict, words: dict) -> dict:
    result = answer["result"]
    return {
        "result": "ok", "verdict": result["verdict"], "title": result["title"],
        "summary": result["summary"],
        "reasons": [reason["text"] for reason in result["reasons"]],
        "next_steps": [step["text"] for step in result["next_steps"]],
        "alternatives": [step["text"] for step in result["alternatives"]],
        "said": f"{words['verdict']}: {result['title']}",
    }


def test_assessment_by_keyboard_alone(page):
    root = open_tool(page, "assess")
    words = labels(page, "assess")
    keys = Keyboard(page, "assess")
    assert keys.focused()["tag"] == "body"  # nothing focused yet: tabbing starts at the top
    controls = keys.controls()
    flags = [c for c in controls if c.endswith("-true")]
    assert len(flags) >= 10, controls

    def seen() -> dict:
        return {**read(page, "assess", READ_ASSESS), "said": keys.said()}

    answers: dict[str, Any] = {"payment_delay_days": 45}
    keys.tab_to("assess-payment_delay_days")
    keys.type_over("45")
    settle(seen, assess_seen(engine_answer("assess", "en", answers), words))
    for box in flags:
        current = keys.tab_to(box)
        assert current["checked"] is False
        page.keyboard.press("Space")
        answers[root.locator(f"#{box}").get_attribute("name")] = True
        settle(seen, assess_seen(engine_answer("assess", "en", answers), words))
    # Back to the first control with Shift+Tab, and take the payment delay away again.
    keys.tab_to("assess-payment_delay_days", key="Shift+Tab")
    keys.type_over("0")
    answers["payment_delay_days"] = 0
    settle(seen, assess_seen(engine_answer("assess", "en", answers), words))
    keys.assert_complete(controls)


def checklist_seen(answer: dict, words: dict) -> dict:
    result = answer["result"]
    items = [item for group in result["groups"] for item in group["items"]]
    progress = words["progress"].format(**result["progress"])
    verdict = words["ready"] if result["ready"] else words["not_ready"]
    return {
        "result": "ok", "done": result["progress"]["done"], "total": result["progress"]["total"],
        "ready": "true" if result["ready"] else "false",
        "items": [item["id"] for item in items],
        "checked": [item["id"] for item in items if item["done"]],
        "said": f"{progress}. {verdict}",
    }


def test_checklist_by_keyboard_alone(page):
    open_tool(page, "checklist")
    words = labels(page, "checklist")
    keys = Keyboard(page, "checklist")

    def seen() -> dict:
        state = read(page, "checklist", READ_CHECKLIST)
        del state["data_ready"]
        return {**state, "said": keys.said()}

    keys.tab_to("checklist-jurisdiction")
    keys.choose("pl")
    settle(seen, checklist_seen(engine_answer("checklist", "en", {"jurisdiction": "pl"}), words))
    controls = keys.controls()
    boxes = [c for c in controls if c.startswith("checklist-done-")]
    assert len(boxes) >= 10, controls
    done: list[str] = []
    for box in boxes:
        keys.tab_to(box)
        page.keyboard.press("Space")
        done.append(box.removeprefix("checklist-done-"))
        settle(seen, checklist_seen(engine_answer("checklist", "en", {"jurisdiction": "pl", "done": done}), words))
    assert seen()["ready"] == "true"
    # Shift+Tab back to the first item and untick it: no longer ready, and said so.
    keys.tab_to(boxes[0], key="Shift+Tab")
    page.keyboard.press("Space")
    done.remove(boxes[0].removeprefix("checklist-done-"))
    settle(seen, checklist_seen(engine_answer("checklist", "en", {"jurisdiction": "pl", "done": done}), words))
    keys.assert_complete(controls)



def long_date(iso: str) -> str:
    """A date as the English edition writes it (en-GB, dom.js's formatDate)."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def test_notice_by_keyboard_alone(page):
    root = open_tool(page, "notice")
    words = labels(page, "notice")
    keys = Keyboard(page, "notice")
    controls = keys.controls()
    output = root.locator("[data-output]")

    def seen() -> dict:
        state = read(page, "notice", READ_NOTICE)
        del state["moved_by"]
        # One read: the output may be redrawn between a count() and a text_content().
        shown = output.evaluate(
            '(node) => node.querySelector("[data-field=end_date] time")?.textContent ?? null')
        if state["result"] != "ok":
            # an error at a field leaves the last result drawn (main.js); it is not the answer
            shown = state["end_date"] = state["period_end"] = None
        errors = root.locator(".pw-error").all_text_contents()
        return {**state, "shown": shown, "errors": errors, "said": keys.said()}

    def check(**fields: Any) -> dict:
        answer = engine_answer("notice", "en", fields)
        if answer["ok"]:
            result = answer["result"]
            end = result["end_date"]
            said = f"{words['end_date']}: {long_date(end)}"
            if result["disputed"]:
                said += (f". {words['period_end']}: {long_date(result['period_end'])}"
                         f" ({words['disputed']})")
            want = {"result": "ok", "end_date": end, "period_end": result["period_end"],
                    "shown": long_date(end), "errors": [], "said": said}
        else:
            messages = [error["message"] for error in answer["errors"]]
            want = {"result": "error", "end_date": None, "period_end": None, "shown": None,
                    "errors": messages, "said": " ".join(messages)}
        return settle(seen, want)

    # The law first, then the day, then the period as one number and its unit.
    fields: dict[str, Any] = {name: value for name, value in
                              read(page, "notice", READ_FIELDS).items() if "=" not in name}
    fields["end_of_month"] = False  # the box, as the page sends it
    keys.tab_to("notice-jurisdiction")
    keys.choose("pl")
    fields["jurisdiction"] = "pl"
    check(**fields)
    keys.tab_to("notice-received")
    page.keyboard.type("11052026")  # month, day, year in the date field's segments
    fields["received"] = "2026-11-05"
    check(**fields)
    keys.tab_to("notice-period")
    keys.type_over("3")
    fields["period"] = "3"
    # Sunday the 8th moves to Monday under art. 115: disputed, so both dates are said
    assert check(**fields)["end_date"] == "2026-11-09"
    keys.tab_to("notice-unit")
    for unit in ("business_days", "weeks", "months"):
        keys.choose(unit)
        fields["unit"] = unit
        check(**fields)
    # No period at all: an error at the field, and said so.
    keys.tab_to("notice-period", key="Shift+Tab")
    keys.type_over("")
    fields["period"] = ""
    assert check(**fields)["result"] == "error"
    keys.type_over("1")
    fields["period"] = "1"
    check(**fields)
    keys.tab_to("notice-end_of_month-true")
    page.keyboard.press("Space")
    fields["end_of_month"] = True
    assert check(**fields)["end_date"] == "2026-12-31"  # 1 month: 5 Dec, then the month's end
    keys.assert_complete(controls)


# --- visible focus ---------------------------------------------------------------------------

# Names a focusable element the same way in both scripts below.
_DESCRIBE = """
const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}`
  + (typeof el.className === "string"  // less the class Material's focus polyfill adds
    ? el.className.split(/\\s+/).filter((c) => c && c !== "focus-visible")
      .map((c) => "." + c).join("") : "")
  + ` "${(el.getAttribute("aria-label") || el.textContent || el.value || "").replace(/\\s+/g, " ")
    .trim().slice(0, 40)}"`;
"""

# Each stop of the Tab order: its style while focused, and (read at the next stop) unfocused.
FOCUS_STEP = (
    """
(tool) => {
"""
    + _DESCRIBE
    + """
  // A visually hidden radio (Material's palette switch) shows its focus on the label after it.
  const drawn = (el) => el.offsetWidth || el.offsetHeight ? el
    : el.nextElementSibling?.tagName === "LABEL" ? el.nextElementSibling : el;
  const look = (el) => {
    const style = getComputedStyle(drawn(el));
    return { outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
             outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
             boxShadow: style.boxShadow };
  };
  // A date field takes several stops (its month, day, year and picker): one element, one stop.
  const el = document.activeElement;
  const current = window.__pwFocusCurrent;
  if (current && current.element === el) {
    current.focused.push(look(el));
    return { left: null, atBody: false };
  }
  const left = current ? { ...current, unfocused: look(current.element) } : null;
  if (left) delete left.element;
  window.__pwFocusCurrent = el === document.body ? null : {
    element: el, what: describe(el), focused: [look(el)],
    inWidget: !!el.closest(`[data-widget="${tool}"]`),
  };
  return { left, atBody: el === document.body };
}
"""
)

WIDGET_FOCUSABLES = (
    """
(root) => {
"""
    + _DESCRIBE
    + """
  return [...root.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
    .filter((el) => el.checkVisibility() && !el.disabled && el.tabIndex >= 0).map(describe);
}
"""
)


def shows_focus(stop: dict) -> bool:
    """An outline or a shadow, at every stop inside the element, that it has not unfocused."""
    unfocused = (stop["unfocused"]["outline"], stop["unfocused"]["boxShadow"])
    return all(
        ((look["outlineStyle"] != "none" and look["outlineWidth"] > 0) or look["boxShadow"] != "none")
        and (look["outline"], look["boxShadow"]) != unfocused
        for look in stop["focused"]
    )


def styles(looks: list[dict]) -> str:
    return ", ".join(sorted({f"{look['outline']} / {look['boxShadow']}" for look in looks}))


@pytest.mark.parametrize("tool", TOOLS)
def test_focus_is_visible_at_every_tab_stop(page, tool):
    root = open_tool(page, tool)
    in_widget = root.evaluate(WIDGET_FOCUSABLES)
    stops: list[dict] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP, tool)
        if step["left"]:
            stops.append(step["left"])
        if step["atBody"] and stops:
            break
    else:
        raise AssertionError("the Tab order never came back to the start")
    assert len(stops) >= 20, [stop["what"] for stop in stops]
    reached = {stop["what"] for stop in stops if stop["inWidget"]}
    missed = [item for item in in_widget if item not in reached]
    assert not missed, f"{tool}: not reachable with Tab: {missed}"
    invisible = [
        f"{stop['what']}: focused {styles(stop['focused'])}; unfocused {styles([stop['unfocused']])}"
        for stop in stops if not shows_focus(stop)
    ]
    assert not invisible, (
        f"{tool}: {len(invisible)} of {len(stops)} Tab stops show no focus\n"
        + "\n".join(invisible))
