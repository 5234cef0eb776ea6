"""The spreadsheets section of /dataset (and the home page's link to it): each table's files by header
language, taken from the distributions the build described, so only files that exist are offered."""

from graph.build.sheet_files import metadata_name, names
from graph.build.sheets import LANGUAGES, SHEETS
from webui import urls
from webui.state import current

KINDS = ("xlsx", "csv", "plain")  # Excel first: what most readers want


def sheet_names() -> set[str]:
    return {name for sheet in SHEETS for lang in LANGUAGES for name in names(sheet, lang).values()}


def sheets(described: dict | None) -> list[dict]:
    """For each table (pairings, units, counties): its titles and, per header language, each file's link,
    size and checksum, and each CSV's CSVW metadata; [] when the build has no spreadsheets."""
    if described is None:
        return []
    by_name = {d["name"]: d for d in described["distributions"] if d["href"]}
    found = []
    for sheet in SHEETS:
        languages: list[dict] = []
        for lang in LANGUAGES:
            files: list[dict] = [
                {
                    "kind": kind,
                    "lang": lang,
                    **by_name[name],
                    "metadata": urls.DOWNLOAD + metadata_name(name) if kind != "xlsx" else None,
                }
                for kind, name in ((kind, names(sheet, lang)[kind]) for kind in KINDS)
                if name in by_name
            ]
            if files:
                languages.append({"lang": lang, "files": files})
        if languages:
            title = {"zh": sheet.zh, "en": sheet.en}
            found.append({"slug": sheet.slug, "title": title, "languages": languages})
    return found


def sheet_href(slug: str, kind: str, lang: str) -> str | None:
    """The download of one spreadsheet (`pairings`, `xlsx`, `zh`), or None when this server has no build."""
    if current().build is None:
        return None
    sheet = next(s for s in SHEETS if s.slug == slug)
    return urls.DOWNLOAD + names(sheet, lang)[kind]


def sheets_anchor() -> str:
    """Where /dataset offers every spreadsheet."""
    return urls.DATASET + "#spreadsheets"
