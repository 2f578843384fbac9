"""Extract a JSONL corpus on Spark: `newsgraph extract -` as an RDD.pipe step.

Each Spark task starts one `newsgraph extract -` and pipes its partition's
lines (one article per line, JSON: `text`, and optionally `id`, `title`,
`date`, `url`, `lang`) through it; the quads come back as N-Quads lines and
are saved as part files (OUTPUT/part-00000 ...). Load them into one store:

    newsgraph load --store news.db --format nquads OUTPUT/part-*

or push that store to a bigger one (`newsgraph push --to URL`).

Usage (local mode, two worker threads; on a cluster, pass --master and make
`newsgraph` available on every worker, e.g. with --files or an image):

    python examples/spark_extract.py corpus.jsonl out-nq
    python examples/spark_extract.py --newsgraph ./target/release/newsgraph \\
        --master local[2] --partitions 8 corpus.jsonl out-nq

Articles need an `id` (or `url`) for stable graph names; without one the id
is made from the text (`stdin-<hash>`), the same on every worker. A bad line
is reported on the task's stderr with its line number and skipped.
"""

import argparse
import shlex
import shutil

from pyspark.sql import SparkSession


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="JSONL articles, one per line")
    ap.add_argument("output", help="folder for the N-Quads part files (replaced)")
    ap.add_argument("--newsgraph", default="newsgraph", help="the newsgraph command")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--partitions", type=int, default=2, help="input partitions")
    ap.add_argument("--lang", help="language of articles that do not say (fr, en)")
    args = ap.parse_args()

    spark = (
        SparkSession.builder.master(args.master)
        .appName("newsgraph-extract")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    command = [args.newsgraph, "extract", "--format", "nquads"]
    if args.lang:
        command += ["--lang", args.lang]
    command.append("-")
    lines = spark.sparkContext.textFile(args.input, minPartitions=args.partitions)
    # checkCode: a task whose newsgraph exits non-zero fails (and is retried).
    quads = lines.filter(lambda line: line.strip()).pipe(shlex.join(command), checkCode=True)
    shutil.rmtree(args.output, ignore_errors=True)
    quads.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
