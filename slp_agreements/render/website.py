"""The indicator profiles as a static website: an index with a filter by SDG and topic, one page per indicator.

Plain HTML, one style sheet and a small script, all relative links and no request to another server, so the folder
works from the file system and from any web server. Without JavaScript the index shows every indicator; the filter
is an addition. Headings, labels, table headers, focus and contrast follow WCAG 2.1 AA (checked with axe-core).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from slp_agreements.model.document import Profile
from slp_agreements.model.indicators import Indicator
from slp_agreements.model.labels import SITE_LABELS
from slp_agreements.model.names import path_segment
from slp_agreements.model.sdg import goal_name, goal_of, sort_key


@dataclass(frozen=True)
class SitePage:
    """One indicator with its profile rows, as the website shows it."""

    indicator: Indicator
    profile: Profile
    file: str


@dataclass(frozen=True)
class SiteBook:
    """What the website shows: title, project, introduction, the indicators and the downloads beside them."""

    lang: str
    title: str
    subtitle: str
    intro: list[str]
    pages: list[SitePage]
    downloads: list[tuple[str, str]]  # (file name, description)
    footer: str


def page_file(indicator_id: str) -> str:
    """The file name of an indicator's page: 'FW-01' → 'fw-01.html'."""
    return f"{path_segment(indicator_id, 60)}.html"


def site_pages(indicators: list[Indicator], profiles: list[Profile]) -> list[SitePage]:
    """Pages for the indicators, with file names that stay unique."""
    pages, taken = [], set()
    for ind, prof in zip(indicators, profiles, strict=True):
        name = page_file(ind.id)
        n = 2
        while name in taken:
            name, n = page_file(f"{ind.id}-{n}"), n + 1
        taken.add(name)
        pages.append(SitePage(ind, prof, name))
    return pages


def _document(book: SiteBook, title: str, body: str, *, script: bool = False) -> str:
    lab = SITE_LABELS[book.lang]
    tail = '\n<script src="filter.js"></script>' if script else ""
    return f"""<!DOCTYPE html>
<html lang="{book.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip" href="#inhalt">{lab["skip"]}</a>
{body}
<footer class="footer"><p>{escape(book.footer)}</p></footer>{tail}
</body>
</html>
"""


def _sdg_text(ids: Iterable[str], lang: str) -> str:
    return ", ".join(escape(i) for i in ids) or SITE_LABELS[lang]["none"]


def _filter_options(book: SiteBook) -> tuple[list[tuple[str, str]], list[str]]:
    """The SDG choices (goals with their targets and indicators present) and the topics, in order."""
    lab = SITE_LABELS[book.lang]
    ids = sorted({s for p in book.pages for s in p.indicator.sdg}, key=sort_key)
    goals = sorted({goal_of(s) for s in ids}, key=sort_key)
    options: list[tuple[str, str]] = []
    for goal in goals:
        options.append((goal, lab["goal"].format(goal=goal, name=goal_name(goal, book.lang))))
        options += [(s, f"\u2003{s}") for s in ids if goal_of(s) == goal and s != goal]
    topics = sorted({p.indicator.topic for p in book.pages if p.indicator.topic})
    return options, topics


def index_html(book: SiteBook) -> str:
    """The index: title, filter (shown once the script runs), the table of indicators and the downloads."""
    lab = SITE_LABELS[book.lang]
    sdg_options, topics = _filter_options(book)
    options = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in sdg_options)
    topic_options = "".join(f'<option value="{escape(t)}">{escape(t)}</option>' for t in topics)
    rows = []
    for page in book.pages:
        ind = page.indicator
        rows.append(
            f'<tr data-sdg="{escape(" ".join(ind.sdg))}" data-topic="{escape(ind.topic or "")}">'
            f"<td>{escape(ind.id)}</td>"
            f'<td><a href="{page.file}">{escape(ind.name)}</a></td>'
            f"<td>{escape(ind.topic or lab['none'])}</td>"
            f"<td>{_sdg_text(ind.sdg, book.lang)}</td>"
            f"<td>{escape(ind.unit)}</td></tr>"
        )
    downloads = "".join(f'<li><a href="{f}">{escape(f)}</a>: {escape(d)}</li>' for f, d in book.downloads)
    intro = "".join(f"<p>{escape(line)}</p>" for line in book.intro)
    subtitle = f'<p class="project">{escape(book.subtitle)}</p>' if book.subtitle else ""
    count = lab["count"].format(shown=len(book.pages), total=len(book.pages))
    body = f"""<header class="header">{subtitle}<h1>{escape(book.title)}</h1></header>
<main id="inhalt">
{intro}
<form id="filter" class="filter" role="search" aria-label="{lab["filter"]}" hidden>
<div class="field"><label for="f-sdg">{lab["filter_sdg"]}</label>
<select id="f-sdg" name="sdg"><option value="">{lab["all_sdg"]}</option>{options}</select></div>
<div class="field"><label for="f-topic">{lab["filter_topic"]}</label>
<select id="f-topic" name="topic"><option value="">{lab["all_topics"]}</option>{topic_options}</select></div>
<div class="field"><button type="reset">{lab["reset"]}</button></div>
</form>
<p id="anzahl" class="count" role="status" data-template="{escape(lab["count"])}">{count}</p>
<div class="scroll" role="region" aria-labelledby="liste-titel" tabindex="0">
<table id="liste">
<caption id="liste-titel">{lab["caption"]}</caption>
<thead><tr><th scope="col">{lab["id"]}</th><th scope="col">{lab["name"]}</th><th scope="col">{lab["topic"]}</th>\
<th scope="col">SDG</th><th scope="col">{lab["unit"]}</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
<p id="keine" class="count" hidden>{lab["none_found"]}</p>
<h2>{lab["downloads"]}</h2>
<ul class="downloads">{downloads}</ul>
</main>"""
    return _document(book, f"{book.title}" + (f" – {book.subtitle}" if book.subtitle else ""), body, script=True)


def indicator_html(book: SiteBook, n: int) -> str:
    """The page of one indicator: its profile as a table with row headers, links back and to its neighbours."""
    lab = SITE_LABELS[book.lang]
    page = book.pages[n]
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{escape(value)}</td></tr>' for label, value in page.profile.rows
    )
    goals = sorted({goal_of(s) for s in page.indicator.sdg}, key=sort_key)
    goal_text = "".join(f"<li>{escape(lab['goal'].format(goal=g, name=goal_name(g, book.lang)))}</li>" for g in goals)
    sdg_block = f"<h2>{lab['goals']}</h2><ul>{goal_text}</ul>" if goals else ""
    links = [f'<a href="index.html">{lab["back"]}</a>']
    if n > 0:
        prev = book.pages[n - 1]
        links.append(f'<a href="{prev.file}" rel="prev">{lab["prev"]}: {escape(prev.indicator.id)}</a>')
    if n + 1 < len(book.pages):
        nxt = book.pages[n + 1]
        links.append(f'<a href="{nxt.file}" rel="next">{lab["next"]}: {escape(nxt.indicator.id)}</a>')
    nav = "".join(f"<li>{link}</li>" for link in links)
    subtitle = f'<p class="project">{escape(book.subtitle)}</p>' if book.subtitle else ""
    body = f"""<header class="header">{subtitle}<p class="book"><a href="index.html">{escape(book.title)}</a></p>
<nav aria-label="{lab["nav"]}"><ul class="nav">{nav}</ul></nav></header>
<main id="inhalt">
<h1>{escape(page.profile.title)}</h1>
<table class="profile">
<caption>{lab["profile"]}</caption>
<tbody>{rows}</tbody>
</table>
{sdg_block}
</main>"""
    return _document(book, f"{page.profile.title} – {book.title}", body)


STYLE = """/* slp-agreements: indicator profiles. Colours meet WCAG 2.1 AA contrast; focus is always visible. */
:root { --text: #1b1b1b; --muted: #4a4a4a; --link: #0b4f8a; --line: #8a8a8a; --band: #eef3f8; --focus: #b34700; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Segoe UI", Arial, sans-serif; font-size: 1.0625rem; line-height: 1.5;
       color: var(--text); background: #fff; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; color: var(--link); padding: .5rem 1rem; }
.skip:focus { left: 0; z-index: 1; }
.header, main, .footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.header { padding-top: 1.5rem; }
.project, .book { margin: 0; color: var(--muted); }
h1 { font-size: 1.9rem; line-height: 1.25; margin: .25rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.filter { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; margin: 1.5rem 0 1rem; padding: 1rem;
          background: var(--band); border: 1px solid var(--line); }
.filter[hidden], .count[hidden] { display: none; }
.field { display: flex; flex-direction: column; gap: .25rem; }
label { font-weight: 600; }
select, button { font: inherit; color: var(--text); background: #fff; border: 1px solid var(--muted);
                 padding: .35rem .5rem; min-height: 2.5rem; }
button { cursor: pointer; }
.count { font-weight: 600; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .5rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--band); border-bottom: 2px solid var(--text); }
.profile th { width: 14rem; background: var(--band); }
tr[hidden] { display: none; }
.nav, .downloads { padding-left: 1.2rem; }
.nav { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; padding: 0; }
.footer { margin-top: 3rem; padding-bottom: 2rem; color: var(--muted); border-top: 1px solid var(--line); }
@media print { .filter, .skip, nav { display: none; } a { color: var(--text); } }
"""

SCRIPT = """// slp-agreements: filter the indicator list by SDG and topic; without this script every indicator is shown.
(function () {
  var form = document.getElementById("filter");
  if (!form) { return; }
  var sdg = document.getElementById("f-sdg");
  var topic = document.getElementById("f-topic");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#liste tbody tr"));
  var count = document.getElementById("anzahl");
  var none = document.getElementById("keine");
  function matches(row) {
    var wanted = sdg.value;
    var ids = (row.getAttribute("data-sdg") || "").split(" ");
    var bySdg = !wanted || ids.some(function (id) { return id === wanted || id.indexOf(wanted + ".") === 0; });
    var byTopic = !topic.value || row.getAttribute("data-topic") === topic.value;
    return bySdg && byTopic;
  }
  function update() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    none.hidden = shown !== 0;
  }
  form.hidden = false;
  count.setAttribute("aria-live", "polite");
  sdg.addEventListener("change", update);
  topic.addEventListener("change", update);
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  update();
})();
"""


def render_site(book: SiteBook) -> dict[str, bytes]:
    """The website's HTML, CSS and script files by name (the downloads are added by the caller)."""
    files = {"index.html": index_html(book), "style.css": STYLE, "filter.js": SCRIPT}
    for n, page in enumerate(book.pages):
        files[page.file] = indicator_html(book, n)
    return {name: text.encode("utf-8") for name, text in files.items()}
