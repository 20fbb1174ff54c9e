#!/usr/bin/env bash
# Builds the images the container tests and docker-compose.yml need, on a machine whose engine is podman and
# that reaches no container registry: a Debian base from the Debian mirror (debootstrap, as apt reaches it), then
# Keycloak from the distribution on Maven Central, Testcontainers' sshd and PostgreSQL on top of it.
# Each image is built once per machine and kept while the recipe (this folder's build files) is unchanged.
# Usage: images.sh KEYCLOAK_VERSION
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${1:?usage: images.sh KEYCLOAK_VERSION}"

base=localhost/keycloak-wechat-ci/debian:bookworm
# The base carries every package the stand-ins need: one debootstrap, shared layers.
packages=openjdk-17-jre-headless,ca-certificates,openssh-server,postgresql

# Every image carries the recipe's hash; a changed recipe rebuilds them all.
recipe="$(cat "$here/images.sh" "$here"/Containerfile.* "$here/postgres-entrypoint.sh" | sha256sum | cut -c1-16)"
exists() {
  [ "$(podman image inspect --format '{{index .Labels "keycloak-wechat.recipe"}}' "$1" 2>/dev/null)" = "$recipe" ]
}
timed() { local t=$SECONDS tag=$1; shift; "$@"; echo "images: $tag built in $((SECONDS - t)) s"; }

build_base() {
  local tree mirror
  tree="$(mktemp -d /var/tmp/keycloak-wechat-rootfs.XXXXXX)"
  # The mirror apt uses on this machine (deb822 or one-line sources).
  mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  [ -n "$mirror" ] || mirror="$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  [ -n "$mirror" ] || { echo "images: no Debian mirror found in apt's sources" >&2; return 1; }
  debootstrap --variant=minbase --include="$packages" bookworm "$tree" "$mirror" > "$tree.log" 2>&1 \
    || { tail -20 "$tree.log" >&2; return 1; }
  rm -rf "$tree"/var/cache/apt/archives/*.deb "$tree"/var/lib/apt/lists/*
  tar -C "$tree" -c . | podman import --quiet --change 'ENV LANG=C.UTF-8' --change "LABEL keycloak-wechat.recipe=$recipe" \
    --change 'CMD ["/bin/bash"]' - "$base" > /dev/null
  rm -rf "$tree" "$tree.log"
}

build_from() { # TAG CONTAINERFILE CONTEXT
  podman build --quiet --network=none --build-arg BASE="$base" --label "keycloak-wechat.recipe=$recipe" -t "$1" -f "$2" "$3" > /dev/null
}

build_keycloak() {
  local zip context
  zip="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip"
  [ -f "$zip" ] || mvn -B -ntp -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -Dtransitive=false
  context="$(mktemp -d /var/tmp/keycloak-wechat-image.XXXXXX)"
  unzip -q "$zip" -d "$context"
  mv "$context/keycloak-$version" "$context/keycloak"
  build_from "quay.io/keycloak/keycloak:$version" "$here/Containerfile.keycloak" "$context"
  rm -rf "$context"
}

exists "$base" || timed "$base" build_base
exists "quay.io/keycloak/keycloak:$version" || timed "quay.io/keycloak/keycloak:$version" build_keycloak
for image in docker.io/testcontainers/sshd:1.3.0:sshd localhost/keycloak-wechat-ci/postgres:15:postgres; do
  tag="${image%:*}"
  exists "$tag" || timed "$tag" build_from "$tag" "$here/Containerfile.${image##*:}" "$here"
done
# Images of an earlier recipe lost their tags above.
podman image prune --force > /dev/null
