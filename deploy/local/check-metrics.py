#!/usr/bin/env python3
"""Every metric the monitoring names (deploy/kubernetes/monitoring: the alert and recording rules,
the Grafana dashboard's queries) exists in what the running services serve at /q/metrics on their
management ports, and every recording rule a query uses is defined. Run by first-webhook.sh
against the whole system after a real delivery; prints what it checked, exits 1 on a missing one.
Usage: check-metrics.py [MANAGEMENT_URL ...]   (default: the local stack's 9081, 9082, 9083)"""
import json
import pathlib
import re
import sys
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
MONITORING = ROOT / "deploy" / "kubernetes" / "monitoring"
KEYWORDS = {"and", "or", "unless", "offset", "bool", "inf", "nan"}


def rule_expressions(text):
    """The expr of every rule of a PrometheusRule (single-line, or a block after 'expr: |')."""
    lines = text.splitlines()
    expressions, records = [], set()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("- record:") or stripped.startswith("record:"):
            records.add(stripped.split(":", 1)[1].strip())
        if not stripped.startswith("expr:"):
            continue
        value = stripped[len("expr:"):].strip()
        if value in ("|", ">"):
            indent = len(line) - len(line.lstrip()) + 2
            block = []
            for following in lines[i + 1:]:
                if following.strip() and len(following) - len(following.lstrip()) < indent:
                    break
                block.append(following.strip())
            value = " ".join(block)
        expressions.append(value)
    return expressions, records


def metric_names(expression):
    """The metric names a PromQL expression selects (recording rules included, functions not)."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expression)
    e = re.sub(r"\{[^}]*\}", "", e)
    e = re.sub(r"\[[^\]]*\]", "", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", e)
    names = set()
    for match in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", e):
        if e[match.end():].lstrip().startswith("(") or match.group() in KEYWORDS:
            continue
        names.add(match.group())
    return names


def served(url):
    with urllib.request.urlopen(url + "/q/metrics", timeout=10) as response:
        lines = response.read().decode("utf-8").splitlines()
    return {re.split(r"[{ ]", line, maxsplit=1)[0] for line in lines if line and not line.startswith("#")}


def main(urls):
    expressions, records = rule_expressions((MONITORING / "prometheus-rules.yaml").read_text())
    dashboard = json.loads((MONITORING / "dashboard.json").read_text())
    expressions += [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    wanted = set().union(*(metric_names(expression) for expression in expressions))
    available = set().union(*(served(url) for url in urls))
    missing = sorted(name for name in wanted if name not in available and name not in records)
    print(f"[check-metrics] {len(expressions)} queries name {len(wanted)} metrics and recording rules; "
          f"{len(available)} metrics served by {len(urls)} services")
    if missing:
        print("[check-metrics] not served by any service: " + ", ".join(missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["http://127.0.0.1:9081", "http://127.0.0.1:9082", "http://127.0.0.1:9083"]))
