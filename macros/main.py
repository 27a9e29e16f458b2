"""Render the engine's data into the pages: tables, static tool forms and sample letters.

Every rule, checklist item and sample letter on the site comes from the ``partways`` engine
through these macros, so nothing is written twice. The static forms are the tools' no-JS
versions: they carry the engine's field names and ``data-widget``/``data-output`` hooks.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from html import escape
from pathlib import Path
from typing import Any

import partways
from partways import cli
from partways._assess import VERDICTS, signal_definitions, signs_table
from partways._checklist import checklist
from partways._i18n import choice_labels, field_label
from partways._law import acts, parts, source
from partways._law import cite as cite_law
from partways._letter import KINDS, compose_letter
from partways._notice import compute_notice, rule_for
from partways._receipt import METHODS, compute_receipt

from .diagram import path_diagram_svg
from .download import megabytes, runtime_download_bytes
from .promises import hostile_payload_count, test_counts

HERE = Path(__file__).parent
DEFAULT_LANGUAGE = "en"
# The jurisdiction a page's tools start from: the reader of the Russian pages most likely
# works under Russian law, of the Polish pages under Polish law; English readers, anywhere.
PAGE_JURISDICTION = {"en": "other", "ru": "ru", "pl": "pl"}


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads((HERE / f"{name}.toml").read_text(encoding="utf-8"))


UI = _toml("ui")
LIVE = _toml("live")
SAMPLES = _toml("samples")
DIAGRAM = _toml("diagram")


def page_language(env: Any) -> str:
    """The language of the edition being built (mkdocs-static-i18n marks each page's file);
    a page not yet translated still gets its tools in the reader's language."""
    file = getattr(getattr(env, "page", None), "file", None)
    locale = getattr(file, "locale_alternate_of", None) or getattr(file, "locale", None)
    return locale if locale in partways.LANGUAGES else DEFAULT_LANGUAGE


def _attrs(**attributes: Any) -> str:
    parts = []
    for key, value in attributes.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        # A line break in a value (a textarea's placeholder) as a character reference, so the
        # Markdown around the macro's output never sees it.
        text = escape(str(value)).replace("\n", "&#10;")
        parts.append(name if value is True else f'{name}="{text}"')
    return " ".join(parts)


def _field_id(widget: str, name: str, value: str | None = None) -> str:
    return f"{widget}-{name}" + (f"-{value}" if value else "")


def _input(widget: str, lang: str, name: str, type_: str = "text", **extra: Any) -> str:
    field_id = _field_id(widget, name)
    label = escape(field_label(lang, name))
    attributes = _attrs(id=field_id, name=name, type=type_, **extra)
    return f'<p class="pw-field"><label for="{field_id}">{label}</label> <input {attributes}></p>'


def _options(lang: str, name: str, default: str | None) -> str:
    return "".join(
        f"<option {_attrs(value=value, selected=value == default)}>{escape(text)}</option>"
        for value, text in choice_labels(lang, name).items()
    )


def _select(widget: str, lang: str, name: str, default: str | None = None) -> str:
    field_id = _field_id(widget, name)
    label = escape(field_label(lang, name))
    return (
        f'<p class="pw-field"><label for="{field_id}">{label}</label> '
        f'<select {_attrs(id=field_id, name=name)}>{_options(lang, name, default)}</select></p>'
    )


def _jurisdiction(widget: str, lang: str) -> str:
    return _select(widget, lang, "jurisdiction", PAGE_JURISDICTION[lang])


def _checkbox(widget: str, name: str, value: str, text: str, checked: bool = False) -> str:
    field_id = _field_id(widget, name, value)
    box = _attrs(id=field_id, type="checkbox", name=name, value=value, checked=checked)
    return f'<label class="pw-check" for="{field_id}"><input {box}> {escape(text)}</label>'


def _widget(kind: str, form: str, output: str, ui: dict[str, str], lang: str,
            summary: str = "") -> str:
    """A tool: its static form, a summary slot kept in view while the form is long (the
    checklist's progress), and its output, upgraded in place by main.js."""
    labels = escape(json.dumps(live_labels(lang), ensure_ascii=False))
    summary_slot = f'<div class="pw-summary" data-summary>{summary}</div>' if summary else ""
    return (
        f'<div class="pw-widget" data-widget="{kind}" data-state="static" '
        f'data-labels="{labels}">{summary_slot}'
        f'<form class="pw-form" action="#" method="get" novalidate>{form}</form>'
        f'<p class="pw-static-note">{escape(ui["static_note"])}</p>'
        f'<div class="pw-output" data-output aria-live="polite">{output}</div>'
        "</div>"
    )


def live_labels(lang: str) -> dict[str, str]:
    """The live tools' words, with the size of the runtime a first visit downloads."""
    words = dict(LIVE[lang])
    size = runtime_download_bytes()
    if size is None:
        words["loading_runtime"] = words.pop("loading_runtime_unsized")
    else:
        del words["loading_runtime_unsized"]
        words["loading_runtime"] = words["loading_runtime"].format(megabytes=megabytes(size, lang))
    return words


def _period_field(widget: str, lang: str, given: dict[str, Any], *, placeholder: str | None = None,
                  mark: str = "") -> str:
    """The notice period as the engine takes it: an amount and its unit."""
    amount, unit = _period_of(given)
    amount_id, unit_id = _field_id(widget, "period"), _field_id(widget, "unit")
    number = _attrs(id=amount_id, name="period", type="number", min=1, step=1,
                    inputmode="numeric", value=amount, placeholder=placeholder,
                    required=bool(mark))
    return (
        f'<p class="pw-field pw-period"><label for="{amount_id}">'
        f'{escape(field_label(lang, "period"))}{mark}</label> <span class="pw-period__inputs">'
        f'<input {number}> <label class="pw-sr" for="{unit_id}">'
        f'{escape(field_label(lang, "unit"))}</label>'
        f'<select {_attrs(id=unit_id, name="unit")}>{_options(lang, "unit", unit)}</select>'
        "</span></p>"
    )


def _period_of(request: dict[str, Any]) -> tuple[Any, str]:
    """A request's period as (amount, unit), from ``period``/``unit`` or a unit's own key."""
    if "period" in request:
        return request["period"], request.get("unit", "days")
    unit = next((u for u in partways.UNITS if u in request), "days")
    return request.get(unit), unit


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A table as Markdown makes one: without a class, so Material styles it as its own and
    lets it scroll sideways in its box on a narrow screen instead of the page."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _period_words(request: dict[str, Any], lang: str) -> str:
    from partways._inflect import format_period

    amount, unit = _period_of(request)
    return format_period(int(amount), unit, lang)


# The acts and parts cited on each page being built, in order of first citation, so that the
# page's `sources()` lists exactly what it cites. Reset before each page (on_pre_page_macros).
_CITED: dict[tuple[str, str], dict[tuple[str, str | None], None]] = {}


def _page_key(env: Any) -> tuple[str, str]:
    file = getattr(getattr(env, "page", None), "file", None)
    return (getattr(file, "src_uri", ""), page_language(env))


def citation_link(citation: dict[str, Any], lang: str) -> str:
    """A citation (``Citation.to_dict()``) as the pages show it: linked to its act's official
    text and marked as coming from the registry (``pw-citation``; the site tests look for it)."""
    act, part = citation["act"], citation["part"]
    part_attr = f' data-part="{escape(part)}"' if part else ""
    title = source(act, part, lang).title
    return (f'<a class="pw-citation" data-act="{escape(act)}"{part_attr} '
            f'href="{escape(citation["url"])}" title="{escape(title)}">'
            f'{escape(citation["text"])}</a>')


def sources_list(entries: list[tuple[str, str | None]], lang: str) -> str:
    """The acts (and parts) in ``entries`` with their labelled official and reference links."""
    items = []
    for act, part in entries:
        found = source(act, part, lang)
        links = "; ".join(
            f'<a class="pw-source" data-kind="{link.kind}" href="{escape(link.url)}">'
            f"{escape(link.label)}</a>"
            for link in found.links
        )
        part_attr = f' data-part="{escape(part)}"' if part else ""
        items.append(f'<li data-act="{escape(act)}"{part_attr}>'
                     f'<span class="pw-source-title">{escape(found.title)}</span>. {links}</li>')
    return f'<ul class="pw-sources">{"".join(items)}</ul>'


def on_pre_page_macros(env: Any) -> None:
    _CITED.pop(_page_key(env), None)
# --- the letter's form ---------------------------------------------------------------------------

# Fields the letter cannot be written without (the engine says so too, as "required").
LETTER_REQUIRED = frozenset({"client", "contact", "sender", "company", "contract",
                             "period"})


def _required_mark(words: dict[str, str]) -> str:
    return f' <span class="pw-required">({escape(words["letter_required"])})</span>'


def _letter_control(lang: str, name: str, control: str, words: dict[str, str],
                    hint: str = "", field_id: str | None = None) -> str:
    """A labelled control of the letter's form, with its hint below the label."""
    field_id = field_id or _field_id("letter", name)
    mark = _required_mark(words) if name in LETTER_REQUIRED else ""
    hint_html = (f'<span class="pw-hint" id="{field_id}-hint">{escape(hint)}</span>'
                 if hint else "")
    return (f'<p class="pw-field"><label for="{field_id}">{escape(field_label(lang, name))}'
            f"{mark}</label> {control}{hint_html}</p>")


def _letter_input(lang: str, name: str, words: dict[str, str], type_: str = "text",
                  hint: str = "", **extra: Any) -> str:
    field_id = _field_id("letter", name)
    attributes = _attrs(
        id=field_id, name=name, type=type_, required=name in LETTER_REQUIRED,
        placeholder=words["placeholders"].get(name), autocomplete="off",
        aria_describedby=f"{field_id}-hint" if hint else None, **extra)
    return _letter_control(lang, name, f"<input {attributes}>", words, hint)


def _letter_textarea(lang: str, name: str, words: dict[str, str], rows: int = 3,
                     hint: str = "") -> str:
    field_id = _field_id("letter", name)
    attributes = _attrs(
        id=field_id, name=name, rows=rows, placeholder=words["placeholders"].get(name),
        aria_describedby=f"{field_id}-hint" if hint else None)
    return _letter_control(lang, name, f"<textarea {attributes}></textarea>", words, hint)


def _letter_select(lang: str, name: str, words: dict[str, str], default: str | None = None,
                   blank: bool = False) -> str:
    """A select of the engine's choices; ``blank`` adds a first "not stated" choice, which
    the page leaves out of the request (the engine's own default applies)."""
    options = (f'<option value="">{escape(words["letter_not_stated"])}</option>' if blank
               else "") + "".join(
        f"<option {_attrs(value=value, selected=value == default)}>{escape(text)}</option>"
        for value, text in choice_labels(lang, name).items()
    )
    field_id = _field_id("letter", name)
    return _letter_control(lang, name, f'<select {_attrs(id=field_id, name=name)}>{options}'
                           "</select>", words)


def _invoice_row(lang: str, words: dict[str, str], index: int) -> str:
    """One invoice as a group of fields named ``invoices.<index>.<cell>`` (0-based)."""
    cells = (("number", "text", {}), ("amount", "text", {"inputmode": "decimal"}),
             ("currency", "text", {"maxlength": 3, "size": 4, "autocapitalize": "characters"}),
             ("due", "date", {}))
    fields = []
    for cell, type_, extra in cells:
        name = f"invoices.{index}.{cell}"
        field_id = f"letter-invoices-{index}-{cell}"
        attributes = _attrs(id=field_id, name=name, type=type_, autocomplete="off",
                            placeholder=words["placeholders"].get(f"invoices.{cell}"), **extra)
        fields.append(f'<p class="pw-field"><label for="{field_id}">'
                      f'{escape(words["invoice_cells"][cell])}</label> '
                      f"<input {attributes}></p>")
    legend = words["invoice_row"].format(n=index + 1)
    return (f'<li class="pw-row" data-row="{index}"><fieldset><legend>{escape(legend)}</legend>'
            f'{"".join(fields)}</fieldset></li>')


def _invoices_fieldset(lang: str, words: dict[str, str]) -> str:
    row_label = words["invoice_row"]
    return (
        f'<fieldset class="pw-invoices" data-repeat="invoices" data-for-reason="unpaid_invoices" '
        f'data-row-label="{escape(row_label)}" aria-describedby="letter-invoices-hint">'
        f'<legend>{escape(field_label(lang, "invoices"))}</legend>'
        f'<p class="pw-hint" id="letter-invoices-hint">{escape(words["letter_invoices_hint"])}</p>'
        f'<ol class="pw-rows" data-rows>{_invoice_row(lang, words, 0)}</ol></fieldset>'
    )


def _fieldsets(words: dict[str, str], groups: tuple[tuple[str, str], ...],
               for_kinds: dict[str, str] | None = None) -> str:
    kinds = for_kinds or {}
    opening = {legend: f'<fieldset data-for-kind="{escape(kinds[legend])}">' for legend in kinds}
    return "".join(
        f"{opening.get(legend, '<fieldset>')}<legend>{escape(words[legend])}</legend>{body}"
        "</fieldset>"
        for legend, body in groups
    )


def _for_kind(kinds: str, html: str) -> str:
    """Fields only the given kinds of letter use (space-separated kind names)."""
    return f'<div data-for-kind="{escape(kinds)}">{html}</div>'


def _letter_fields(lang: str, words: dict[str, str]) -> str:
    """The letter's form: every field empty, with an example as its placeholder. What every
    letter needs comes first; the details a formal letter adds (salutation, addresses,
    titles, dates, how it is sent) wait in "More details"."""
    client = (
        _letter_input(lang, "client", words) + _letter_input(lang, "contact", words)
        + _letter_input(lang, "contact_email", words, "email")
    )  # fmt: skip
    sender = (
        _letter_input(lang, "sender", words) + _letter_input(lang, "company", words)
        + _letter_input(lang, "sender_email", words, "email")
    )  # fmt: skip
    # What only some kinds of letter use is marked with them (data-for-kind); the page hides
    # it for the others once its script runs, and shows everything without it.
    kind = (
        _letter_select(lang, "kind", words, "notice")
        + f'<p class="pw-hint">{escape(words["letter_kind_hint"])}</p>'
    )  # fmt: skip
    terms = (
        _letter_input(lang, "contract", words)
        + _jurisdiction("letter", lang)
        + _for_kind("notice agreement", _letter_input(lang, "received", words, "date")
                    + _period_field("letter", lang, {},
                                    placeholder=words["placeholders"].get("period"),
                                    mark=_required_mark(words)))
        + _for_kind("agreement", _letter_input(lang, "end_date", words, "date",
                                               hint=words["letter_end_date_hint"]))
    )  # fmt: skip
    style = (
        _letter_select(lang, "lang", words, lang)
        + _for_kind("notice agreement", _letter_select(lang, "reason", words))
        + _letter_select(lang, "tone", words, "neutral")
    )  # fmt: skip
    grounds = (
        f'<p class="pw-hint">{escape(words["letter_grounds_note"])}</p>'
        + _letter_input(lang, "clause", words)
        + '<div data-for-reason="breach">'
        + _letter_textarea(lang, "facts", words, rows=4, hint=words["letter_facts_hint"])
        + "</div>" + _invoices_fieldset(lang, words)
        + f'<div data-for-reason="unpaid_invoices">{_letter_input(lang, "pay_by", words, "date")}'
        + "</div>"
        + _for_kind("payment_demand", _letter_input(lang, "bank_account", words))
    )  # fmt: skip
    defaults = {"finish_stage", "handover", "data", "final_invoice"}
    options = "".join(
        _checkbox("letter", "options", value, text, checked=value in defaults)
        for value, text in choice_labels(lang, "options").items()
    ) + _letter_input(lang, "partner", words) + _for_kind(
        "agreement", _checkbox("letter", "release", "true", field_label(lang, "release")))
    more = _fieldsets(words, (
        ("letter_client_legend", _letter_select(lang, "contact_gender", words)
         + _letter_textarea(lang, "client_address", words)),
        ("letter_sender_legend", _letter_input(lang, "signatory_title", words)
         + _letter_textarea(lang, "sender_address", words)),
        ("letter_dates_legend", _letter_input(lang, "contract_date", words, "date")
         + _letter_input(lang, "letter_date", words, "date")),
        ("letter_sending_legend", _letter_input(lang, "place", words)
         + _letter_select(lang, "delivery", words, blank=True)
         + _checkbox("letter", "acknowledge", "true", field_label(lang, "acknowledge"))),
    ))  # fmt: skip
    return (
        _fieldsets(words, (
            ("letter_kind_legend", kind),
            ("letter_client_legend", client), ("letter_sender_legend", sender),
            ("letter_terms_legend", terms), ("letter_style_legend", style),
            ("letter_grounds_legend", grounds), ("letter_options_legend", options),
        ), for_kinds={"letter_options_legend": "notice agreement"})
        + f'<details class="pw-more"><summary>{escape(words["letter_more"])}</summary>{more}'
        "</details>"
    )  # fmt: skip


def sample_letter_requests(lang: str, kinds: tuple[str, ...] = KINDS) -> list[dict[str, Any]]:
    """The inputs of the sample letters shown in ``lang``: a notice per reason, each with the
    details its reason needs (the unpaid invoices, the facts of a breach), then one letter of
    each other kind with what it needs (an agreement's end date, a demand's invoices)."""
    base = SAMPLES["letter"][lang]
    extra = SAMPLES["letter_by_reason"]
    notices = [
        {**base, **extra.get(reason, {}).get(lang, {}), "lang": lang, "reason": reason}
        for reason in choice_labels(lang, "reason")
    ] if "notice" in kinds else []  # fmt: skip
    others = [
        {**base, **SAMPLES["letter_by_kind"][kind][lang], "lang": lang, "kind": kind}
        for kind in kinds if kind != "notice"
    ]
    return notices + others


def sample_id(request: dict[str, Any]) -> str:
    """How a sample letter is marked on the page: its reason for a notice, else its kind."""
    kind = request.get("kind", "notice")
    return request["reason"] if kind == "notice" else kind


def define_env(env: Any) -> None:
    def ui() -> dict[str, str]:
        return UI[page_language(env)]

    @env.macro
    def not_legal_advice() -> str:
        words = ui()
        return (
            f'<div class="admonition warning pw-legal-notice" role="note">'
            f'<p class="admonition-title">{escape(words["not_legal_advice_title"])}</p>'
            f"<p>{escape(words['not_legal_advice'])}</p></div>"
        )

    @env.macro
    def cite(act: str, *articles: str, point: int | None = None, letter: str | None = None,
             following: bool = False, short: bool = False) -> str:
        """A linked citation from the legal-source registry, in the page's language:
        ``{{ cite("ru_gk", "782", point=2) }}`` → «п. 2 ст. 782 ГК РФ» on a Russian page."""
        lang = page_language(env)
        citation = cite_law(act, *articles, point=point, letter=letter, following=following,
                            lang=lang, short=short)
        _CITED.setdefault(_page_key(env), {})[(citation.act, citation.part)] = None
        return citation_link(citation.to_dict(), lang)

    @env.macro
    def sources(*extra: str, every: bool = False) -> str:
        """The page's sources: every act (or part of a code) it cited so far and the ``extra``
        acts, in the registry's order; ``every=True`` lists the whole registry."""
        lang = page_language(env)
        if every:
            entries = [(act, part) for act in acts() for part in parts(act)]
        else:
            cited = set(_CITED.get(_page_key(env), {}))
            cited |= {(act, part) for act in extra for part in parts(act)}
            # In the registry's order: Part One before Part Two, whatever was cited first.
            entries = [(act, part) for act in acts() for part in parts(act)
                       if (act, part) in cited]
        return sources_list(entries, lang)

    @env.macro
    def path_diagram() -> str:
        lang = page_language(env)
        data = DIAGRAM[lang]
        # Links stay in the page's edition: count the depth below the language's root.
        url = env.page.url if getattr(env, "page", None) else ""
        below_root = url.removeprefix(f"{lang}/") if lang != DEFAULT_LANGUAGE else url
        prefix = "../" * below_root.count("/")
        steps = [{**step, "href": prefix + step["href"]} for step in data["steps"]]
        svg = path_diagram_svg(steps, data["title"], data["description"], columns=data["columns"])
        return f'<figure class="pw-diagram">{svg}</figure>'


    @env.macro
    def warning_signs_table() -> str:
        words = ui()
        rows = [
            [escape(sign["label"]), escape(sign["line"]), escape(sign["action"])]
            for sign in signs_table(page_language(env))
        ]
        return _table([words["col_sign"], words["col_line"], words["col_action"]], rows)

    @env.macro
    def assess_form() -> str:
        lang, words = page_language(env), ui()
        fields = []
        for signal in signal_definitions(lang):
            if signal["kind"] == "days":
                fields.append(
                    _input("assess", lang, signal["name"], "number", min=signal["min"],
                           max=signal["max"], step=1, value=0, inputmode="numeric")
                )
            else:
                fields.append(_checkbox("assess", signal["name"], "true", signal["label"]))
        form = (
            _select("assess", lang, "contract_type", "unknown")
            + f"<fieldset><legend>{escape(words['assess_legend'])}</legend>{''.join(fields)}"
            "</fieldset>"
        )
        verdicts = "".join(
            f"<li><strong>{escape(v['title'])}</strong> — {escape(v['summary'])}</li>"
            for v in _verdict_summaries(lang)
        )
        output = f"<p>{escape(words['verdicts_intro'])}</p><ul>{verdicts}</ul>"
        return _widget("assess", form, output, words, lang)

    @env.macro
    def checklist_form() -> str:
        lang, words = page_language(env), ui()
        jurisdiction = PAGE_JURISDICTION[lang]
        result = checklist({"jurisdiction": jurisdiction, "lang": lang})
        groups = []
        for group in result.groups:
            items = []
            for item in group["items"]:
                box = _checkbox("checklist", "done", item["id"], item["text"])
                tags = []
                if item["blocking"]:
                    tags.append(f'<span class="pw-blocking">{escape(words["checklist_blocking"])}'
                                "</span>")
                if item["citations"]:
                    links = "; ".join(citation_link(c, lang) for c in item["citations"])
                    tags.append(f'<span class="pw-cite">{escape(words["checklist_cite"])}: '
                                f"{links}</span>")
                items.append(
                    f'<li data-item="{escape(item["id"])}">{box}'
                    f'<span class="pw-why">{escape(item["why"])}</span> {" ".join(tags)}</li>'
                )
            groups.append(
                f'<fieldset data-group="{escape(group["id"])}"><legend>{escape(group["title"])}'
                f'</legend><ul class="pw-checklist">{"".join(items)}</ul></fieldset>'
            )
        form = _jurisdiction("checklist", lang) + "".join(groups)
        progress = words["checklist_progress"].format(
            done=0, total=result.total, blocking=len(result.blockers_left)
        )
        return _widget("checklist", form, "", words, lang, summary=f"<p>{escape(progress)}</p>")

    @env.macro
    def notice_rules_table() -> str:
        lang, words = page_language(env), ui()
        jurisdictions = choice_labels(lang, "jurisdiction")
        rows = []
        for code in partways.JURISDICTIONS:
            rule = rule_for(code, lang)
            rows.append([escape(jurisdictions[code]), escape(rule["title"]), _cited(rule),
                         escape(rule["explanation"])])
        headers = [words["col_jurisdiction"], words["col_rule"], words["col_citation"],
                   words["col_what"]]
        return _table(headers, rows)

    @env.macro
    def notice_form() -> str:
        lang, words = page_language(env), ui()
        received = SAMPLES["notice"]["received"]
        ((unit, amount),) = SAMPLES["notice"]["examples"][0].items()
        # The law first (it decides how the period counts), then the day, then the period
        # as the engine takes it: one number and its unit.
        form = (
            _jurisdiction("notice", lang)
            + _input("notice", lang, "received", "date", value=received, required=True)
            + _period_field("notice", lang, {"period": amount, "unit": unit})
            + _checkbox("notice", "end_of_month", "true", field_label(lang, "end_of_month"))
        )
        return _widget("notice", form, _notice_examples(lang, words), words, lang)

    @env.macro
    def receipt_form() -> str:
        """When a notice counts as received: sent on a day, by a way, under a law."""
        lang, words = page_language(env), ui()
        sent = SAMPLES["receipt"]["sent"]
        form = (
            _jurisdiction("receipt", lang)
            + _input("receipt", lang, "sent", "date", value=sent, required=True)
            + _select("receipt", lang, "method", "email")
        )
        return _widget("receipt", form, _receipt_examples(lang, words), words, lang)

    @env.macro
    def letter_form() -> str:
        lang, words = page_language(env), ui()
        return _widget("letter", _letter_fields(lang, words),
                       f'<p class="pw-static-output">{escape(words["letter_static_output"])}</p>',
                       words, lang)

    @env.macro
    def sample_letters(kinds: str = " ".join(KINDS)) -> str:
        """The sample letters of the given kinds (space-separated names): notices, one per
        reason, then one letter of each other kind."""
        lang, words = page_language(env), ui()
        reasons = choice_labels(lang, "reason")
        tones = choice_labels(lang, "tone")
        kind_names = choice_labels(lang, "kind")
        jurisdictions = choice_labels(lang, "jurisdiction")
        blocks = []
        for request in sample_letter_requests(lang, tuple(kinds.split())):
            if request.get("kind", "notice") == "notice":
                caption = words["sample_caption"].format(
                    reason=reasons[request["reason"]], tone=tones[request["tone"]].lower(),
                    contract=request["contract"], received=request["received"],
                    period=_period_words(request, lang),
                    jurisdiction=jurisdictions[request["jurisdiction"]],
                )
            else:
                caption = words["sample_kind_caption"].format(
                    kind=kind_names[request["kind"]], tone=tones[request["tone"]].lower(),
                    contract=request["contract"],
                    jurisdiction=jurisdictions[request["jurisdiction"]],
                )
            text = compose_letter(request).text
            blocks.append(
                f'<figure class="pw-sample" data-sample="{escape(sample_id(request))}">'
                f'<figcaption><strong>{escape(words["sample_label"])}.</strong> '
                f"{escape(caption)}</figcaption>"
                f'<pre class="pw-letter">{escape(text)}</pre></figure>'
            )
        return "".join(blocks)

    @env.macro
    def tests_behind(promise: str) -> int:
        """How many tests of the suite keep a promise of the security page."""
        return test_counts()[promise]

    env.macro(hostile_payload_count)

    @env.macro
    def cli_help() -> str:
        parser = cli._build_parser()
        commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
        helps = [parser.format_help()] + [sub.format_help() for sub in commands.values()]
        return "\n".join(f'<pre class="pw-cli"><code>{escape(h)}</code></pre>' for h in helps)


def _verdict_summaries(lang: str) -> list[dict[str, str]]:
    from partways._data import load

    verdicts = load("assessment")["verdicts"]
    return [{"id": v, **verdicts[v][lang]} for v in VERDICTS]


def _cited(rule: dict[str, Any]) -> str:
    """A rule's citation linked to where it can be read: the official text first."""
    links = rule.get("links") or []
    if not links:
        return escape(rule["citation"])
    first, *others = links
    cited = f'<a href="{escape(first["url"])}">{escape(rule["citation"])}</a>'
    more = ", ".join(f'<a href="{escape(link["url"])}">{escape(link["name"])}</a>'
                     for link in others)
    return cited + (f" ({more})" if more else "")


def _notice_examples(lang: str, words: dict[str, str]) -> str:
    from partways._inflect import format_date

    received = dt.date.fromisoformat(SAMPLES["notice"]["received"])
    jurisdictions = choice_labels(lang, "jurisdiction")
    parts = [f"<h3>{escape(words['notice_example_title'])}</h3>"]
    for example in SAMPLES["notice"]["examples"]:
        ((unit, amount),) = example.items()
        rows, notes = [], []
        for code, name in jurisdictions.items():
            result = compute_notice(received, amount, unit, code, lang)
            moved = "; ".join(f"{format_date(m.date, lang)}: {m.reason}" for m in result.moved_by)
            moved_end = format_date(result.moved_end, lang) if result.moved_by else "—"
            if result.disputed:
                moved_end += f" ({words['disputed_mark']})"
            rows.append([escape(name), escape(format_date(result.period_end, lang)),
                         escape(moved_end),
                         f"<strong>{escape(format_date(result.end_date, lang))}</strong>",
                         escape(moved or "—")])
            notes += [note.text for note in result.notes if note.kind == "disputed"]
        caption = words["notice_example_caption"].format(
            received=format_date(received, lang), period=_period_words({unit: amount}, lang)
        )
        headers = [words["col_jurisdiction"], words["col_period_end"], words["col_moved_end"],
                   words["col_end_date"], words["col_moved"]]
        parts.append(f"<p>{escape(caption)}</p>" + _table(headers, rows)
                     + "".join(f'<p class="pw-note" data-note="disputed">{escape(text)}</p>'
                               for text in notes))
    return "".join(parts)


def _receipt_examples(lang: str, words: dict[str, str]) -> str:
    from partways._inflect import format_date

    sent = dt.date.fromisoformat(SAMPLES["receipt"]["sent"])
    jurisdictions = choice_labels(lang, "jurisdiction")
    methods = choice_labels(lang, "method")
    rows = []
    for code, name in jurisdictions.items():
        for method in METHODS:
            result = compute_receipt(sent, method, code, lang)
            data = result.to_dict()
            received = format_date(result.received, lang)
            if result.estimate:
                received += f" ({words['estimate_mark']})"
            rows.append([escape(name), escape(methods[method]), escape(received),
                         escape(data["certainty_label"]), _cited(data["rule"])])
    caption = words["receipt_example_caption"].format(sent=format_date(sent, lang))
    headers = [words["col_jurisdiction"], words["col_method"], words["col_received"],
               words["col_certainty"], words["col_citation"]]
    return (f"<h3>{escape(words['notice_example_title'])}</h3><p>{escape(caption)}</p>"
            + _table(headers, rows))
