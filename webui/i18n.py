"""Two languages for every string a person reads: chosen by `?lang=`, then a cookie, then Accept-Language.

`?lang=` also sets a cookie, so the choice is remembered across pages. Strings live in one table; a
template asks `t("key")` and gets the chosen language, or the other one if a translation is missing
(a test checks none is missing).
"""
from urllib.parse import urlencode

from flask import Flask, Response, g, request

LANGUAGES = ("zh", "en")
COOKIE = "lang"

STRINGS: dict[str, dict[str, str]] = {
    "site.name": {"zh": "对口支援知识图谱", "en": "duikou: counterpart-support knowledge graph"},
    "site.tagline": {"zh": "国办发〔2021〕15号：63个中央单位对口支援赣南等原中央苏区43个县（市、区）",
                     "en": "Guobanfa [2021] No. 15: 63 central units supporting 43 counties of the former "
                           "Central Soviet Area"},
    "nav.home": {"zh": "首页", "en": "Home"},
    "nav.browse": {"zh": "浏览", "en": "Browse"},
    "nav.notice": {"zh": "通知原文", "en": "The notice"},
    "nav.query": {"zh": "查询", "en": "Query"},
    "nav.queries": {"zh": "命名查询", "en": "Named queries"},
    "nav.validation": {"zh": "数据校验", "en": "Validation"},
    "nav.ontology": {"zh": "本体", "en": "Ontology"},
    "nav.dataset": {"zh": "数据集与下载", "en": "Dataset and downloads"},
    "nav.sparql": {"zh": "SPARQL 端点", "en": "SPARQL endpoint"},
    "nav.main": {"zh": "主导航", "en": "Main navigation"},
    "search.label": {"zh": "搜索", "en": "Search"},
    "search.placeholder": {"zh": "名称、简称、拼音或英文缩写", "en": "Name, abbreviation, pinyin or acronym"},
    "search.submit": {"zh": "搜索", "en": "Search"},
    "lang.switch": {"zh": "English", "en": "中文"},
    "lang.switch.label": {"zh": "切换到英文", "en": "Switch to Chinese"},
    "skip": {"zh": "跳到正文", "en": "Skip to content"},
    "footer.source": {"zh": "数据来源：国务院办公厅《国办发〔2021〕15号》，每一事实均可追溯到原文的行。",
                      "en": "Source: the notice Guobanfa [2021] No. 15 of the General Office of the State "
                            "Council; every fact traces back to its line."},
    "footer.licence": {"zh": "数据与本体以 CC BY 4.0 许可发布，代码以 MIT 许可发布。",
                       "en": "Data and ontology under CC BY 4.0, code under MIT."},
}


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


def init_app(app: Flask) -> None:
    """Choose the language before each request; remember an explicit ?lang= in a cookie."""

    @app.before_request
    def set_language() -> None:
        g.lang = choose_language()

    @app.after_request
    def remember_language(response: Response) -> Response:
        if request.args.get("lang") in LANGUAGES:
            response.set_cookie(COOKIE, request.args["lang"], max_age=365 * 24 * 3600, samesite="Lax")
        if response.mimetype == "text/html":
            response.vary.add("Accept-Language")
            response.vary.add("Cookie")
        return response

    app.jinja_env.globals.update(t=translate, pick=pick, lang_url=lang_url)

    @app.context_processor
    def language_context() -> dict:
        return {"other_lang": other(g.get("lang", "zh"))}


def lang_url(lang: str) -> str:
    """This page in `lang`: the same path and arguments with ?lang= replaced."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    return request.path + "?" + urlencode(args, doseq=True)
