"""Find the terms in rdflib's parse of a query: its algebra nests dicts (CompValue) and lists."""


def nodes_of(node, kinds: tuple[type, ...]) -> list:
    """Every object of one of `kinds` anywhere below `node`, in no particular order."""
    if isinstance(node, kinds):
        return [node]
    children = node.values() if isinstance(node, dict) else node if isinstance(node, (list, tuple)) else ()
    return [found for child in children for found in nodes_of(child, kinds)]
