"""The warm-up reads the build's name indexes before forking, so that no worker makes them."""

import gc

from webui import create_app
from webui.state import of
from webui.warm import warm


def test_warm_up_reads_the_search_and_suggestion_indexes_from_the_build(built_dist):
    app = create_app({"DIST": built_dist})
    store = of(app).store
    asked, real = [], store.query
    store.query = lambda text, *args, **kwargs: asked.append(text) or real(text, *args, **kwargs)
    warm(app)
    gc.unfreeze()
    state = of(app)
    assert state.search is not None and len(state.search) > 200
    assert state.nearby_complete and {"unit", "division", "document", "concept"} <= set(state.nearby)
    own = ("VALUES ?property { skos:prefLabel rdfs:label", "STRSTARTS(STR(?entity), ?prefix)")
    assert not any(part in text for text in asked for part in own)  # neither index's query ran
    page = app.test_client().get("/id/unit/ndcr", headers={"Accept": "text/plain"})
    assert page.status_code == 404 and "/page/unit/ndrc" in page.get_data(as_text=True)
