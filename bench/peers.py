"""Start the peers that bench/web.py measures our server against, each in the foreground until stopped.

    python bench/peers.py hello --port 8101 [--workers N] [--worker-class sync|gthread] [--threads N]
    python bench/peers.py rdflib-endpoint --port 8102 [--dist dist/] [--workers N]

- **hello**: a Flask app whose one view returns "Hello, World!", served with `duikou serve`'s gunicorn
  options (webui.server.gunicorn_options: preloaded, access log on stdout), one worker per core, with sync
  workers on one shared socket (the issue's ceiling) or, given --worker-class gthread --threads N, the
  worker class, threads and socket per worker that `duikou serve` itself runs: the ceiling of any Flask
  page on this machine.
- **rdflib-endpoint**: the Python peer, rdflib-endpoint's SparqlEndpoint at /sparql over an rdflib Graph of
  the same dump plus the ontology, on uvicorn with one worker process per core (its own way of scaling).
"""

import argparse
import os
import sys
from pathlib import Path

from graph.paths import DIST, ONTOLOGY

HERE = Path(__file__).resolve().parent


def hello_app():
    from flask import Flask

    app = Flask("hello")

    @app.get("/")
    def hello():
        return "Hello, World!"

    return app


def rdflib_endpoint_app():
    """uvicorn's factory (one call per worker process): the dump and ontology in one rdflib Graph."""
    from rdflib import Graph
    from rdflib_endpoint import SparqlEndpoint

    dist = Path(os.environ.get("DUIKOU_BENCH_DIST", DIST))
    graph = Graph()
    graph.parse(dist / "duikou.nt", format="nt")
    graph.parse(ONTOLOGY, format="turtle")
    return SparqlEndpoint(graph=graph, path="/sparql", title="duikou (rdflib-endpoint peer)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("peer", choices=("hello", "rdflib-endpoint"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="default: one per core")
    parser.add_argument("--dist", type=Path, default=DIST, help="the build rdflib-endpoint serves")
    parser.add_argument("--worker-class", default="sync", help="hello's gunicorn worker class (default sync)")
    parser.add_argument("--threads", type=int, default=1, help="hello's threads per worker (gthread)")
    args = parser.parse_args(argv)
    if args.peer == "hello":
        from webui.server import gunicorn_options, run_gunicorn

        options = gunicorn_options(args.host, args.port, args.workers, 10)
        options.update({"worker_class": args.worker_class, "threads": args.threads})
        if args.worker_class == "sync":  # the ceiling: sync workers on gunicorn's one shared socket
            options["reuse_port"] = False
        run_gunicorn(hello_app(), options)
    else:
        import uvicorn

        os.environ["DUIKOU_BENCH_DIST"] = str(args.dist.resolve())
        sys.path.insert(0, str(HERE))
        uvicorn.run(
            "peers:rdflib_endpoint_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            app_dir=str(HERE),
        )


if __name__ == "__main__":
    main()
