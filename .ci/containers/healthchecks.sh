#!/usr/bin/env bash
# Runs the health checks of podman's containers at each container's own interval: podman leaves the schedule to
# systemd timers, and these machines have no systemd. Started by engine.sh; its argument only names the loop.
declare -A last_run=()
while sleep 1; do
  now=$(date +%s)
  for id in $(podman ps -q --filter health=starting --filter health=unhealthy --filter health=healthy 2>/dev/null); do
    interval_ns=$(podman inspect --format '{{json .Config.Healthcheck.Interval}}' "$id" 2>/dev/null || echo 0)
    interval=$(( ${interval_ns:-0} / 1000000000 ))
    [ "$interval" -ge 1 ] || interval=30  # Docker's default
    if (( now - ${last_run[$id]:-0} >= interval )); then
      last_run[$id]=$now
      podman healthcheck run "$id" >/dev/null 2>&1 || true
    fi
  done
done
