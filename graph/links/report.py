"""Coverage of the links per target dataset, and every item not linked with the reason.

The build writes this as `dist/links.json`; `duikou links report` prints it. Linked means a link triple in
the built graph; the reason an item is not linked is its status in the linkset (`ambiguous`, `missing`,
`conflict`, `unverified-seed`, …), or `not-reconciled` when the linkset has no row for it yet.
"""

from rdflib import RDF, SKOS, Graph, Literal
from rdflib.namespace import DCTERMS, FOAF

from graph.links.linksets import Linksets
from graph.namespaces import DK, WD
from graph.paths import relative

EXACT_MATCH_NOTE = (
    "Wikidata links are skos:exactMatch, not owl:sameAs: the item and our resource describe the same division"
    " or organisation, but Wikidata's statements (other names and codes over time, merged predecessor bodies,"
    " its own labels) are not ours to assert, and owl:sameAs would make each of them a statement about ours. "
    "Only rows verified by a reconciliation run are linked; seeds stay unlinked until a run confirms them."
)


def _label(graph: Graph, s) -> str:
    labels = graph.objects(s, SKOS.prefLabel)
    return next((str(o) for o in labels if isinstance(o, Literal) and o.language == "zh"), "")


def _target(
    graph: Graph,
    key: str,
    title: str,
    subjects: list,
    linked,
    rows: dict,
    linkset: str,
    predicate: str,
    default: str,
) -> dict:
    """One target: how many of `subjects` are linked, and each one that is not, with status and evidence."""
    unlinked = []
    for s in subjects:
        if linked(s):
            continue
        row = rows.get(str(s))
        unlinked.append(
            {
                "subject": str(s),
                "name_zh": _label(graph, s),
                "status": row["status"] if row else default,
                "candidates": (([row["qid"]] if row.get("qid") else []) + row.get("candidates", "").split())
                if row
                else [],
                "evidence": row["evidence"] if row else "",
            }
        )
    return {
        "target": key,
        "title": title,
        "linkset": linkset,
        "predicate": predicate,
        "linked": len(subjects) - len(unlinked),
        "total": len(subjects),
        "unlinked": unlinked,
    }


def coverage(graph: Graph, linksets: Linksets) -> dict:
    """The report: per target, linked / total and every item not linked."""
    folder = relative(linksets.directory)
    divisions = sorted(graph.subjects(RDF.type, DK.AdministrativeDivision), key=str)  # IRIs, in IRI order
    units = sorted(graph.subjects(RDF.type, DK.SupportingUnit), key=str)
    documents = sorted(
        (s for s in graph.subjects(RDF.type, DK.PolicyDocument) if (s, DCTERMS.identifier, None) in graph),
        key=str,
    )
    by_subject = {r["subject"]: r.values for r in linksets.divisions if r["subject"]}
    wikidata = {r["subject"]: r.values for r in linksets.wikidata}
    pages = {r["subject"]: r.values for r in linksets.documents}

    def matched(s) -> bool:
        return any(str(o).startswith(str(WD)) for o in graph.objects(s, SKOS.exactMatch))

    targets = [
        _target(
            graph,
            "nbs-2023",
            "divisions → NBS statistical division codes (2023)",
            divisions,
            lambda s: (s, DK.codeListEntry, None) in graph,
            by_subject,
            f"{folder}/divisions.csv",
            "dk:codeListEntry",
            "not-linked",
        ),
        _target(
            graph,
            "wikidata",
            "divisions → Wikidata",
            divisions,
            matched,
            wikidata,
            f"{folder}/wikidata.csv",
            "skos:exactMatch",
            "not-reconciled",
        ),
        _target(
            graph,
            "wikidata",
            "units → Wikidata",
            units,
            matched,
            wikidata,
            f"{folder}/wikidata.csv",
            "skos:exactMatch",
            "not-reconciled",
        ),
        _target(
            graph,
            "official-page",
            "documents → official publication page",
            documents,
            lambda s: (s, FOAF.page, None) in graph,
            pages,
            f"{folder}/documents.csv",
            "foaf:page",
            "no-address-known",
        ),
    ]
    return {"targets": targets, "note": EXACT_MATCH_NOTE}


def as_table(report: dict) -> str:
    """The report as text: the coverage table, then every item not linked."""
    lines = [f"{'target':<58} {'linked':>6} {'total':>6}"]
    lines += [f"{t['title']:<58} {t['linked']:>6} {t['total']:>6}" for t in report["targets"]]
    for t in report["targets"]:
        if t["unlinked"]:
            lines += ["", f"{t['title']}: {len(t['unlinked'])} not linked ({t['linkset']})"]
            for item in t["unlinked"]:
                candidates = " ".join(item["candidates"])
                lines.append(
                    f"  {item['subject'].rsplit('/id/', 1)[-1]:<24} {item['name_zh']:<12} "
                    f"{item['status']:<16} {candidates}".rstrip()
                )
    lines += ["", report["note"]]
    return "\n".join(lines)
