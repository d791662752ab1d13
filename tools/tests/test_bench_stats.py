"""tools/bench/stats.py: a variant's rounds summed up against the baseline's."""

import pytest

from tools.bench.stats import median, summary
from tools.bench.variants import Variant


def run(requests, seconds=1.0, cpu=0.5, others=0.0):
    """One wrk result as load.py answers it, with 1-2-3-4 ms percentiles."""
    return {
        "requests": requests,
        "duration_us": seconds * 1e6,
        "p50_us": 1000,
        "p90_us": 2000,
        "p99_us": 3000,
        "max_us": 4000,
        "worker_cpu_s": cpu,
        "others_cpu_s": others,
    }


TOKEN = Variant("Token", login=None)


def test_the_median_of_an_odd_count_is_the_middle_value():
    assert median([3, 1, 2]) == 2


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert median([4, 1, 3, 2]) == 2.5


def test_the_ratio_is_the_rate_over_all_rounds_against_the_baselines():
    result = summary(TOKEN, "get", [run(50), run(100)], [run(100), run(200)])
    assert result["ratio"] == 0.5


def test_each_round_is_compared_with_the_baseline_run_beside_it():
    result = summary(TOKEN, "get", [run(50), run(100)], [run(100), run(400)])
    assert result["round_ratios"] == [0.5, 0.25]


def test_cpu_per_request_is_the_workers_cpu_over_the_requests():
    result = summary(TOKEN, "get", [run(100, cpu=0.5)], [run(100)])
    assert result["cpu_ms_per_request"] == pytest.approx(5.0)


def test_without_proc_there_is_no_cpu_figure():
    result = summary(TOKEN, "get", [run(100, cpu=None)], [run(100)])
    assert result["cpu_ms_per_request"] is None


def test_added_cpu_is_the_strategy_less_the_baseline_per_request_in_microseconds():
    # 1.5 ms against 0.5 ms a request: 1000 µs added.
    result = summary(TOKEN, "get", [run(100, cpu=0.15)], [run(100, cpu=0.05)])
    assert result["added_cpu_us"] == pytest.approx(1000)


def test_added_cpu_pairs_each_round_with_the_baselines_and_takes_the_median():
    # Rounds add 100, 300 and 200 µs against the baseline run next to each.
    ours = [run(1000, cpu=0.6), run(1000, cpu=0.5), run(1000, cpu=0.6)]
    baseline = [run(2000, cpu=1.0), run(1000, cpu=0.2), run(4000, cpu=1.6)]
    result = summary(TOKEN, "get", ours, baseline)
    assert result["added_cpu_us"] == pytest.approx(200)


def test_added_cpu_of_a_single_run_uses_the_first_baseline_round():
    # Basic runs once: it is compared with the baseline's first round only.
    baseline = [run(1000, cpu=0.5), run(1000, cpu=5.0)]
    result = summary(TOKEN, "get", [run(10, cpu=2.0)], baseline)
    assert result["added_cpu_us"] == pytest.approx(199_500)


def test_the_baseline_adds_nothing_to_itself():
    runs = [run(1000, cpu=0.5), run(900, cpu=0.5)]
    assert summary(TOKEN, "get", runs, runs)["added_cpu_us"] == 0


def test_without_proc_there_is_no_added_cpu():
    result = summary(TOKEN, "get", [run(100)], [run(100, cpu=None)])
    assert result["added_cpu_us"] is None
