"""Labels for the W3C/DCMI terms the graph reuses: our ontology labels its own terms, not theirs.

Each entry gives the label of the property and the words for an incoming link of it ("facts derived
from this line" for prov:wasDerivedFrom), in both languages. A term in neither the ontology nor this
table is shown by its compact name (`skos:notation`), never as a raw IRI.
"""

from graph.namespaces import compact

# compact name: (zh label, en label, zh incoming, en incoming)
EXTERNAL = {
    "rdf:type": ("类别", "class", "实例", "instances"),
    "rdfs:label": ("标签", "label", "", ""),
    "rdfs:comment": ("说明", "comment", "", ""),
    "rdfs:seeAlso": ("另见", "see also", "被引为“另见”", "seen also from"),
    "skos:prefLabel": ("名称", "name", "", ""),
    "skos:altLabel": ("又称", "also known as", "", ""),
    "skos:notation": ("代码", "code", "", ""),
    "skos:definition": ("定义", "definition", "", ""),
    "skos:inScheme": ("所属概念体系", "in scheme", "概念", "concepts"),
    "skos:broader": ("上位概念", "broader concept", "下位概念", "narrower concepts"),
    "skos:narrower": ("下位概念", "narrower concept", "上位概念", "broader concepts"),
    "skos:hasTopConcept": ("顶层概念", "top concept", "顶层概念所属体系", "top concept of"),
    "skos:topConceptOf": ("为顶层概念于", "top concept of", "顶层概念", "top concepts"),
    "skos:exactMatch": ("等同于", "exact match", "等同于", "exact match of"),
    "skos:closeMatch": ("近似于", "close match", "近似于", "close match of"),
    "owl:sameAs": ("同一于", "same as", "同一于", "same as"),
    "prov:wasDerivedFrom": ("出处", "derived from", "出自此处的事实", "facts derived from this"),
    "dcterms:source": ("数据来源", "source", "依据此来源的实体", "entities sourced from this"),
    "dcterms:title": ("标题", "title", "", ""),
    "dcterms:identifier": ("文号", "identifier", "", ""),
    "dcterms:issued": ("成文日期", "issued", "", ""),
    "dcterms:publisher": ("发布者", "publisher", "发布的文件", "published"),
    "dcterms:language": ("语言", "language", "", ""),
    "dcterms:isPartOf": ("所属", "part of", "组成部分", "parts"),
    "dcterms:hasPart": ("组成部分", "has part", "所属", "part of"),
    "dcterms:license": ("许可", "licence", "", ""),
    "dcterms:description": ("描述", "description", "", ""),
    "dcterms:date": ("日期", "date", "", ""),
    "schema:url": ("网址", "URL", "", ""),
    "owl:versionInfo": ("版本", "version", "", ""),
    "skos:editorialNote": ("编者注", "editorial note", "", ""),
    "void:inDataset": ("所属数据集", "in dataset", "数据集中的条目", "entries of this dataset"),
    "org:classification": ("分类", "classification", "", ""),
}


def external_label(iri: str, lang: str, incoming: bool = False) -> str | None:
    """The label (or incoming-link words) of a reused term in `lang`, if this table has it."""
    entry = EXTERNAL.get(compact(iri))
    if entry is None:
        return None
    zh, en, zh_in, en_in = entry
    if incoming:
        return (zh_in if lang == "zh" else en_in) or None
    return zh if lang == "zh" else en
