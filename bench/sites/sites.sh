#!/usr/bin/env bash
# Three "sites" on this machine, each an etcd member and a Patroni-managed PostgreSQL on its own
# loopback ports, with synchronous replication to both standbys. Used by bench/run-sites.
#   bench/sites/sites.sh start            start all three (first start bootstraps the cluster)
#   bench/sites/sites.sh start-site N     start site N's etcd and Patroni again
#   bench/sites/sites.sh kill-site N      SIGKILL every process of site N
#   bench/sites/sites.sh promote N        the documented last resort: N is alone, make it take writes
#   bench/sites/sites.sh rejoin N         after a promotion: wipe lost site N, add it back as a new member
#   bench/sites/sites.sh status           who is primary, who replicates
#   bench/sites/sites.sh stop             stop everything and delete the data
# Ports of site N: etcd client 2N379 peer 2N380, PostgreSQL 2N432, Patroni REST 2N008.
set -euo pipefail
ROOT="${SITES_DIR:-/tmp/preflight-sites}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)}"
RUN_AS="${SITES_USER:-postgres}"   # PostgreSQL refuses to run as root

etcd_client() { echo "127.0.0.1:2${1}379"; }
etcd_peer() { echo "127.0.0.1:2${1}380"; }
pg_port() { echo "2${1}432"; }
rest_port() { echo "2${1}008"; }
cluster_list() { echo "site1=http://$(etcd_peer 1),site2=http://$(etcd_peer 2),site3=http://$(etcd_peer 3)"; }
as_user() { if [ "$(id -u)" = 0 ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi; }

start_etcd() {
  local n=$1 dir="$ROOT/site$1"
  mkdir -p "$dir/etcd"; chown -R "$RUN_AS" "$dir" 2>/dev/null || true
  local state=${ETCD_STATE:-new}; [ -d "$dir/etcd/member" ] && state=existing
  as_user setsid etcd --name "site$n" --data-dir "$dir/etcd" \
    --listen-client-urls "http://$(etcd_client "$n")" --advertise-client-urls "http://$(etcd_client "$n")" \
    --listen-peer-urls "http://$(etcd_peer "$n")" --initial-advertise-peer-urls "http://$(etcd_peer "$n")" \
    --initial-cluster "${ETCD_CLUSTER:-$(cluster_list)}" --initial-cluster-state "$state" \
    --initial-cluster-token preflight-sites --heartbeat-interval 100 --election-timeout 1000 \
    >>"$dir/etcd.log" 2>&1 &
}

patroni_config() {
  local n=$1 dir="$ROOT/site$1"
  cat > "$dir/patroni.yml" <<YAML
scope: preflight
name: site$n
restapi:
  listen: 127.0.0.1:$(rest_port "$n")
  connect_address: 127.0.0.1:$(rest_port "$n")
etcd3:
  hosts: [$(etcd_client 1), $(etcd_client 2), $(etcd_client 3)]
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    # Patroni's default (1 MB). What guards acknowledged commits is the /sync key: only a standby
    # listed there may take over. The lag is measured against the primary's last reported WAL
    # position, which includes WAL no commit waits for; with 0, a standby that has every
    # acknowledged commit could be refused for a few bytes, and never promote
    maximum_lag_on_failover: 1048576
    # a commit is acknowledged once both standbys have it; with one lost, once the other has it.
    # Strict: with no standby in sync at all, commits wait rather than the primary going on alone
    # (which a loss would then take with it); the promotion lifts this on the survivor
    synchronous_mode: true
    synchronous_mode_strict: ${SITES_STRICT:-true}
    synchronous_node_count: 2
    postgresql:
      use_pg_rewind: true
      parameters:
        max_connections: 200
        wal_keep_size: 256MB
        hot_standby: "on"
  initdb: [{encoding: UTF8}, {locale: C}]
  pg_hba:
    - local all all trust
    - host all all 127.0.0.1/32 trust
    - host replication replicator 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:$(pg_port "$n")
  connect_address: 127.0.0.1:$(pg_port "$n")
  data_dir: $dir/pg
  bin_dir: $PG_BIN
  pgpass: $dir/pgpass
  authentication:
    superuser: {username: postgres, password: sites}
    replication: {username: replicator, password: sites}
    rewind: {username: rewinder, password: sites}
  parameters:
    unix_socket_directories: $dir
YAML
  chown "$RUN_AS" "$dir/patroni.yml" 2>/dev/null || true
}

start_patroni() {
  local n=$1 dir="$ROOT/site$1"
  patroni_config "$n"
  as_user setsid patroni "$dir/patroni.yml" >>"$dir/patroni.log" 2>&1 &
}

kill_site() {
  local n=$1 dir="$ROOT/site$1" leader
  # every process of the site: each was started as the leader of its own session (setsid), and
  # PostgreSQL's processes belong to Patroni's session, so a session is killed whole
  for leader in $(pgrep -f -- "--data-dir $dir/etcd" || true) $(pgrep -f "$dir/patroni.yml" || true); do
    pkill -9 -s "$leader" 2>/dev/null || true
  done
  # Patroni starts PostgreSQL in a session of its own: the postmaster's session goes whole
  if [ -f "$dir/pg/postmaster.pid" ]; then pkill -9 -s "$(head -n1 "$dir/pg/postmaster.pid")" 2>/dev/null || true; fi
  pkill -9 -f -- "-D $dir/pg" 2>/dev/null || true
  rm -f "$dir/etcd.pid" "$dir/patroni.pid"
  # SIGKILL is delivered, not awaited: what starts next on this site's data and ports waits
  await_gone "--data-dir $dir/etcd" "$dir/patroni.yml" "-D $dir/pg"
}

await_gone() {
  local pattern started=$SECONDS
  for pattern in "$@"; do
    while pgrep -f -- "$pattern" >/dev/null; do
      (( SECONDS - started > 10 )) && { echo "still running after SIGKILL: $pattern" >&2; return 1; }
      sleep 0.1
    done
  done
}

etcd_api() { curl -sf -m 5 -X POST "http://$(etcd_client "$1")/v3/$2" -d "$3"; }

# waits until Patroni on site $1 says it is the primary; prints how long it took
await_primary() {
  local n=$1 started=$SECONDS
  while (( SECONDS - started < $2 )); do
    if curl -sf -m 1 -o /dev/null "http://127.0.0.1:$(rest_port "$n")/primary"; then
      echo "site $n is the primary, $((SECONDS - started)) s after the promotion began"; return 0
    fi
    sleep 0.5
  done
  echo "site $n is not the primary $2 s after the promotion began; its Patroni log ends:" >&2
  tail -n 15 "$ROOT/site$n/patroni.log" >&2
  return 1
}

# synchronous replication on (strict, unless SITES_STRICT=false) or off, for the whole cluster
patroni_sync() {
  local on=$1 strict=false
  [ "$on" = true ] && strict=${SITES_STRICT:-true}
  local out
  # patronictl complains of every lost site's etcd on the way: shown only if it fails
  out=$(as_user patronictl -c "$ROOT/site$(cat "$ROOT/promoted")/patroni.yml" edit-config --force \
    -s synchronous_mode="$on" -s synchronous_mode_strict="$strict" 2>&1) || { echo "$out" >&2; return 1; }
}

# "ID learner" or "ID voter" of site $2's etcd member, as site $1's etcd knows it; empty if none
etcd_member() {
  etcd_api "$1" cluster/member/list '{}' | python3 -c '
import json, sys
for m in json.load(sys.stdin)["members"]:
    if sys.argv[1] in m.get("peerURLs", []):
        print(m["ID"], "learner" if m.get("isLearner") else "voter")' "http://$(etcd_peer "$2")"
}

# a lost site comes back after a promotion: its old etcd member was forgotten and its PostgreSQL
# may hold commits the promoted timeline never had, so both are wiped and rebuilt from the leader
rejoin() {
  local n=$1 dir="$ROOT/site$1" leader members member
  leader=$(cat "$ROOT/promoted")
  kill_site "$n"
  rm -rf "$dir/etcd" "$dir/pg"
  # a learner first: it does not count towards the quorum until it has caught up, so etcd (and
  # with it the leader key) never waits on a member that is still starting. etcd refuses to add
  # one until every voting member has been connected for 5 s: ask again until it is there
  local started=$SECONDS
  until member=$(etcd_member "$leader" "$n") && [ -n "$member" ]; do
    (( SECONDS - started > 60 )) && { echo "etcd did not take site $n as a member in 60 s" >&2; return 1; }
    etcd_api "$leader" cluster/member/add "{\"peerURLs\":[\"http://$(etcd_peer "$n")\"],\"isLearner\":true}" >/dev/null 2>&1 \
      || sleep 1
  done
  members=$(printf '%s\n' $(cat "$ROOT/members") "$n" | sort -u | xargs)
  ETCD_STATE=existing ETCD_CLUSTER=$(for m in $members; do printf 'site%s=http://%s,' "$m" "$(etcd_peer "$m")"; done | sed 's/,$//') \
    start_etcd "$n"
  started=$SECONDS
  until [ "${member#* }" = voter ] || etcd_api "$leader" cluster/member/promote "{\"ID\":\"${member% *}\"}" >/dev/null 2>&1; do
    (( SECONDS - started > 60 )) && { echo "site $n's etcd member did not catch up in 60 s" >&2; return 1; }
    sleep 0.5
  done
  echo "$members" > "$ROOT/members"
  start_patroni "$n"
  # once its standby streams, commits wait for it again (strict synchronous mode back on)
  started=$SECONDS
  until curl -sf -m 1 -o /dev/null "http://127.0.0.1:$(rest_port "$n")/replica"; do
    (( SECONDS - started > 120 )) && { echo "site $n's standby was not running after 120 s" >&2; return 1; }
    sleep 0.5
  done
  patroni_sync true || return 1
  echo "site $n rejoined: an etcd voting member, and a standby rebuilt from the leader in $((SECONDS - started)) s"
}

case "${1:-}" in
  start)
    mkdir -p "$ROOT"; chown "$RUN_AS" "$ROOT" 2>/dev/null || true
    for n in 1 2 3; do start_etcd "$n"; done
    echo "1 2 3" > "$ROOT/members"
    sleep 2
    for n in 1 2 3; do start_patroni "$n"; sleep 1; done ;;
  start-site)
    # after a promotion the lost sites' old etcd members would form a quorum of their own (two
    # primaries): they come back only as new members, with their data wiped
    if [ -f "$ROOT/promoted" ] && ! grep -qw "$2" "$ROOT/members"; then
      echo "site $2 was lost before site $(cat "$ROOT/promoted") was promoted: bring it back with 'rejoin $2'" >&2
      exit 1
    fi
    start_etcd "$2"; sleep 1; start_patroni "$2" ;;
  kill-site) kill_site "$2" ;;
  promote)
    # Last resort when N is the only site left: its etcd forgets the lost members and forms a
    # cluster of one, so Patroni can hold the leader key again and promote its PostgreSQL.
    # Patroni and PostgreSQL keep running: reads go on while etcd restarts.
    n=$2; dir="$ROOT/site$n"
    for leader in $(pgrep -f -- "--data-dir $dir/etcd" || true); do pkill -9 -s "$leader" 2>/dev/null || true; done
    await_gone "--data-dir $dir/etcd"
    as_user setsid etcd --name "site$n" --data-dir "$dir/etcd" --force-new-cluster \
      --listen-client-urls "http://$(etcd_client "$n")" --advertise-client-urls "http://$(etcd_client "$n")" \
      --listen-peer-urls "http://$(etcd_peer "$n")" --initial-advertise-peer-urls "http://$(etcd_peer "$n")" \
      >>"$dir/etcd.log" 2>&1 &
    echo "$n" > "$ROOT/promoted"; echo "$n" > "$ROOT/members"
    started=$SECONDS
    until etcd_api "$n" kv/range "{\"key\":\"$(printf /service/preflight/config | base64 -w0)\"}" >/dev/null 2>&1; do
      (( SECONDS - started > 30 )) && { echo "site $n's etcd did not answer in 30 s" >&2; exit 1; }
      sleep 0.2
    done
    # alone, the survivor commits without a standby: synchronous mode (strict, it would hold every
    # commit for standbys that are gone) is off until the lost sites rejoin
    patroni_sync false || exit 1
    # the lost primary's leader key would otherwise hold until its lease runs out (Patroni's TTL,
    # counted again from etcd's restart); the operator knows that site is gone, so it goes now
    # (unless it is already the survivor's: Patroni may have taken it back meanwhile)
    leader_key=$(printf /service/preflight/leader | base64 -w0)
    etcd_api "$n" kv/txn "{\"compare\":[{\"key\":\"$leader_key\",\"target\":\"VALUE\",\"result\":\"NOT_EQUAL\",\"value\":\"$(printf "site$n" | base64 -w0)\"}],\"success\":[{\"request_delete_range\":{\"key\":\"$leader_key\"}}]}" >/dev/null
    await_primary "$n" "${PROMOTE_TIMEOUT:-60}" ;;
  rejoin) rejoin "$2" ;;
  status)
    for n in 1 2 3; do
      printf 'site%s: ' "$n"; curl -s -m 1 "http://127.0.0.1:$(rest_port "$n")/patroni" \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("role"), d.get("state"), "sync" if d.get("sync_standby") else "")' 2>/dev/null || echo down
    done ;;
  stop)
    for n in 1 2 3; do kill_site "$n"; done
    # the logs outlive the data when asked for (the harness keeps them under target/)
    if [ -n "${SITES_LOGS:-}" ] && [ -d "$ROOT" ]; then
      for n in 1 2 3; do
        mkdir -p "$SITES_LOGS/site$n"; cp "$ROOT/site$n/"*.log "$SITES_LOGS/site$n/" 2>/dev/null || true
      done
    fi
    rm -rf "$ROOT" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
