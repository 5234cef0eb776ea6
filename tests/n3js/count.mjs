// Count the statements of an RDF file with N3.js, a parser that is not rdflib: `node count.mjs FILE FORMAT`
// (FORMAT: N-Triples, N-Quads, Turtle or TriG) prints {"statements": N, "graphs": [names…]} as JSON.
import { createReadStream } from "node:fs";
import { StreamParser } from "n3";

const [file, format] = process.argv.slice(2);
const graphs = new Set();
let statements = 0;
createReadStream(file)
  .pipe(new StreamParser({ format }))
  .on("data", (quad) => {
    statements += 1;
    graphs.add(quad.graph.value);
  })
  .on("error", (error) => {
    console.error(`${file}: ${error.message}`);
    process.exit(1);
  })
  .on("end", () => console.log(JSON.stringify({ statements, graphs: [...graphs].sort() })));
