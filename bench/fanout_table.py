"""Reads bench-fanout's JSON lines (one per rate) and prints the table and the highest rate
whose p99 stayed within 100 ms with nothing lost."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
print("| publications/s | deliveries/s (remote listeners) | p50 ms | p99 ms | max ms | delivered/expected |")
print("|---|---|---|---|---|---|")
for row in rows:
    print(f"| {row['rate']} | {int(row['deliveries_per_second'])} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
          f"| {row['max_ms']:.1f} | {row['delivered']}/{row['expected']} |")
within = [row for row in rows if row["p99_ms"] <= 100 and row["delivered"] == row["expected"]]
if within:
    best = max(within, key=lambda row: row["rate"])
    print(f"highest rate with p99 within 100 ms and nothing lost: {best['rate']} publications/s "
          f"({int(best['deliveries_per_second'])} deliveries/s)")
else:
    print("no rate kept p99 within 100 ms with nothing lost")
