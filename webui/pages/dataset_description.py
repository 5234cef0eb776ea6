"""Read the build's VoID/DCAT graph into what /dataset shows, and its schema.org Dataset twin."""

from rdflib import Graph, Literal
from rdflib.namespace import DCAT, DCTERMS, OWL, VOID, Namespace

from graph.namespaces import compact

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
        "title": by_language(graph, node, DCTERMS.title),
        "url": url,
        "href": local_download(url, base, downloads),
        "name": url.rsplit("/", 1)[-1],
        "media_type": media.removeprefix(MEDIA_TYPES),
        "bytes": _int(graph, node, DCAT.byteSize),
        "sha256": str(graph.value(checksum, SPDX.checksumValue) or "") if checksum else "",
    }


def describe(graph: Graph, base: str, downloads) -> dict | None:
    """The dataset that has distributions (ours), its counts, downloads and linksets."""
    node = next(iter(graph.subjects(DCAT.distribution, None)), None)
    if node is None:
        return None
    classes = [
        {
            "class": str(graph.value(p, VOID["class"])),
            "name": compact(str(graph.value(p, VOID["class"]))),
            "entities": _int(graph, p, VOID.entities),
        }
        for p in graph.objects(node, VOID.classPartition)
    ]
    linksets = [
        {
            "iri": str(s),
            "title": by_language(graph, s, DCTERMS.title),
            "triples": _int(graph, s, VOID.triples),
            "target": str(graph.value(s, VOID.objectsTarget) or ""),
        }
        for s in graph.objects(node, VOID.subset)
    ]
    return {
        "iri": str(node),
        "title": by_language(graph, node, DCTERMS.title),
        "description": by_language(graph, node, DCTERMS.description),
        "license": str(graph.value(node, DCTERMS.license) or ""),
        "version": str(graph.value(node, OWL.versionInfo) or ""),
        "source": str(graph.value(node, DCTERMS.source) or ""),
        "temporal": str(graph.value(node, DCTERMS.temporal) or ""),
        "triples": _int(graph, node, VOID.triples),
        "entities": _int(graph, node, VOID.entities),
        "properties": _int(graph, node, VOID.properties),
        "classes": sorted(classes, key=lambda c: (-(c["entities"] or 0), c["name"])),
        "distributions": sorted(
            (distribution(graph, d, base, downloads) for d in graph.objects(node, DCAT.distribution)),
            key=lambda d: d["name"],
        ),
        "linksets": sorted(linksets, key=lambda s: s["iri"]),
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
