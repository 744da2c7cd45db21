"""HTTP load benchmark: a real `transfers serve` on 127.0.0.1 and a real client (httpx).

Run: python bench/load_bench.py [--requests 40] [--concurrency 1 2 8] [--tradeoffs]

Posts the bundled Liverpool scenario to /v1/solve, a fixed number of requests at each
concurrency, and prints requests per second and p50 / p99 latency as a Markdown table.
Traffic goes to 127.0.0.1 only; the loop is bounded by --requests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, workers: int, queue: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TRANSFERS_WORKERS": str(workers), "TRANSFERS_MAX_QUEUE": str(queue)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from api.cli import main; main()", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def load(
    url: str, body: dict[str, object], requests: int, concurrency: int, tradeoffs: bool
) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    failures = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for k in range(requests):
        queue.put_nowait(k)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal failures
        while not queue.empty():
            queue.get_nowait()
            start = time.perf_counter()
            response = await http.post(f"/v1/solve?tradeoffs={str(tradeoffs).lower()}", json=body)
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200 or response.json()["status"] != "optimal":
                failures += 1

    async with httpx.AsyncClient(base_url=url, timeout=120) as http:
        start = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return elapsed, latencies, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--concurrency", type=int, nargs="*", default=[1, 2, 8])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tradeoffs", action="store_true", help="ask for trade-offs too")
    args = parser.parse_args()
    port = free_port()
    server = start_server(port, args.workers, queue=max(args.concurrency))
    url = f"http://127.0.0.1:{port}"
    try:
        body = httpx.get(f"{url}/v1/scenarios/liverpool-2026-01").json()
        asyncio.run(load(url, body, 4, 2, args.tradeoffs))  # warm the workers
        label = "with trade-offs" if args.tradeoffs else "plan only"
        print(
            f"Liverpool /v1/solve ({label}), {args.workers} workers, "
            f"{args.requests} requests per row\n"
        )
        print("| concurrency | requests/s | p50 ms | p99 ms | mean ms | failures |")
        print("|---|---|---|---|---|---|")
        for c in args.concurrency:
            elapsed, latencies, failures = asyncio.run(
                load(url, body, args.requests, c, args.tradeoffs)
            )
            print(
                f"| {c} | {args.requests / elapsed:.1f} | {1000 * percentile(latencies, 0.5):.0f}"
                f" | {1000 * percentile(latencies, 0.99):.0f} | "
                f"{1000 * statistics.mean(latencies):.0f} | {failures} |",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
