"""Two languages for every string a person reads: chosen by `?lang=`, then a cookie, then Accept-Language.

`?lang=` on a page also sets a cookie, so the choice is remembered across pages. Strings live in one
table, the data file `strings.toml` beside this module; a template asks `t("key")` and gets the chosen
language, or the other one if a translation is missing (a test checks none is missing).
"""

import tomllib
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response, g, request
from markupsafe import Markup, escape

LANGUAGES = ("zh", "en")
COOKIE = "lang"

STRINGS: dict[str, dict[str, str]] = tomllib.loads(
    (Path(__file__).with_name("strings.toml")).read_text(encoding="utf-8")
)


def choose_language() -> str:
    """The language of this request: ?lang=, else the cookie, else the best of Accept-Language, else zh."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE, "")
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES) or "zh"


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def translate(key: str, lang: str | None = None) -> str:
    """The string `key` in `lang` (the request's by default), falling back to the other language."""
    lang = lang or g.get("lang", "zh")
    entry = STRINGS[key]
    return entry.get(lang) or entry[other(lang)]


def pick(values: dict[str, str], lang: str | None = None) -> str:
    """One value of a {language: text} mapping in `lang`, else the other language, else ''."""
    lang = lang or g.get("lang", "zh")
    return values.get(lang) or values.get(other(lang)) or ""


def both(zh: str, en: str) -> Markup:
    """A name in both languages, the page's first and the other (if any) marked as such. A template global
    in Python, as every entity page has one, and importing a Jinja macro costs each page more than this."""
    if g.get("lang") == "zh":
        other = f' <span class="other" lang="en">{escape(en)}</span>' if en else ""
        return Markup(f'<span lang="zh-Hans">{escape(zh)}</span>{other}')
    other = f' <span class="other" lang="zh-Hans">{escape(zh)}</span>' if zh else ""
    return Markup(f'<span lang="en">{escape(en or zh)}</span>{other}')


def init_app(app: Flask) -> None:
    """Choose the language before each request; remember an explicit ?lang= in a cookie."""

    @app.before_request
    def set_language() -> None:
        g.lang = choose_language()

    @app.after_request
    def remember_language(response: Response) -> Response:
        # only a page remembers: a download's `lang` (a named query's label language) is not the site's
        if request.args.get("lang") in LANGUAGES and response.mimetype == "text/html":
            response.set_cookie(COOKIE, request.args["lang"], max_age=365 * 24 * 3600, samesite="Lax")
        if response.mimetype == "text/html":
            response.vary.add("Accept-Language")
            response.vary.add("Cookie")
        return response

    app.jinja_env.globals.update(t=translate, pick=pick, both=both, lang_url=lang_url)

    @app.context_processor
    def language_context() -> dict:
        return {"other_lang": other(g.get("lang", "zh"))}


def lang_url(lang: str) -> str:
    """This page in `lang`: the same path and arguments with ?lang= replaced."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    return request.path + "?" + urlencode(args, doseq=True)
