"""Two languages for every string a person reads: chosen by `?lang=`, then a cookie, then Accept-Language.

`?lang=` also sets a cookie, so the choice is remembered across pages. Strings live in one table; a
template asks `t("key")` and gets the chosen language, or the other one if a translation is missing
(a test checks none is missing).
"""

from urllib.parse import urlencode

from flask import Flask, Response, g, request
from markupsafe import Markup, escape

LANGUAGES = ("zh", "en")
COOKIE = "lang"

STRINGS: dict[str, dict[str, str]] = {
    # --- the links report (/links) ---
    "nav.links": {"zh": "外部链接", "en": "Links"},
    "links.title": {"zh": "外部链接报告", "en": "Links report"},
    "links.intro": {
        "zh": "本图谱与其他开放数据集（国家统计局区划代码、维基数据）之间的链接：每个目标的覆盖率，以及每个未链接的条目及其原因。只有经核实的链接才写入图谱。",
        "en": "The links from this graph to other open datasets (the NBS division codes, Wikidata): coverage per "
        "target, and every item not linked with the reason. Only verified links enter the graph.",
    },
    "links.unavailable": {
        "zh": "没有本站的构建结果，无法显示链接报告。",
        "en": "There is no build of our own here, so no links report.",
    },
    "links.coverage": {"zh": "覆盖率", "en": "Coverage"},
    "links.target": {"zh": "目标", "en": "Target"},
    "links.predicate": {"zh": "链接属性", "en": "Link property"},
    "links.linked": {"zh": "已链接", "en": "Linked"},
    "links.linkset": {"zh": "链接集文件", "en": "Linkset file"},
    "links.unlinked": {"zh": "未链接的 {n} 项", "en": "{n} items not linked"},
    "links.item": {"zh": "条目", "en": "Item"},
    "links.status": {"zh": "状态", "en": "Status"},
    "links.candidates": {"zh": "候选", "en": "Candidates"},
    "links.evidence": {"zh": "依据", "en": "Evidence"},
    "links.all-linked": {"zh": "全部已链接。", "en": "Everything is linked."},
    "links.target.nbs-2023.divisions": {
        "zh": "区划 → 国家统计局统计用区划代码（2023年）",
        "en": "Divisions → NBS statistical division codes (2023)",
    },
    "links.target.wikidata.divisions": {"zh": "区划 → 维基数据", "en": "Divisions → Wikidata"},
    "links.target.wikidata.units": {"zh": "对口支援单位 → 维基数据", "en": "Supporting units → Wikidata"},
    "links.target.official-page.documents": {
        "zh": "文件 → 官方发布页面",
        "en": "Documents → official publication page",
    },
    "site.name": {"zh": "对口支援知识图谱", "en": "duikou: counterpart-support knowledge graph"},
    "site.tagline": {
        "zh": "国办发〔2021〕15号：63个中央单位对口支援赣南等原中央苏区43个县（市、区）",
        "en": "Guobanfa [2021] No. 15: 63 central units supporting 43 counties of the former "
        "Central Soviet Area",
    },
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
    "footer.source": {
        "zh": "数据来源：国务院办公厅《国办发〔2021〕15号》，每一事实均可追溯到原文的行。",
        "en": "Source: the notice Guobanfa [2021] No. 15 of the General Office of the State "
        "Council; every fact traces back to its line.",
    },
    "footer.licence": {
        "zh": "数据与本体以 CC BY 4.0 许可发布，代码以 MIT 许可发布。",
        "en": "Data and ontology under CC BY 4.0, code under MIT.",
    },
    # -- query editor and named query pages (webui/editor.py) --------------------------------------
    "editor.title": {"zh": "SPARQL 查询", "en": "SPARQL query"},
    "editor.intro": {
        "zh": "用 SPARQL 查询本图谱。结果中的 IRI 以其标签显示，并链接到对应页面。",
        "en": "Query the graph with SPARQL. IRIs in the answer are shown by their labels and "
        "link to their pages.",
    },
    "editor.label": {"zh": "查询（SPARQL）", "en": "Query (SPARQL)"},
    "editor.hint": {
        "zh": "Tab 插入两个空格；先按 Esc 再按 Tab（或按 Shift+Tab）可离开编辑框；"
        "Ctrl+Enter 或 ⌘+Enter 运行查询。",
        "en": "Tab inserts two spaces; press Esc then Tab (or Shift+Tab) to leave the editor; "
        "Ctrl+Enter or ⌘+Enter runs the query.",
    },
    "editor.run": {"zh": "运行查询", "en": "Run query"},
    "editor.limits": {
        "zh": "只接受查询（不接受 SPARQL Update）。每个查询最多运行 {seconds} 秒，"
        "结果最多 {rows} 行（或三元组），超出部分截断并标明。",
        "en": "Queries only (no SPARQL Update). A query may run for {seconds} s; an answer "
        "has at most {rows} rows (or triples), and a longer one is cut and flagged.",
    },
    "editor.service.none": {
        "zh": "不允许 SERVICE；FROM 只能指本库中的图，不会抓取外部数据。",
        "en": "SERVICE is not allowed; FROM names graphs of this store, nothing is fetched.",
    },
    "editor.service.some": {"zh": "SERVICE 只能调用：", "en": "SERVICE may call only:"},
    "editor.examples": {"zh": "示例：命名查询", "en": "Examples: the named queries"},
    "editor.examples.jump": {"zh": "示例查询", "en": "Example queries"},
    "editor.examples.hint": {
        "zh": "选择一个查询，将其文本载入编辑框（参数以 VALUES 块填入默认值）。",
        "en": "Choose one to load its text into the editor (its parameters bound to "
        "their defaults in a VALUES block).",
    },
    "problem.title": {"zh": "查询未能运行（HTTP {status}）", "en": "The query could not run (HTTP {status})"},
    "problem.400": {
        "zh": "查询文本或参数有误，请修改后重试（语法错误会注明 行:列）：",
        "en": "The query text or a parameter is not valid; correct it and try again (a syntax "
        "error gives its line:column):",
    },
    "problem.403": {
        "zh": "此查询不被允许：本站只接受只读查询，SERVICE 仅限许可的端点。",
        "en": "This query is not allowed here: only read-only queries, and SERVICE only to "
        "allowed endpoints.",
    },
    "problem.413": {"zh": "查询文本太长。", "en": "The query text is too long."},
    "problem.429": {
        "zh": "查询太频繁：请等上一个查询结束，或稍后再试。",
        "en": "Too many queries: wait for your last one to finish, or try again a little later.",
    },
    "problem.502": {"zh": "SPARQL 存储未能回答。", "en": "The SPARQL store could not answer."},
    "queries.notfound": {"zh": "没有这个命名查询", "en": "No such named query"},
    "queries.notfound.near": {"zh": "名称相近的查询", "en": "Queries with a similar name"},
    "problem.503": {
        "zh": "查询超过时间限制，已被终止；请简化查询（减少连接，加 LIMIT）后重试。",
        "en": "The query ran past the time limit and was stopped; simplify it (fewer joins, "
        "a LIMIT) and try again.",
    },
    "problem.other": {"zh": "查询未能运行。", "en": "The query could not run."},
    "results.title": {"zh": "结果", "en": "Results"},
    "results.rows": {"zh": "{count} 行", "en": "{count} rows"},
    "results.triples": {"zh": "{count} 个三元组", "en": "{count} triples"},
    "results.elapsed": {"zh": "用时 {ms} 毫秒", "en": "in {ms} ms"},
    "results.truncated": {
        "zh": "结果已截断：只显示（和下载）前 {rows} 行。请用 LIMIT 和 OFFSET 分页。",
        "en": "The answer was cut at the row cap: only its first {rows} rows are shown "
        "(and downloaded). Use LIMIT and OFFSET to page through it.",
    },
    "results.none": {"zh": "没有结果。", "en": "No results."},
    "results.table": {"zh": "结果表格（可横向滚动）", "en": "Table of results (scrolls sideways)"},
    "results.ask": {"zh": "答案", "en": "Answer"},
    "results.download": {"zh": "下载", "en": "Download"},
    "results.permalink": {"zh": "此查询的永久链接", "en": "Permalink to this query"},
    "results.subject": {"zh": "主语", "en": "Subject"},
    "results.predicate": {"zh": "谓语", "en": "Predicate"},
    "results.object": {"zh": "宾语", "en": "Object"},
    "queries.title": {"zh": "命名查询", "en": "Named queries"},
    "queries.intro": {
        "zh": "每个命名查询都有自己的页面、参数表单，以及 JSON、CSV、TSV 和 XML 输出。",
        "en": "Each named query has its own page with a form for its parameters, and JSON, "
        "CSV, TSV and XML output.",
    },
    "queries.all": {"zh": "全部命名查询及其参数", "en": "All named queries and their parameters"},
    "queries.crumbs": {"zh": "位置", "en": "Breadcrumbs"},
    "queries.tags": {"zh": "标签", "en": "Tags"},
    "queries.parameters": {"zh": "参数", "en": "Parameters"},
    "queries.none": {"zh": "无参数。", "en": "No parameters."},
    "queries.default": {"zh": "默认值", "en": "default"},
    "queries.run": {"zh": "运行", "en": "Run"},
    "queries.text": {"zh": "查询文本", "en": "Query text"},
    "queries.open": {
        "zh": "在查询编辑器中打开（参数已填入）",
        "en": "Open in the query editor (parameters filled in)",
    },
    "queries.type.iri": {"zh": "IRI", "en": "IRI"},
    "queries.type.string": {"zh": "文本", "en": "text"},
    "queries.type.language": {"zh": "语言标签", "en": "language tag"},
    "queries.type.integer": {"zh": "整数", "en": "integer"},
    "queries.type.code": {"zh": "六位行政区划代码", "en": "6-digit division code"},
    # -- end of query editor strings ----------------------------------------------------------------
    # -- home, notice, browse and search pages (webui/home.py, notice.py, browse.py, search.py) ---------
    "home.title": {"zh": "对口支援知识图谱", "en": "The counterpart-support knowledge graph"},
    "home.intro": {
        "zh": "本数据集是国务院办公厅《国办发〔2021〕15号》通知的开放关联数据：63个中央国家机关及有关单位"
        "对口支援赣南等原中央苏区43个县（市、区），2021年至2030年。每个结对关系、单位和县都有自己的"
        "IRI，每一事实都可追溯到通知原文的行。",
        "en": "This dataset is the State Council General Office notice 国办发〔2021〕15号 as open "
        "linked data: 63 central state organs and related units supporting 43 counties "
        "of Gannan and the other former Central Soviet Areas, 2021–2030. Every pairing, "
        "unit and county has its own IRI, and every fact traces back to a line of the "
        "notice.",
    },
    "home.source": {"zh": "来源", "en": "Source"},
    "home.source.read": {"zh": "阅读通知原文", "en": "Read the notice"},
    "home.source.data": {"zh": "通知的数据页", "en": "The notice's data page"},
    "home.issued": {"zh": "成文日期", "en": "Issued"},
    "home.counts": {"zh": "数据概览", "en": "At a glance"},
    "home.count.units": {"zh": "对口支援单位", "en": "supporting units"},
    "home.count.counties": {"zh": "受援县（市、区）", "en": "recipient counties"},
    "home.count.pairings": {"zh": "结对关系", "en": "pairings"},
    "home.count.leads": {"zh": "牵头部门", "en": "lead departments"},
    "home.count.provinces": {"zh": "省份", "en": "provinces"},
    "home.count.cities": {"zh": "地级市", "en": "prefecture cities"},
    "home.search": {"zh": "查找单位或地方", "en": "Find a unit or a place"},
    "home.search.examples": {"zh": "例如：", "en": "For example:"},
    "home.browse": {"zh": "按类浏览全部实体", "en": "Browse everything by class"},
    "home.diagram": {"zh": "结对全图", "en": "The whole programme"},
    "home.diagram.intro": {
        "zh": "61个结对关系，按省、地级市和县（市、区）分组；县按区划代码排列。"
        "每个县和单位都链接到它的页面；单位前的字母标明其类别。",
        "en": "The 61 pairings grouped by province, prefecture city and county; counties "
        "in code order. Every county and unit links to its page; the letter before "
        "a unit marks its category.",
    },
    "home.leads": {"zh": "牵头部门", "en": "Lead departments"},
    "home.leads.intro": {
        "zh": "负责组织协调和统筹指导，不安排具体对口支援关系。",
        "en": "They organise, coordinate and guide the work, and have no county of their own.",
    },
    "home.legend": {"zh": "单位类别", "en": "Unit categories"},
    "home.units.count": {"zh": "{count} 个单位", "en": "{count} units"},
    "home.counties.count": {"zh": "{count} 个县（市、区）", "en": "{count} counties"},
    "home.code": {"zh": "区划代码", "en": "code"},
    "notice.title": {"zh": "通知原文", "en": "The text of the notice"},
    "notice.toc": {"zh": "目录", "en": "Contents"},
    "notice.note": {
        "zh": "以下是通知的全文，按来源文本逐行排列；行号可以链接，文中的单位、地方和文件链接到它们的页面。",
        "en": "The full text of the notice, line by line as in the source; line numbers are "
        "links, and the units, places and documents it names link to their pages.",
    },
    "notice.note.chinese": {
        "zh": "原文为中文。",
        "en": "The text is the Chinese original (the source of every fact here); titles "
        "are given in English beside it.",
    },
    "notice.entity": {"zh": "本通知的数据页", "en": "The notice's data page"},
    "notice.line": {"zh": "第{number}行", "en": "Line {number}"},
    "notice.lines": {"zh": "共 {count} 行（不计空行）", "en": "{count} lines (blank lines not counted)"},
    "browse.title": {"zh": "浏览", "en": "Browse"},
    "browse.intro": {
        "zh": "按类列出图谱中的实体；用左侧的分面筛选，括号中的数字是选择该值后的结果数。",
        "en": "The graph's entities, a class at a time; narrow them with the facets, where each "
        "number is how many results that choice leaves.",
    },
    "browse.classes": {"zh": "类", "en": "Classes"},
    "browse.class.unit": {"zh": "对口支援单位", "en": "Supporting units"},
    "browse.class.county": {"zh": "县（市、区）", "en": "Counties"},
    "browse.class.city": {"zh": "地级市", "en": "Prefecture cities"},
    "browse.class.province": {"zh": "省份", "en": "Provinces"},
    "browse.class.assignment": {"zh": "结对关系", "en": "Pairings"},
    "browse.class.concept": {"zh": "概念", "en": "Concepts"},
    "browse.class.line": {"zh": "原文的行", "en": "Lines of the text"},
    "browse.class.section": {"zh": "章节", "en": "Sections"},
    "browse.class.document": {"zh": "文件", "en": "Documents"},
    "browse.facets": {"zh": "筛选", "en": "Filters"},
    "browse.facet.province": {"zh": "省份", "en": "Province"},
    "browse.facet.city": {"zh": "地级市", "en": "City"},
    "browse.facet.category": {"zh": "单位类别", "en": "Category"},
    "browse.facet.county-type": {"zh": "县的类型", "en": "County type"},
    "browse.facet.scheme": {"zh": "概念体系", "en": "Scheme"},
    "browse.chosen": {"zh": "（已选，点击取消）", "en": "(chosen; select to remove)"},
    "browse.clear": {"zh": "清除全部筛选", "en": "Clear all filters"},
    "browse.count": {"zh": "显示 {shown} 项，共 {total} 项", "en": "{shown} of {total} shown"},
    "browse.none": {"zh": "没有符合所选条件的项。", "en": "Nothing matches the chosen filters."},
    "browse.col.name": {"zh": "名称", "en": "Name"},
    "browse.col.code": {"zh": "代码", "en": "Code"},
    "browse.col.notice-name": {"zh": "通知用名", "en": "Name in the notice"},
    "browse.col.acronym": {"zh": "英文缩写", "en": "Acronym"},
    "browse.col.county": {"zh": "受援县", "en": "County"},
    "browse.col.unit": {"zh": "对口支援单位", "en": "Unit"},
    "browse.col.line": {"zh": "行号", "en": "Line"},
    "browse.col.text": {"zh": "文本", "en": "Text"},
    "browse.col.number": {"zh": "编号", "en": "Number"},
    "browse.col.part": {"zh": "所属部分", "en": "Part of"},
    "browse.error.title": {"zh": "无法浏览：参数有误", "en": "Cannot browse: a parameter is wrong"},
    "browse.error.accepted": {"zh": "可接受的值：", "en": "Accepted values:"},
    "browse.error.back": {"zh": "返回浏览页", "en": "Back to browsing"},
    "search.title": {"zh": "搜索", "en": "Search"},
    "search.intro": {
        "zh": "可按中文名称、通知用名（简称）、英文名称或缩写、拼音或区划代码查找。",
        "en": "Search by Chinese name, the name the notice uses (abbreviation), English name or "
        "acronym, pinyin, or division code.",
    },
    "search.results": {"zh": "“{query}”的搜索结果：{count} 个", "en": "{count} results for “{query}”"},
    "search.none": {"zh": "没有找到“{query}”。", "en": "Nothing found for “{query}”."},
    "search.too_long": {
        "zh": "查询太长：最多 {max} 个字符。",
        "en": "The query is too long: at most {max} characters.",
    },
    "search.limited": {
        "zh": "只显示最相关的 {limit} 个结果。",
        "en": "Only the {limit} best results are shown.",
    },
    "search.col.type": {"zh": "类型", "en": "Type"},
    "search.col.name": {"zh": "名称", "en": "Name"},
    "search.col.other": {"zh": "英文名称", "en": "Chinese name"},
    "search.col.matched": {"zh": "匹配的名称", "en": "Matched name"},
    # -- end of home, notice, browse and search strings ----------------------------------------------
    # -- linked data: entity pages, /def, /dataset, /validation, the 404 page (webui/linked.py …) ------
    "entity.class": {"zh": "类别", "en": "Class"},
    "entity.properties": {"zh": "属性", "en": "Properties"},
    "entity.incoming": {"zh": "指向本实体的链接", "en": "Links to this"},
    "entity.incoming.of": {"zh": "以本实体为“{label}”的实体", "en": "Things whose “{label}” is this"},
    "entity.provenance": {"zh": "出处：通知原文", "en": "Provenance: the notice"},
    "entity.provenance.intro": {
        "zh": "以下事实取自通知原文的这些行（引用的文字已标出）。",
        "en": "These facts come from these lines of the notice (quoted words marked).",
    },
    "entity.provenance.via": {"zh": "据此：", "en": "states:"},
    "entity.line": {"zh": "第{number}行", "en": "line {number}"},
    "entity.line.number": {"zh": "原文行", "en": "Line"},
    "entity.line.in_notice": {"zh": "通知第{number}行", "en": "Line {number} of the notice"},
    "entity.line.page": {"zh": "该行页面", "en": "page of the line"},
    "entity.links_out": {"zh": "外部链接", "en": "Links to other sites"},
    "entity.formats": {"zh": "数据格式", "en": "As data"},
    "entity.formats.intro": {
        "zh": "本实体的RDF描述（出链和入链陈述及所链接事物的标签），可任选格式下载。",
        "en": "This entity in RDF (its statements in and out, with the labels of what they "
        "link to), in each format.",
    },
    "entity.cite": {"zh": "引用本条目", "en": "Cite this"},
    "cite.name": {"zh": "条目", "en": "Entry"},
    "cite.dataset": {"zh": "数据集", "en": "Dataset"},
    "cite.when": {"zh": "版本", "en": "Version"},
    "cite.version": {"zh": "构建 {version}，{date}", "en": "build {version}, {date}"},
    "cite.retrieved": {"zh": "访问于 {date}", "en": "retrieved {date}"},
    "cite.copy": {"zh": "可复制的引用文本：", "en": "Citation to copy:"},
    "conformance.ok": {
        "zh": "符合适用的 {count} 个SHACL形状：",
        "en": "Conforms to the {count} SHACL shapes that apply:",
    },
    "conformance.bad": {"zh": "有 {count} 条SHACL校验结果：", "en": "{count} SHACL validation results:"},
    "conformance.unavailable": {"zh": "校验报告不可用", "en": "Validation report unavailable"},
    "conformance.by_build": {"zh": "（构建时已校验）", "en": "(validated by the build)"},
    "division.code": {"zh": "区划代码", "en": "Division code"},
    "division.city": {"zh": "所属地级市", "en": "City"},
    "division.province": {"zh": "所属省份", "en": "Province"},
    "division.county": {"zh": "县（市、区）", "en": "County"},
    "county.summary": {"zh": "受援县概况", "en": "The county"},
    "county.type": {"zh": "县级类型", "en": "Kind"},
    "county.units": {"zh": "对口支援单位", "en": "Supporting units"},
    "city.summary": {"zh": "地级市概况", "en": "The city"},
    "city.recipients": {"zh": "受援县数", "en": "Recipient counties"},
    "city.count": {
        "zh": "图谱中 {actual} 个，通知所述 {stated} 个",
        "en": "{actual} in the graph, {stated} stated by the notice",
    },
    "city.match": {"zh": "（一致）", "en": "(they agree)"},
    "city.mismatch": {"zh": "（不一致）", "en": "(they differ)"},
    "city.counties": {"zh": "所辖受援县及其支援单位", "en": "Its counties and their supporting units"},
    "province.summary": {"zh": "省份概况", "en": "The province"},
    "province.cities": {"zh": "所辖地级市", "en": "Its cities"},
    "province.city_counties": {"zh": "{count} 个受援县", "en": "{count} recipient counties"},
    "unit.summary": {"zh": "单位概况", "en": "The unit"},
    "unit.unit": {"zh": "单位", "en": "Unit"},
    "unit.name_in_notice": {"zh": "通知用名", "en": "Name in the notice"},
    "unit.acronym": {"zh": "英文缩写", "en": "Acronym"},
    "unit.category": {"zh": "单位类别", "en": "Category"},
    "unit.administered_by": {"zh": "管理部门", "en": "Administered by"},
    "unit.administers": {"zh": "所管理的国家局", "en": "Administers"},
    "unit.county": {"zh": "对口支援", "en": "Supports"},
    "unit.pairing": {"zh": "结对关系", "en": "Pairing"},
    "unit.duties": {"zh": "职责", "en": "Duties"},
    "line.text": {"zh": "原文", "en": "Text"},
    "line.in_notice": {"zh": "在通知全文中查看此行", "en": "See this line in the whole notice"},
    "line.section": {"zh": "所属章节", "en": "Section"},
    "line.pager": {"zh": "前后行", "en": "Neighbouring lines"},
    "line.previous": {"zh": "上一行", "en": "Previous"},
    "line.next": {"zh": "下一行", "en": "Next"},
    "line.mentions": {"zh": "本行提及", "en": "This line mentions"},
    "section.lines": {"zh": "本节原文", "en": "The text of this section"},
    "section.no_lines": {
        "zh": "本节的文字都在其下级章节中。",
        "en": "The text of this section is in its subsections.",
    },
    "document.summary": {"zh": "文件信息", "en": "The document"},
    "document.identifier": {"zh": "发文字号", "en": "Number"},
    "document.issued": {"zh": "成文日期", "en": "Issued"},
    "document.issuer": {"zh": "发文机关", "en": "Issued by"},
    "document.plan": {"zh": "印发的方案", "en": "Issues the plan"},
    "document.text": {"zh": "全文", "en": "Full text"},
    "assignment.summary": {"zh": "结对关系", "en": "The pairing"},
    "assignment.unit": {"zh": "对口支援单位", "en": "Supporting unit"},
    "assignment.county": {"zh": "受援县", "en": "Recipient county"},
    "assignment.area": {"zh": "包含", "en": "Includes"},
    "assignment.phase": {"zh": "工作阶段", "en": "Phase"},
    "assignment.document": {"zh": "确立文件", "en": "Established by"},
    "concept.summary": {"zh": "概念", "en": "The concept"},
    "concept.scheme": {"zh": "概念体系", "en": "Scheme"},
    "concept.broader": {"zh": "上位概念", "en": "Broader"},
    "concept.narrower": {"zh": "下位概念", "en": "Narrower"},
    "concept.definition": {"zh": "定义", "en": "Definition"},
    "notfound.title": {"zh": "找不到该实体", "en": "No such entity"},
    "notfound.text": {
        "zh": "本数据集中没有以此IRI命名的实体。",
        "en": "No entity of this dataset has this IRI.",
    },
    "notfound.suggestions": {"zh": "您要找的是不是：", "en": "Did you mean:"},
    "notfound.search": {"zh": "搜索", "en": "Search"},
    "def.title": {"zh": "本体", "en": "Ontology"},
    "def.version": {"zh": "版本", "en": "Version"},
    "def.license": {"zh": "许可", "en": "Licence"},
    "def.contents": {"zh": "术语一览", "en": "Terms"},
    "def.kind.class": {"zh": "类", "en": "Classes"},
    "def.kind.object": {"zh": "对象属性", "en": "Object properties"},
    "def.kind.datatype": {"zh": "数据属性", "en": "Datatype properties"},
    "def.kind.annotation": {"zh": "注释属性", "en": "Annotation properties"},
    "def.kind.other": {"zh": "其他术语", "en": "Other terms"},
    "def.type": {"zh": "类型", "en": "Type"},
    "def.subClassOf": {"zh": "上位类", "en": "Subclass of"},
    "def.subPropertyOf": {"zh": "上位属性", "en": "Subproperty of"},
    "def.domain": {"zh": "定义域", "en": "Domain"},
    "def.range": {"zh": "值域", "en": "Range"},
    "def.inverseOf": {"zh": "逆属性", "en": "Inverse of"},
    "def.disjointWith": {"zh": "不相交于", "en": "Disjoint with"},
    "dataset.title": {"zh": "数据集与下载", "en": "Dataset and downloads"},
    "dataset.unavailable": {
        "zh": "本服务器没有自己的构建（查询的是远程存储），因此没有数据集描述和下载。",
        "en": "This server has no build of its own (it queries a remote store), so there is "
        "no dataset description or download here.",
    },
    "dataset.source": {"zh": "来源", "en": "Source"},
    "dataset.size": {"zh": "规模", "en": "Size"},
    "dataset.counts": {
        "zh": "{triples} 个三元组，{entities} 个实体，{properties} 种属性",
        "en": "{triples} triples, {entities} entities, {properties} properties",
    },
    "dataset.downloads": {"zh": "下载", "en": "Downloads"},
    "dataset.file": {"zh": "文件", "en": "File"},
    "dataset.media_type": {"zh": "媒体类型", "en": "Media type"},
    "dataset.bytes": {"zh": "字节数", "en": "Bytes"},
    "dataset.classes": {"zh": "各类实体数", "en": "Entities per class"},
    "dataset.entities": {"zh": "实体数", "en": "Entities"},
    "dataset.linksets": {"zh": "与其他数据集的链接", "en": "Links to other datasets"},
    "dataset.links": {"zh": "{count} 条链接", "en": "{count} links"},
    "validation.title": {"zh": "数据校验（SHACL）", "en": "Validation (SHACL)"},
    "validation.unavailable": {
        "zh": "校验报告不可用：本服务器没有自己的构建（DIST 中没有 duikou.nt），只查询远程存储。",
        "en": "The validation report is unavailable: this server has no build of its own "
        "(no duikou.nt in DIST) and only queries a remote store.",
    },
    "validation.conforms": {
        "zh": "所提供的图谱符合全部SHACL形状。",
        "en": "The served graph conforms to every SHACL shape.",
    },
    "validation.fails": {
        "zh": "所提供的图谱不符合SHACL形状：共 {count} 条结果。",
        "en": "The served graph does not conform: {count} results.",
    },
    "validation.source.computed": {
        "zh": "报告由本进程对 DIST 中的构建（duikou.nt）按 ontology/shapes.ttl 校验一次得出。",
        "en": "This process validated the build in DIST (duikou.nt) against "
        "ontology/shapes.ttl once to make this report.",
    },
    "validation.source.validation.ttl": {
        "zh": "报告读自构建所写的 DIST/validation.ttl。",
        "en": "The report is read from DIST/validation.ttl, written by the build.",
    },
    "validation.remote": {
        "zh": "本服务器查询远程存储：此报告针对 DIST 中的构建，即 duikou push 所载入的图谱。",
        "en": "This server queries a remote store: the report is of the build in DIST, the "
        "graph duikou push loads there.",
    },
    "validation.shapes": {"zh": "{count} 个节点形状", "en": "{count} node shapes"},
    "validation.shape": {"zh": "形状", "en": "Shape"},
    "validation.targets": {"zh": "目标", "en": "Targets"},
    "validation.focus": {"zh": "焦点节点数", "en": "Focus nodes"},
    "validation.results": {"zh": "结果数", "en": "Results"},
    "validation.message": {"zh": "约束", "en": "Constraint"},
    "validation.used_by": {"zh": "经由", "en": "Applied through"},
    "validation.target.targetClass": {"zh": "类：", "en": "class:"},
    "validation.target.targetSubjectsOf": {"zh": "主语于：", "en": "subjects of:"},
    "validation.target.targetObjectsOf": {"zh": "宾语于：", "en": "objects of:"},
    "validation.target.targetNode": {"zh": "节点：", "en": "node:"},
    # -- end of linked data ------------------------------------------------------------------------------
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
        if request.args.get("lang") in LANGUAGES:
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
