"""Read the build's VoID/DCAT graph into what /dataset shows, and its schema.org Dataset twin."""

from rdflib import Graph, Literal
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, SKOS, VOID, Namespace

from graph.namespaces import compact
from webui.pages.dataset_catalog import VCARD
from webui.urls import dataset_anchor

SPDX = Namespace("http://spdx.org/rdf/terms#")
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def by_language(graph: Graph, node, predicate) -> dict[str, str]:
    return {(o.language or ""): str(o) for o in graph.objects(node, predicate) if isinstance(o, Literal)}


def _int(graph: Graph, node, predicate) -> int | None:
    value = graph.value(node, predicate)
    return int(value) if value is not None else None


def local_download(url: str, base: str, downloads) -> str | None:
    """`https://w3id.org/duikou/download/duikou.ttl` → `/download/duikou.ttl` (only the known files)."""
    name = url[len(base) + len("download/") :] if url.startswith(base + "download/") else ""
    return f"/download/{name}" if name in downloads else None


def distribution(graph: Graph, node, base: str, downloads) -> dict:
    url = str(graph.value(node, DCAT.downloadURL) or "")
    media = str(graph.value(node, DCAT.mediaType) or "")
    checksum = graph.value(node, SPDX.checksum)
    return {
        "iri": str(node),
        "anchor": anchor(node, base),
        "checksum_anchor": anchor(checksum, base) if checksum else "",
        "title": by_language(graph, node, DCTERMS.title),
        "url": url,
        "href": local_download(url, base, downloads),
        "name": url.rsplit("/", 1)[-1],
        "media_type": media.removeprefix(MEDIA_TYPES),
        "bytes": _int(graph, node, DCAT.byteSize),
        "sha256": str(graph.value(checksum, SPDX.checksumValue) or "") if checksum else "",
    }


def anchor(iri, base: str) -> str:
    """The id of the part of the page that describes `iri` (`duikou-class-dk-County`), or ''."""
    return dataset_anchor(str(iri).removeprefix(base + "id/")).partition("#")[2]


def agent_name(graph: Graph, node) -> str:
    return str(graph.value(graph.value(node, DCTERMS.publisher), FOAF.name) or "")


def part(graph: Graph, node, base: str) -> dict:
    """A described node that is not ours: a linked dataset, the catalogue, the service."""
    return {
        "iri": str(node),
        "anchor": anchor(node, base),
        "title": by_language(graph, node, DCTERMS.title),
        "description": by_language(graph, node, DCTERMS.description),
        "publisher": agent_name(graph, node),
        "license": str(graph.value(node, DCTERMS.license) or ""),
        "homepage": str(graph.value(node, FOAF.homepage) or ""),
        "endpoint": str(graph.value(node, DCAT.endpointURL) or graph.value(node, VOID.sparqlEndpoint) or ""),
    }


def portal_facts(graph: Graph, node) -> dict:
    """What DCAT-AP adds to the page: publisher, contact, period, dates, keywords, themes, places."""
    period = graph.value(node, DCTERMS.temporal)
    contact = graph.value(node, DCAT.contactPoint)
    keywords: dict[str, list[str]] = {}
    for word in sorted(graph.objects(node, DCAT.keyword), key=str):
        if isinstance(word, Literal):
            keywords.setdefault(word.language or "", []).append(str(word))
    return {
        "publisher": agent_name(graph, node),
        "contact": str(graph.value(contact, VCARD.hasURL) or "") if contact else "",
        "period": [str(graph.value(period, p)) for p in (DCAT.startDate, DCAT.endDate)] if period else [],
        "issued": str(graph.value(node, DCTERMS.issued) or ""),
        "modified": str(graph.value(node, DCTERMS.modified) or ""),
        "keywords": keywords,
        "themes": sorted(
            (str(t), str(graph.value(t, SKOS.prefLabel) or t)) for t in graph.objects(node, DCAT.theme)
        ),
        "places": len(set(graph.objects(node, DCTERMS.spatial))),
        "endpoint": str(graph.value(node, VOID.sparqlEndpoint) or ""),
    }


def describe(graph: Graph, base: str, downloads) -> dict | None:
    """The dataset that has distributions (ours), its counts, downloads, graphs, linksets and the datasets it
    links to, with the anchor of each part (webui.urls.dataset_anchor)."""
    node = next(iter(graph.subjects(DCAT.distribution, None)), None)
    if node is None:
        return None
    classes = [
        {
            "class": str(graph.value(p, VOID["class"])),
            "name": compact(str(graph.value(p, VOID["class"]))),
            "anchor": anchor(p, base),
            "entities": _int(graph, p, VOID.entities),
        }
        for p in graph.objects(node, VOID.classPartition)
    ]
    linksets = [
        {
            "iri": str(s),
            "anchor": anchor(s, base),
            "title": by_language(graph, s, DCTERMS.title),
            "triples": _int(graph, s, VOID.triples),
            "target": str(graph.value(s, VOID.objectsTarget) or ""),
        }
        for s in graph.objects(node, VOID.subset)
        if (s, RDF.type, VOID.Linkset) in graph
    ]
    graphs = [
        {
            "iri": str(s),
            "title": by_language(graph, s, DCTERMS.title),
            "triples": _int(graph, s, VOID.triples),
        }
        for s in graph.objects(node, VOID.subset)
        if (s, RDF.type, VOID.Linkset) not in graph
    ]
    targets = {graph.value(s, VOID.objectsTarget) for s in graph.objects(node, VOID.subset)} - {None}
    return {
        "iri": str(node),
        "title": by_language(graph, node, DCTERMS.title),
        "description": by_language(graph, node, DCTERMS.description),
        "license": str(graph.value(node, DCTERMS.license) or ""),
        "version": str(graph.value(node, OWL.versionInfo) or ""),
        "source": str(graph.value(node, PROV.wasDerivedFrom) or ""),
        **portal_facts(graph, node),
        "triples": _int(graph, node, VOID.triples),
        "entities": _int(graph, node, VOID.entities),
        "properties": _int(graph, node, VOID.properties),
        "classes": sorted(classes, key=lambda c: (-(c["entities"] or 0), c["name"])),
        "distributions": sorted(
            (distribution(graph, d, base, downloads) for d in graph.objects(node, DCAT.distribution)),
            key=lambda d: d["name"],
        ),
        "linksets": sorted(linksets, key=lambda s: s["iri"]),
        "graphs": sorted(graphs, key=lambda g: g["iri"]),
        "targets": sorted((part(graph, t, base) for t in targets), key=lambda t: t["iri"]),
        "services": [
            part(graph, s, base)
            for p in (DCAT.dataset, DCAT.servesDataset)
            for s in sorted(graph.subjects(p, node), key=str)
        ],
        "void_href": "/download/void.ttl",
    }


def schema_dataset(described: dict) -> dict:
    """The schema.org Dataset for the page's JSON-LD block."""
    found = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": described["iri"],
        "url": described["iri"],
        "name": [{"@value": v, "@language": k} for k, v in sorted(described["title"].items()) if k],
        "description": [
            {"@value": v, "@language": k} for k, v in sorted(described["description"].items()) if k
        ],
        "inLanguage": ["zh", "en"],
        "distribution": [
            {
                "@type": "DataDownload",
                "contentUrl": d["url"],
                "encodingFormat": d["media_type"],
                "contentSize": str(d["bytes"]) if d["bytes"] is not None else None,
                "name": d["name"],
            }
            for d in described["distributions"]
        ],
    }
    for key, schema_key in (("license", "license"), ("version", "version"), ("source", "isBasedOn")):
        if described[key]:
            found[schema_key] = described[key]
    for d in found["distribution"]:
        if d["contentSize"] is None:
            del d["contentSize"]
    return found
