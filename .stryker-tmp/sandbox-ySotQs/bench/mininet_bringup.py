#!/usr/bin/python3
"""Mininet baseline for bench/bringup: build+teardown of N hosts on one Linux bridge, optional pingall.

Run inside a network namespace of its own (bench/bringup.mjs does), never through `mn`,
which rewrites host-wide sysctls. Prints one JSON line of seconds.
"""
import json
import sys
import time

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.nodelib import LinuxBridge
from mininet.topo import SingleSwitchTopo


def main() -> None:
    n = int(sys.argv[1])
    do_ping = len(sys.argv) > 2 and sys.argv[2] == "pingall"
    setLogLevel("error")
    t0 = time.monotonic()
    net = Mininet(topo=SingleSwitchTopo(k=n), switch=LinuxBridge, controller=None, waitConnected=False)
    net.start()
    t1 = time.monotonic()
    ping_s = None
    loss = None
    if do_ping:
        loss = net.pingAll(timeout="1")
        ping_s = time.monotonic() - t1
    t2 = time.monotonic()
    net.stop()
    t3 = time.monotonic()
    print(json.dumps({"n": n, "build": t1 - t0, "teardown": t3 - t2, "build_teardown": (t1 - t0) + (t3 - t2), "pingall": ping_s, "loss": loss}))


if __name__ == "__main__":
    main()
