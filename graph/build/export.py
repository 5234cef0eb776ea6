"""Serialise the built graph into the files of `dist/`: the dumps, their VoID/DCAT description, and a build
record (graph.build.publish writes them, in one swap)."""

import hashlib
import json
from collections import Counter
from datetime import date

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, SKOS, VOID

from graph import iris
from graph.build.assemble import Built
from graph.build.dcat import agent, data_version, describe_for_portals
from graph.build.distribution import describe_download
from graph.build.names import names_file
from graph.build.spreadsheets import describe_sheets, spreadsheets
from graph.dist import NAMES
from graph.formats import DATASET_FORMATS, GRAPH_FORMATS, dump_ntriples, serialize, serialize_dataset
from graph.iris import DATA_LICENSE
from graph.links.linksets import Linksets
from graph.links.report import EXACT_MATCH_NOTE, coverage
from graph.namespaces import BASE, DK, WD, bind_prefixes
from graph.store.embedded import EmbeddedStore

SPDX = Namespace("http://spdx.org/rdf/terms#")
DUMP_FORMATS = {**GRAPH_FORMATS, **DATASET_FORMATS}  # the union in four formats, the named graphs in two
# each dump's format in the EU file-type vocabulary, which DCAT-AP asks dcterms:format to use
FILE_TYPES = {
    "ttl": "RDF_TURTLE",
    "nt": "RDF_N_TRIPLES",
    "jsonld": "JSON_LD",
    "rdf": "RDF_XML",
    "nq": "RDF_N_QUADS",
    "trig": "RDF_TRIG",
}


def build_hash(ntriples: bytes) -> str:
    """A hash of the graph's content, independent of serialisation order: that of its sorted N-Triples."""
    return hashlib.sha256(ntriples).hexdigest()


def class_counts(graph: Graph) -> Counter:
    return Counter(str(o) for o in graph.objects(None, RDF.type))


def describe_dataset(
    graph: Graph,
    files: dict[str, bytes],
    digest: str,
    notice: URIRef,
    classes: Counter,
    linksets: Linksets | None = None,
) -> Graph:
    """The VoID/DCAT description: what the dataset is (from `notice`, the primary document), its counts, each
    download with its checksum, and the datasets it links to with a void:Linkset for each."""
    d = Graph()
    bind_prefixes(d)
    d.bind("spdx", SPDX)
    ds = iris.DATASET
    d.add((ds, RDF.type, VOID.Dataset))
    d.add((ds, RDF.type, DCAT.Dataset))
    for lang, title, description in (
        (
            "zh",
            "对口支援知识图谱：国办发〔2021〕15号",
            "新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案的关联数据：63个对口支援单位、43个受援县（市、区）及其结对关系，每一事实均可追溯到通知原文的行。",
        ),
        (
            "en",
            "duikou: counterpart-support knowledge graph, Guobanfa [2021] No. 15",
            "Linked data of the 2021–2030 plan pairing 63 central units with 43 recipient counties of the "
            "former Central Soviet Area in Jiangxi and Fujian; every fact traces back to the line of the "
            "notice it came from.",
        ),
    ):
        d.add((ds, DCTERMS.title, Literal(title, lang=lang)))
        d.add((ds, SKOS.prefLabel, Literal(title, lang=lang)))
        d.add((ds, DCTERMS.description, Literal(description, lang=lang)))
    d.add((ds, DCTERMS.license, DATA_LICENSE))
    d.add((DATA_LICENSE, RDF.type, DCTERMS.LicenseDocument))
    d.add((ds, PROV.wasDerivedFrom, notice))  # not dcterms:source, which DCAT-AP keeps for datasets
    describe_for_portals(d, graph, ds, notice)
    d.add((ds, OWL.versionInfo, Literal(digest)))
    d.add((ds, VOID.uriSpace, Literal(str(iris.ID))))
    d.add((ds, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    d.add((ds, VOID.entities, Literal(len(subjects), datatype=XSD.integer)))
    d.add((ds, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    d.add((ds, VOID.properties, Literal(len(set(graph.predicates())), datatype=XSD.integer)))
    d.add((ds, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    for vocabulary in (DK, SKOS, DCTERMS, PROV, ORG):
        d.add((ds, VOID.vocabulary, URIRef(str(vocabulary))))
    for klass, n in sorted(classes.items()):
        part = URIRef(f"{ds}/class/{_local(klass)}")
        d.add((ds, VOID.classPartition, part))
        d.add((part, VOID["class"], URIRef(klass)))
        d.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for fmt, data in sorted(files.items()):
        spec = DUMP_FORMATS[fmt]
        download = URIRef(f"{BASE}download/duikou.{spec.suffix}")
        d.add((ds, VOID.dataDump, download))
        describe_download(
            d,
            URIRef(f"{ds}/distribution/{fmt}"),
            download,
            {"en": f"duikou ({spec.title})", "zh": f"duikou（{spec.title}）"},
            {"zh": f"整个数据集，{spec.title} 格式。", "en": f"The whole dataset in {spec.title}."},
            spec.media_type,
            FILE_TYPES[fmt],
            data,
        )
    if linksets is not None:
        describe_links(d, graph, linksets)
    return d


# Each target dataset: the predicate of our links to it, which of its objects count as links, and a title.
LINK_TARGETS = {
    "nbs-2023": (
        DK.codeListEntry,
        lambda o: True,
        (
            "行政区划 → 统计用区划代码（2023年）条目",
            "divisions → entries of the NBS statistical division codes (2023)",
        ),
    ),
    "wikidata": (
        SKOS.exactMatch,
        lambda o: str(o).startswith(str(WD)),
        ("行政区划和对口支援单位 → 维基数据条目", "divisions and supporting units → Wikidata items"),
    ),
}


def describe_links(d: Graph, graph: Graph, linksets: Linksets) -> None:
    """Describe each target dataset (`graph/linksets/targets.csv`) and our links to it as a void:Linkset."""
    ds = iris.DATASET
    for row in linksets.targets:
        target = iris.dataset(row["slug"])
        d.add((target, RDF.type, VOID.Dataset))
        d.add((target, RDF.type, DCAT.Dataset))
        d.add((target, DCTERMS.title, Literal(row["title_zh"], lang="zh")))
        d.add((target, DCTERMS.title, Literal(row["title_en"], lang="en")))
        d.add((target, DCTERMS.publisher, agent(d, row["publisher"])))
        d.add((target, DCTERMS.description, Literal(row["source"], lang="en")))
        for column, predicate, make in (
            ("version", OWL.versionInfo, Literal),
            ("as_of", DCTERMS.valid, lambda v: Literal(v, datatype=XSD.date)),
            ("license", DCTERMS.license, URIRef),
            ("homepage", FOAF.homepage, URIRef),
            ("retrieved_from", PROV.wasDerivedFrom, URIRef),  # our copy's origin: a repository, not a dataset
            ("uri_space", VOID.uriSpace, Literal),
            ("sparql_endpoint", VOID.sparqlEndpoint, URIRef),
        ):
            if row[column]:
                d.add((target, predicate, make(row[column])))
        if row["license"]:
            d.add((URIRef(row["license"]), RDF.type, DCTERMS.LicenseDocument))
        if row["slug"] not in LINK_TARGETS:
            continue
        predicate, counts, (title_zh, title_en) = LINK_TARGETS[row["slug"]]
        links = iris.linkset(row["slug"])
        d.add((ds, VOID.subset, links))
        d.add((links, RDF.type, VOID.Linkset))
        d.add((links, DCTERMS.title, Literal(title_zh, lang="zh")))
        d.add((links, DCTERMS.title, Literal(title_en, lang="en")))
        d.add((links, VOID.subjectsTarget, ds))
        d.add((links, VOID.objectsTarget, target))
        d.add((links, VOID.linkPredicate, predicate))
        d.add(
            (
                links,
                VOID.triples,
                Literal(
                    sum(1 for _, _, o in graph.triples((None, predicate, None)) if counts(o)),
                    datatype=XSD.integer,
                ),
            )
        )
        if row["slug"] == "wikidata":
            d.add((links, RDFS.comment, Literal(EXACT_MATCH_NOTE, lang="en")))


def _local(iri: str) -> str:
    """A readable local name for a class IRI (`dk-County`), for class-partition IRIs."""
    for prefix, namespace in (("dk", str(DK)), ("skos", str(SKOS)), ("org", "http://www.w3.org/ns/org#")):
        if iri.startswith(namespace):
            return f"{prefix}-{iri[len(namespace) :]}"
    return hashlib.sha1(iri.encode()).hexdigest()[:12]


def ntriples_dumps(built: Built) -> dict[str, bytes]:
    """The N-Triples (the union) and N-Quads (the named graphs) dumps, written in one pass: the build
    validates and checks them before it writes the rest."""
    nt, nq = dump_ntriples(built.graphs)
    return {"nt": nt, "nq": nq}


def render(
    built: Built,
    notice: URIRef,
    linksets: Linksets | None = None,
    written: dict[str, bytes] | None = None,
    store: EmbeddedStore | None = None,
) -> dict[str, bytes]:
    """Every file of `dist/` by name: the dumps (the union; the named graphs in N-Quads and TriG), their
    description (`notice`: the primary document), the build record, the links report and the site's name
    indexes. `written`: the dumps already made (ntriples_dumps), each format being written once; `store`:
    the N-Quads already loaded (the checks'), which the name indexes are queried from."""
    linksets = linksets or Linksets.load()
    graph = built.union
    dumps = dict(written or ntriples_dumps(built))
    for key in GRAPH_FORMATS:
        if key not in dumps:
            dumps[key] = serialize(graph, key, style="dump")
    dumps["trig"] = serialize_dataset(built.graphs, "trig")
    dumps = {key: dumps[key] for key in DUMP_FORMATS}  # in the registry's order
    digest = build_hash(dumps["nt"])
    classes = class_counts(graph)
    void = describe_dataset(graph, dumps, digest, notice, classes, linksets)
    describe_graphs(void, built)
    version = data_version(graph)
    sheets = spreadsheets(built, notice, version.toPython() if version is not None else date(1980, 1, 1))
    describe_sheets(void, sheets)
    digests = {f"duikou.{key}": hashlib.sha256(data).hexdigest() for key, data in sorted(dumps.items())}
    record = {
        "hash": digest,
        "modified": str(version) if version is not None else "",
        "triples": len(graph),
        "classes": dict(sorted(classes.items())),
        "graphs": {str(name): len(named) for name, named in sorted(built.graphs.items())},
        "files": digests,
    }
    files = {f"duikou.{DUMP_FORMATS[key].suffix}": data for key, data in dumps.items()}
    files.update(sheets)
    files[NAMES] = names_file(store or EmbeddedStore.from_nquads(dumps["nq"]))
    digests.update({name: hashlib.sha256(files[name]).hexdigest() for name in sorted([*sheets, NAMES])})
    files["void.ttl"] = serialize(void, "ttl", style="dump")
    files["build.json"] = (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["links.json"] = (json.dumps(coverage(graph, linksets), ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8"
    )
    return files


def describe_graphs(d: Graph, built: Built) -> None:
    """Each source's named graph as a subset of the dataset, with its title and size; the data itself says
    more of it (its sources, publishers and licence: graph/tables/graphs.csv)."""
    for name, named in sorted(built.graphs.items()):
        d.add((iris.DATASET, VOID.subset, name))
        d.add((name, RDF.type, VOID.Dataset))
        d.add((name, VOID.triples, Literal(len(named), datatype=XSD.integer)))
        for title in built.union.objects(name, DCTERMS.title):
            d.add((name, DCTERMS.title, title))
        slug = str(name).removeprefix(str(iris.graph("")))
        d.add((name, VOID.dataDump, URIRef(f"{BASE}download/graph/{slug}.nt")))  # its statements alone
