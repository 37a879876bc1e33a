#!/bin/sh
# Proves that the unit project needs no PostgreSQL, no Redis and no apt-get: runs `npm run test:unit`'s command
# (or, with arguments, `vitest run <args>`) on this machine made to look like one without them. Linux, as root:
#   - its own network namespace: no network at all, not even loopback, so no server can be reached;
#   - its own mount namespace: /usr/lib/postgresql hidden under an empty tmpfs, and a tripwire script mounted over
#     apt-get, apt and redis-server (running one records it and fails);
#   - PATH holding only node and sh;
#   - with strace on the machine, every execve and connect of the run is logged and checked as well.
# Exit 0 only when the tests pass and nothing tried a server or an install.
#   sh test/setup/unit-without-services.sh                          # the unit project: must pass
#   sh test/setup/unit-without-services.sh --project integration test/pipeline.int.test.ts   # control: must trip
set -eu
cd "$(dirname "$0")/../.."
if [ "${GRIDBOT_NO_SERVICES_INSIDE:-}" != 1 ]; then
  GRIDBOT_NO_SERVICES_INSIDE=1 exec unshare --mount --net --fork sh "$0" "$@"
fi
[ $# -gt 0 ] || set -- --project unit
node=$(command -v node)
shell=$(command -v sh)
work=$(mktemp -d)
trap 'umount -q /usr/lib/postgresql /usr/bin/apt-get /usr/bin/apt /usr/bin/redis-server /usr/sbin/apt-get /usr/local/bin/redis-server 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/empty"
ln -s "$node" "$work/bin/node"
ln -s "$shell" "$work/bin/sh"
cat > "$work/tripwire" <<EOF
#!$shell
echo "\$0 \$*" >> "$work/tripped"
echo "tripwire: \$0 ran during a test run that must need no services" >&2
exit 1
EOF
chmod +x "$work/tripwire"
for b in apt-get apt redis-server; do
  for d in /usr/bin /usr/sbin /usr/local/bin /bin; do
    if [ -e "$d/$b" ]; then mount --bind "$work/tripwire" "$d/$b"; fi
  done
done
if [ -d /usr/lib/postgresql ]; then mount -t tmpfs -o ro empty /usr/lib/postgresql; fi
ip link 2>/dev/null | grep -q 'state UP' && { echo 'expected no network interface up' >&2; exit 1; }

run="$node scripts/run-tests.mjs $*"
trace=''
if command -v strace >/dev/null; then
  trace="$work/strace"
  run="$(command -v strace) -f -qq -e trace=execve,connect -o $trace $run"
fi
status=0
env PATH="$work/bin" $run || status=$?

echo "--- /usr/lib/postgresql held $(ls -A /usr/lib/postgresql 2>/dev/null | wc -l) entries during the run"
if [ -s "$work/tripped" ]; then
  echo "--- tripwires hit:"; cat "$work/tripped"; status=1
else
  echo '--- tripwires: none hit'
fi
if [ -n "$trace" ]; then
  # Programs started may be node (vitest and its forks), esbuild, sh, and what test/unit/boundaries.test.ts runs: the
  # linter (Biome's native CLI; dependency-cruiser runs inside the test's process); any TCP connect is a failure.
  # A PATH lookup that found nothing (execve … = -1 ENOENT: e.g. deploy-files.test.ts probing for docker) started nothing.
  others=$(grep 'execve(' "$trace" | grep -v '= -1 ENOENT' | grep -o 'execve("[^"]*"' | sort -u | grep -v -e '/node"' -e '/esbuild"' -e '/biome"' -e '/bin/sh"' || true)
  inet=$(grep 'connect(' "$trace" | grep -e 'AF_INET' || true)
  echo "--- strace: $(grep -c 'execve(' "$trace") execve, programs: $(grep -o 'execve("[^"]*"' "$trace" | sort -u | sed 's/execve(//' | tr '\n' ' ')"
  echo "--- strace: $(grep -c 'connect(' "$trace") connect calls, to AF_INET/AF_INET6: $(printf '%s' "$inet" | grep -c . || true)"
  if [ -n "$others" ] || [ -n "$inet" ]; then
    echo '--- unexpected:'; printf '%s\n%s\n' "$others" "$inet"; status=1
  fi
fi
exit $status
