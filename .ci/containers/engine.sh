# Sourced by .ci/run: a container engine that answers the Docker API, for Testcontainers and docker-compose.
# A Docker engine is used as it is. Otherwise Debian's podman, set up as docs/containers.md describes, serves
# the Docker API on a socket, and the images a registry would give are built here (images.sh).
# Exports DOCKER_HOST and TESTCONTAINERS_RYUK_DISABLED for podman; prints why when no engine can run.
# Needs: KEYCLOAK_VERSION (the distribution the images are built from).

containers_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

containers_podman_setup() {
  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null || return 1
  fi
  # runc (crun fails on these hosts' hybrid cgroups), limits within the host's hard limits, no journal.
  mkdir -p /etc/containers/containers.conf.d
  cp "$containers_here/podman.conf" /etc/containers/containers.conf.d/50-keycloak-wechat.conf
  # Podman's Docker API on its own socket, started once per machine.
  export DOCKER_HOST=unix:///run/podman/podman.sock
  if ! curl -sf --unix-socket /run/podman/podman.sock http://d/_ping >/dev/null 2>&1; then
    mkdir -p /run/podman
    containers_own_service=true
    setsid podman system service --time=0 "$DOCKER_HOST" > /var/tmp/keycloak-wechat-podman-service.log 2>&1 < /dev/null &
    for _ in $(seq 50); do
      curl -sf --unix-socket /run/podman/podman.sock http://d/_ping >/dev/null 2>&1 && break
      sleep 0.2
    done
  fi
  # No Ryuk image can be had; .ci/run removes what the tests leave instead.
  export TESTCONTAINERS_RYUK_DISABLED=true
  # The engine runs on this host: its published ports are on loopback. (Testcontainers would otherwise take the
  # sandbox's /.dockerenv for "inside a container" and aim at the bridge's gateway address.)
  export TESTCONTAINERS_HOST_OVERRIDE=localhost
  # The Java image for the simulator's container (eclipse-temurin cannot be pulled): the base has Java 17.
  export WECHAT_SIMULATOR_IMAGE=localhost/keycloak-wechat-ci/debian:bookworm
  # docker-compose.yml with the override that names those stand-ins instead of the registry's images.
  export COMPOSE_FILE="$(cd "$containers_here/../.." && pwd)/docker-compose.yml:$containers_here/compose.local.yml"
  "$containers_here/images.sh" "$KEYCLOAK_VERSION" || return 1
  # Podman runs health checks from systemd timers; without systemd, this loop runs them (for compose's depends_on).
  if ! pgrep -f "keycloak-wechat-healthchecks" >/dev/null 2>&1; then
    containers_own_ticker=true
    setsid bash "$containers_here/healthchecks.sh" keycloak-wechat-healthchecks > /dev/null 2>&1 < /dev/null &
  fi
  podman run --rm --network=none localhost/keycloak-wechat-ci/debian:bookworm true
}

# Removes the containers the tests started (Testcontainers labels its own, compose its project's) and stops
# the podman service and health-check loop this script started.
containers_cleanup() {
  if [ -n "${containers_started_podman:-}" ]; then
    podman ps -aq --filter label=org.testcontainers=true | xargs -r podman rm -f > /dev/null 2>&1 || true
    podman ps -aq --filter label=com.docker.compose.project | xargs -r podman rm -f > /dev/null 2>&1 || true
    [ -z "${containers_own_ticker:-}" ] || pkill -f keycloak-wechat-healthchecks 2>/dev/null || true
    [ -z "${containers_own_service:-}" ] || pkill -f "podman system service --time=0 $DOCKER_HOST" 2>/dev/null || true
  fi
}

if docker info >/dev/null 2>&1; then
  echo "containers: a Docker engine answers; Testcontainers and docker-compose use it"
elif containers_podman_setup; then
  containers_started_podman=true
  echo "containers: podman $(podman version --format '{{.Version}}') serves the Docker API at $DOCKER_HOST"
else
  unset DOCKER_HOST
  echo "containers: no container engine can run here; the Testcontainers tests will be skipped"
fi
