#!/usr/bin/env python3
"""Where a JFR recording's execution samples went: by area of the server (first match down the
list, so an area names the work beneath it too) and by leaf frame. Usage: jfr-top.py FILE.jfr"""
import collections
import re
import subprocess
import sys

AREAS = [
    ("pusher and Jetty's write beneath it", r"WebSocketPusherAdapter"),
    ("cache codec (decode / encode)", r"application\.cache\.CacheCodec"),
    ("push frames rendered (JSON)", r"api\.PushFrames|api\.ApiViews"),
    ("sender tags and keys (HMAC, SHA-256)", r"javax\.crypto|sun\.security|com\.sun\.crypto"),
    ("inbound frame parsed (Jackson)", r"SendMessageFrame|jackson"),
    ("metrics", r"Prometheus|micrometer|MeteredPusher"),
    ("the core and the stores (other HooChat code)", r"dev\.hoochat"),
    ("Jetty: reading and parsing frames", r"websocket\.core\.internal\.Parser|onFillable"),
    ("Jetty: other", r"org\.eclipse\.jetty"),
    ("JDK and the rest", r"."),
]


def main(path):
    text = subprocess.run(
        ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
        capture_output=True, text=True, check=True).stdout
    samples = text.split("jdk.ExecutionSample {")[1:]
    areas, leaves = collections.Counter(), collections.Counter()
    for sample in samples:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
        stack = "\n".join(frames)
        if frames:
            leaves[frames[0]] += 1
        for name, pattern in AREAS:
            if re.search(pattern, stack):
                areas[name] += 1
                break
    total = max(1, len(samples))
    print(f"{len(samples)} execution samples")
    print("| area | share of samples |\n|---|---|")
    for name, _ in AREAS:
        print(f"| {name} | {100 * areas[name] / total:.1f}% |")
    print("\n| leaf frame | share |\n|---|---|")
    for frame, count in leaves.most_common(10):
        print(f"| `{frame}` | {100 * count / total:.1f}% |")


if __name__ == "__main__":
    main(sys.argv[1])
