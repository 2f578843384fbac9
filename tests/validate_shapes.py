"""Validate an N-Quads export against ontology/shapes.ttl with pySHACL.

Usage: python tests/validate_shapes.py EXPORT.nq
Every graph is flattened into one (the shapes describe nodes across the
article graphs and the shared entities graph); the ontology supplies the
class hierarchy. Prints the violations and exits 1 when the data does not conform.
"""
import collections
import re
import sys
from pathlib import Path

import rdflib
from pyshacl import validate

root = Path(__file__).resolve().parent.parent
dataset = rdflib.Dataset()
dataset.parse(sys.argv[1], format="nquads")
data = rdflib.Graph()
for s, p, o, _ in dataset.quads((None, None, None, None)):
    data.add((s, p, o))
shapes = rdflib.Graph().parse(root / "ontology" / "shapes.ttl")
ontology = rdflib.Graph().parse(root / "ontology" / "newsgraph.ttl")
conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
print(f"{len(data)} triples; conforms: {conforms}")
if not conforms:
    for message, n in collections.Counter(re.findall(r"Message: (.*)", text)).most_common(20):
        print(f"{n:5}  {message}")
    sys.exit(1)
