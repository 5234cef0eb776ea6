"""Add each document of the manifest: the notice, the plan it issues and the policy it implements, its lines
and sections (so that provenance has something to point at), where a source says it was published, the
programme it establishes, and which entities each of its lines names."""

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF

from graph import iris
from graph.build.context import Builder, count, en, notice_error, zh
from graph.errors import SourceError
from graph.inputs.notice import Notice
from graph.inputs.tables import Row
from graph.namespaces import DK

LINKSETS = "duikou-linksets"  # the source of the reviewed linksets (graph/tables/sources.csv)

LANGUAGE_ZH = URIRef("http://publications.europa.eu/resource/authority/language/ZHO")
ROLES = ("notice", "plan", "implements")


def document_rows(b: Builder, notice: Notice) -> dict[str, Row]:
    """The rows of graph/tables/documents.csv for a notice, by role: itself, its plan, what it implements."""
    rows = {row["role"]: row for row in b.rows_of("documents", notice)}
    for role in ROLES:
        if role not in rows:
            raise SourceError(
                b.tables["documents"][0].path, None, f"no document with role {role!r} for {notice.slug}"
            )
    return rows


def document_iri(b: Builder, notice: Notice, role: str = "notice") -> URIRef:
    return iris.document(document_rows(b, notice)[role]["slug"])


def organization_named(b: Builder, notice: Notice, name: str, line: int) -> URIRef:
    for row in b.tables["organizations"]:
        if row["name_zh"] == name:
            return iris.organization(row["slug"])
    raise notice_error(notice, line, f"{name!r} is not in graph/tables/organizations.csv")


def emit_documents(b: Builder, n: Notice) -> None:
    """The notice, its plan and the policy it implements: the document's facts in its graph, their English
    titles in the translation's."""
    rows = document_rows(b, n)
    notice, plan, policy = (iris.document(rows[role]["slug"]) for role in ROLES)
    for s, kind, row, title in (
        (notice, DK.Notice, rows["notice"], n.title.value),
        (plan, DK.WorkPlan, rows["plan"], n.plan_title.value),
        (policy, DK.Opinion, rows["implements"], n.implements.value[1]),
    ):
        with b.stating(n):
            b.add(s, RDF.type, kind)
            b.add(s, RDF.type, DK.PolicyDocument)
            b.label_in(s, zh(title))
            b.add(s, DCTERMS.title, zh(title))
            b.add(s, DCTERMS.language, LANGUAGE_ZH)
        with b.stating(row):
            b.label_in(s, en(row["title_en"]))
            b.add(s, DCTERMS.title, en(row["title_en"]))
            b.source_of(s, row)
    with b.stating(n):
        emit_document_facts(b, n, notice, plan, policy)
    b.mention_forms[n.implements.value[0]] = policy
    b.mention_forms[n.implements.value[1]] = policy


def emit_document_facts(b: Builder, n: Notice, notice: URIRef, plan: URIRef, policy: URIRef) -> None:
    b.add(notice, DCTERMS.identifier, Literal(n.number.value))
    b.add(notice, DCTERMS.issued, Literal(n.date.value, datatype=XSD.date))
    issuer = organization_named(b, n, n.issuer.value, n.issuer.line)
    b.add(notice, DK.issuer, issuer)
    b.add(notice, DCTERMS.publisher, issuer)
    b.add(notice, DK.publicationStatus, zh(n.status.value))
    b.add(notice, DK.issuesPlan, plan)
    b.add(notice, DK.statedUnitCount, count(n.unit_total.value))
    b.add(notice, DK.statedRecipientCount, count(n.county_total.value))
    b.add(notice, DK.statedPairedUnitCount, count(n.paired_total.value))
    b.add(notice, DK.statedLeadCount, count(len(n.leads.value)))
    for row in b.concepts_in("addressee"):
        if row["document"] == n.slug:
            b.add(notice, DK.addressee, iris.concept("addressee", row["slug"]))
    lines = (n.number.line, n.issuer.line, n.date.line, n.status.line, n.unit_total.line)
    b.derived_from(notice, n, *n.title_lines, *lines)
    b.add(plan, DCTERMS.isPartOf, notice)
    b.add(notice, DCTERMS.hasPart, plan)
    b.add(plan, DK.approvedBy, organization_named(b, n, n.approval.value, n.approval.line))
    b.add(plan, DK.implements, policy)
    b.derived_from(plan, n, *n.plan_title_lines, n.approval.line, n.implements.line)
    b.add(policy, DCTERMS.identifier, Literal(n.implements.value[0]))
    b.add(policy, DK.issuer, organization_named(b, n, "国务院", n.implements.line))
    b.derived_from(policy, n, n.implements.line)


def emit_publication(b: Builder) -> None:
    """Where the documents were published, a name or a page, only where the row's source gives it."""
    documents = {str(s) for s in b.g.subjects(RDF.type, DK.PolicyDocument)}
    with b.stating(LINKSETS):
        for row in b.linksets.documents:
            emit_publication_row(b, row, documents)


def emit_publication_row(b: Builder, row: Row, documents: set[str]) -> None:
    s = URIRef(row["subject"])
    if row["subject"] not in documents:
        raise row.error(f"{row['subject']} is not a document of the graph")
    if str(b.g.value(s, DCTERMS.identifier)) != row["identifier"]:
        raise row.error(f"identifier {row['identifier']!r} is not that of {row['subject']}")
    if row["published_in_zh"]:
        b.add(s, DK.publishedIn, zh(row["published_in_zh"]))
    if row["published_in_en"]:
        b.add(s, DK.publishedIn, en(row["published_in_en"]))
    if (row["status"] == "linked") != bool(row["page"]) or (row["page"] and not row["source"]):
        raise row.error("a page is given exactly when the status is 'linked', and then with its source")
    if row["page"]:
        b.add(s, FOAF.page, URIRef(row["page"]))


def emit_text(b: Builder, n: Notice) -> None:
    """Every non-blank line and every section of the plan, so that provenance has something to point at."""
    notice, plan = document_iri(b, n), document_iri(b, n, "plan")
    titles = {row["path"]: row for row in b.rows_of("sections", n)}
    section_of_line = {}
    for section in n.sections:
        if section.path not in titles:
            raise notice_error(
                n, section.heading_line, f"section {section.path} has no row in graph/tables/sections.csv"
            )
        s = iris.section(n.slug, section.path)
        parent = iris.section(n.slug, section.parent) if section.parent else plan
        number_en = f"({section.order}) " if section.parent else f"{section.order}. "
        label_zh = (
            f"{section.number}{section.title}" if section.parent else f"{section.number}、{section.title}"
        )
        with b.stating(n):
            b.add(s, RDF.type, DK.Section)
            b.label_in(s, zh(label_zh))
            b.add(s, DCTERMS.title, zh(section.title))
            b.add(s, DK.sectionNumber, Literal(section.number))
            b.add(s, DK.order, Literal(section.order, datatype=XSD.positiveInteger))
            b.add(s, DK.headingLine, iris.line(n.slug, section.heading_line))
            b.add(s, DCTERMS.isPartOf, parent)
            b.add(parent, DK.hasSection, s)
        with b.stating(titles[section.path]):
            b.label_in(s, en(number_en + titles[section.path]["title_en"]))
            b.add(s, DCTERMS.title, en(titles[section.path]["title_en"]))
            b.source_of(s, titles[section.path])
        for number in section.lines:
            section_of_line[number] = s
    for path in set(titles) - {section.path for section in n.sections}:
        raise titles[path].error(f"section {path} is not in {n.path.name}")
    with b.stating(n):
        for number, line in n.lines.items():
            s = iris.line(n.slug, number)
            b.add(s, RDF.type, DK.Line)
            b.label(s, f"第{number}行", f"Line {number}")
            b.add(s, DK.lineNumber, Literal(number, datatype=XSD.positiveInteger))
            b.add(s, DK.text, zh(line.text))
            container = section_of_line.get(number, plan if number >= n.plan_start else notice)
            b.add(s, DCTERMS.isPartOf, container)
            b.add(notice, DK.hasLine, s)


def emit_programmes(b: Builder) -> None:
    """The programme and its phases, from graph/tables/programme.csv and the document its rows name."""
    by_document: dict[str, dict[str, Row]] = {}
    for row in b.tables["programme"]:
        by_document.setdefault(row["document"], {})[row["key"]] = row
    for rows in by_document.values():
        emit_programme(b, b.notice_named(next(iter(rows.values()))), rows)


def emit_programme(b: Builder, n: Notice, rows: dict[str, Row]) -> None:
    programme = iris.programme()
    start, end = n.period.value
    earlier, current = iris.phase(str(n.since.value)), iris.phase(f"{start}-{end}")
    for s, key, kind in (
        (programme, "programme", DK.Programme),
        (earlier, "earlier-phase", DK.ProgrammePhase),
        (current, "current-phase", DK.ProgrammePhase),
    ):
        if key not in rows:
            raise SourceError(b.tables["programme"][0].path, None, f"no row with key {key!r}")
        with b.stating(rows[key]):
            b.add(s, RDF.type, kind)
            b.label(s, rows[key]["label_zh"], rows[key]["label_en"])
            b.source_of(s, rows[key])
    with b.stating(n):
        emit_phases(b, n, programme, earlier, current)


def emit_phases(b: Builder, n: Notice, programme: URIRef, earlier: URIRef, current: URIRef) -> None:
    """What the document says of the programme's phases: their years, their order, what established them."""
    start, end = n.period.value
    b.derived_from(programme, n, n.since.line, n.period.line)
    for phase in (earlier, current):
        b.add(phase, DK.phaseOf, programme)
    b.add(earlier, DK.startYear, Literal(str(n.since.value), datatype=XSD.gYear))
    b.derived_from(earlier, n, n.since.line)
    b.add(current, DK.startYear, Literal(str(start), datatype=XSD.gYear))
    b.add(current, DK.endYear, Literal(str(end), datatype=XSD.gYear))
    b.add(current, DK.followsPhase, earlier)
    b.add(current, DK.establishedBy, document_iri(b, n))
    b.derived_from(current, n, n.period.line)


def emit_mentions(b: Builder) -> None:
    """Link each line to the entities it names (longest name first), and each entity back to its lines."""
    forms = sorted(b.mention_forms, key=len, reverse=True)
    for n in b.notices:
        for number, line in n.lines.items():
            text, i = line.text, 0
            while i < len(text):
                form = next((f for f in forms if text.startswith(f, i)), None)
                if form is None:
                    i += 1
                    continue
                entity = b.mention_forms[form]
                with b.stating(n):
                    b.add(iris.line(n.slug, number), DK.mentions, entity)
                    b.derived_from(entity, n, number)
                i += len(form)
