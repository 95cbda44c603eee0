#!/usr/bin/env bash
# Three "sites" on this machine, each an etcd member and a Patroni-managed PostgreSQL on its own
# loopback ports, with synchronous replication to both standbys. Used by bench/run-sites.
#   bench/sites/sites.sh start            start all three (first start bootstraps the cluster)
#   bench/sites/sites.sh start-site N     start site N's etcd and Patroni again
#   bench/sites/sites.sh kill-site N      SIGKILL every process of site N
#   bench/sites/sites.sh promote N        the documented last resort: N is alone, make it take writes
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
  local state=new; [ -d "$dir/etcd/member" ] && state=existing
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
    maximum_lag_on_failover: 0
    # a commit is acknowledged once both standbys have it; with one lost, once the other has it.
    # Not strict: with no standby in sync at all the primary goes on alone (see the README)
    synchronous_mode: true
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
}

case "${1:-}" in
  start)
    mkdir -p "$ROOT"; chown "$RUN_AS" "$ROOT" 2>/dev/null || true
    for n in 1 2 3; do start_etcd "$n"; done
    sleep 2
    for n in 1 2 3; do start_patroni "$n"; sleep 1; done ;;
  start-site)
    # after a promotion the lost sites' old etcd members would form a quorum of their own (two
    # primaries): they come back only as new members, with their data wiped (not automated yet)
    if [ -f "$ROOT/promoted" ] && [ "$(cat "$ROOT/promoted")" != "$2" ]; then
      echo "site $2 was lost before site $(cat "$ROOT/promoted") was promoted: wipe it and add it as a new member" >&2
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
    as_user setsid etcd --name "site$n" --data-dir "$dir/etcd" --force-new-cluster \
      --listen-client-urls "http://$(etcd_client "$n")" --advertise-client-urls "http://$(etcd_client "$n")" \
      --listen-peer-urls "http://$(etcd_peer "$n")" --initial-advertise-peer-urls "http://$(etcd_peer "$n")" \
      >>"$dir/etcd.log" 2>&1 &
    echo "$n" > "$ROOT/promoted" ;;
  status)
    for n in 1 2 3; do
      printf 'site%s: ' "$n"; curl -s -m 1 "http://127.0.0.1:$(rest_port "$n")/patroni" \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("role"), d.get("state"), "sync" if d.get("sync_standby") else "")' 2>/dev/null || echo down
    done ;;
  stop)
    for n in 1 2 3; do kill_site "$n"; done
    rm -rf "$ROOT" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
