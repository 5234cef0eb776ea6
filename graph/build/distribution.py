"""One download of the dataset as DCAT describes it (a dcat:Distribution with its size and SHA-256), for the
RDF dumps and the spreadsheets alike, in the form DCAT-AP 3 checks."""

import hashlib

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS

from graph.iris import DATA_LICENSE, DATASET

SPDX = Namespace("http://spdx.org/rdf/terms#")
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def describe_download(
    d: Graph,
    dist: URIRef,
    download: URIRef,
    titles: dict[str, str],
    descriptions: dict[str, str],
    media_type: str,
    file_type: str,
    data: bytes,
) -> None:
    """State that `dist` is the file `data` at `download`: titles and descriptions by language, its media
    type, its format in the EU file-type vocabulary (`file_type`: RDF_TURTLE, CSV …), size, checksum and
    licence."""
    d.add((DATASET, DCAT.distribution, dist))
    d.add((dist, RDF.type, DCAT.Distribution))
    for lang, title in titles.items():
        d.add((dist, DCTERMS.title, Literal(title, lang=lang)))
    for lang, description in descriptions.items():
        d.add((dist, DCTERMS.description, Literal(description, lang=lang)))
    d.add((dist, DCAT.accessURL, download))
    d.add((dist, DCAT.downloadURL, download))
    media = URIRef(MEDIA_TYPES + media_type)
    d.add((dist, DCAT.mediaType, media))
    d.add((media, RDF.type, DCTERMS.MediaType))
    kind = URIRef(EU_FILE_TYPE + file_type)
    d.add((dist, DCTERMS["format"], kind))
    d.add((kind, RDF.type, DCTERMS.MediaTypeOrExtent))
    d.add((dist, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
    d.add((dist, DCTERMS.license, DATA_LICENSE))
    checksum = URIRef(f"{dist}/checksum")
    d.add((dist, SPDX.checksum, checksum))
    d.add((checksum, RDF.type, SPDX.Checksum))
    d.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    d.add((checksum, SPDX.checksumValue, Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)))
