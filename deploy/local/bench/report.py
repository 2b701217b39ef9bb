"""Turns the benchmark's key=value figures into a table against the targets, and one JSON line."""
import json
import sys

figures = {}
for path in sys.argv[1:]:
    for line in open(path):
        if "=" in line:
            key, value = line.strip().split("=", 1)
            try:
                figures[key] = float(value)
            except ValueError:
                figures[key] = value

f = figures.get
rows = [
    # (what, measured, baseline, ratio, target, met)
    ("dispatch deliveries/s", f("dispatch_rate_per_s"), f("baseline_wrk_rate_per_s"), "wrk, same receiver",
     ">= 0.5 x wrk and >= 10000/s",
     f("dispatch_rate_per_s") >= 0.5 * f("baseline_wrk_rate_per_s") and f("dispatch_rate_per_s") >= 10000),
    ("dispatch vs raw consume", f("dispatch_rate_per_s"), f("baseline_raw_consume_rate_per_s"), "raw consume, same topic",
     "(the Kafka limit)", None),
    ("dispatch vs CPU ceiling", f("dispatch_rate_per_s"), f("cpu_ceiling_deliveries_per_s"),
     "cores / CPU per delivery", "(the CPU limit)", None),
    ("dispatch vs ideal-dispatcher ceiling", f("dispatch_rate_per_s"), f("cpu_ceiling_ideal_dispatcher_per_s"),
     "cores / CPU floor", "(see CPU floor below)", None),
    ("CPU us/delivery floor", f("cpu_us_per_delivery_floor"), None, "", "all but dispatcher + raw consume + wrk", None),
    ("CPU us/delivery, whole machine", f("cpu_us_per_delivery_machine"), None, "", "", None),
    ("  dispatcher", f("cpu_us_per_delivery_dispatcher"), None, "", "", None),
    ("    of which its JIT compiler", f("cpu_us_per_delivery_jit_dispatcher"), None, "", "", None),
    ("  bench (publisher+receiver)", f("cpu_us_per_delivery_bench"), None, "", "", None),
    ("  kafka", f("cpu_us_per_delivery_kafka"), f("cpu_us_per_delivery_kafka_bare"), "Kafka under BareDispatcher",
     "<= 30", f("cpu_us_per_delivery_kafka") <= 30),
    ("    of which idle (per second)", f("cpu_us_per_delivery_idle_kafka"), None, "", "", None),
    ("    of which its JIT compiler", f("cpu_us_per_delivery_jit_kafka"), None, "", "", None),
    ("  registry (delivery log)", f("cpu_us_per_delivery_registry"), None, "", "", None),
    ("    of which its JIT compiler", f("cpu_us_per_delivery_jit_registry"), None, "", "", None),
    ("  postgres", f("cpu_us_per_delivery_postgres"), None, "", "", None),
    ("  anomaly", f("cpu_us_per_delivery_anomaly"), None, "", "", None),
    ("  other processes", f("cpu_us_per_delivery_other"), None, "", "", None),
    ("  dispatcher vs bare dispatcher", f("cpu_us_per_delivery_dispatcher"), f("cpu_us_per_delivery_bare_dispatcher"),
     "BareDispatcher, same run", "(its libraries' floor)", None),
    ("cold dispatcher deliveries/s", f("warm_up_round_1_rate_per_s"), f("dispatch_rate_per_s"), "warm, same run",
     ">= warm / 1.5", f("warm_up_round_1_rate_per_s") * 1.5 >= f("dispatch_rate_per_s")),
    ("cold bare dispatcher deliv./s", f("bare_round_1_rate_per_s"), f("bare_rate_per_s"), "bare warm, same run",
     "(a fresh JVM's limit)", None),
    ("CPU us/record, raw consume", f("cpu_us_per_record_raw_consume"), None, "", "", None),
    ("CPU us/request, wrk client", f("cpu_us_per_request_wrk_client"), None, "", "", None),
    ("deliveries lost", f("dispatch_events") - f("dispatch_delivered"), None, "", "0",
     f("dispatch_events") == f("dispatch_delivered")),
    ("latency p50 ms @200/s", f("latency_p50_ms"), None, "", "", None),
    ("latency p99 ms @200/s", f("latency_p99_ms"), f("latency_kafka_p99_ms"), "Kafka publish-to-consume", "<= 1.1 x Kafka",
     f("latency_p99_ms") <= 1.1 * f("latency_kafka_p99_ms")),
    ("Kafka p99 ms, twin consumer", f("latency_kafka_twin_p99_ms"), f("latency_kafka_p99_ms"), "Kafka publish-to-consume",
     "(the ratio's resolution)", None),
    ("isolation p99 ms (healthy)", f("isolation_p99_ms"), f("latency_p99_ms"), "fault-free p99", "<= 1.5 x fault-free",
     f("isolation_p99_ms") <= 1.5 * f("latency_p99_ms") and f("isolation_lost") == 0),
    ("isolation healthy lost", f("isolation_lost"), None, "", "0", f("isolation_lost") == 0),
    ("isolation p99 ms, same host", f("isolation_same_host_p99_ms"), f("latency_p99_ms"), "fault-free p99",
     "<= 1.5 x fault-free",
     f("isolation_same_host_p99_ms") <= 1.5 * f("latency_p99_ms") and f("isolation_same_host_lost") == 0),
    ("isolation same host lost", f("isolation_same_host_lost"), None, "", "0", f("isolation_same_host_lost") == 0),
    ("retry lateness p99 ms", f("retry_isolation_late_p99_ms"), None, "", "<= 1000 (hanging retries due too)",
     f("retry_isolation_late_p99_ms") <= 1000 and f("retry_isolation_lost") == 0),
    ("retry lateness p50 ms", f("retry_isolation_late_p50_ms"), None, "", "", None),
    ("retries lost", f("retry_isolation_lost"), None, "", "0", f("retry_isolation_lost") == 0),
    ("dispatcher RSS MB (peak)", f("rss_mb_dispatcher"), None, "", "<= 300", f("rss_mb_dispatcher") <= 300),
    ("registry RSS MB (peak)", f("rss_mb_registry"), None, "", "", None),
    ("anomaly RSS MB (peak)", f("rss_mb_anomaly"), None, "", "", None),
    ("kafka RSS MB (peak)", f("rss_mb_kafka"), None, "", "", None),
    ("pageviews/s into counts", f("pageview_ingest_rate_per_s"), f("pageview_baseline_raw_consume_rate_per_s"),
     "raw consume, same records", ">= 30000", f("pageview_ingest_rate_per_s") >= 30000),
    ("CPU us/pageview, whole machine", f("pageview_cpu_us_per_pageview_machine"), None, "", "", None),
    ("  anomaly", f("pageview_cpu_us_per_pageview_anomaly"), None, "", "", None),
    ("  postgres", f("pageview_cpu_us_per_pageview_postgres"), None, "", "", None),
    ("  kafka", f("pageview_cpu_us_per_pageview_kafka"), None, "", "", None),
    ("  bench (publisher)", f("pageview_cpu_us_per_pageview_bench"), None, "", "", None),
    ("evaluation 100k sites ms", f("evaluation_evaluation_ms"), f("evaluation_baseline_aggregation_ms"),
     "plain aggregation", "<= 30000", f("evaluation_evaluation_ms") <= 30000),
    ("tracing at default ratio: CPU", f("tracing_paired_cpu_traced_to_untraced_mean"), None,
     "", "<= 1.05 x none sampled (paired)", f("tracing_paired_cpu_traced_to_untraced_mean") <= 1.05),
    ("tracing on, none sampled: CPU us", f("tracing_none_sampled_cpu_us_per_delivery_without_jit"),
     f("tracing_off_cpu_us_per_delivery_without_jit"), "tracing off, same run", "(processes differ by ~10 %)", None),
    ("tracing at default ratio: CPU us", f("tracing_default_ratio_cpu_us_per_delivery_without_jit"),
     f("tracing_off_cpu_us_per_delivery_without_jit"), "tracing off, same run", "(processes differ by ~10 %)", None),
    ("tracing on: deliveries/s", f("tracing_default_ratio_rate_per_s"), f("tracing_off_rate_per_s"), "tracing off, same run",
     "", None),
    ("every delivery traced: CPU us", f("tracing_all_cpu_us_per_delivery_without_jit"),
     f("tracing_off_cpu_us_per_delivery_without_jit"), "tracing off, same run", "(a sender sampling all)", None),
]


def show(value):
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"


print(f"{'figure':<30} {'measured':>12} {'baseline':>12} {'ratio':>7}  {'baseline is':<26} {'target':<28} met")
for what, measured, baseline, baseline_is, target, met in rows:
    ratio = f"{measured / baseline:.2f}" if measured is not None and baseline else "-"
    print(f"{what:<30} {show(measured):>12} {show(baseline):>12} {ratio:>7}  {baseline_is:<26} {target:<28} "
          f"{'-' if met is None else 'yes' if met else 'NO'}")
print(json.dumps({"statalog_benchmark": figures}, sort_keys=True))
