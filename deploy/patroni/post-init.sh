#!/bin/sh
# Patroni runs this once, on the first primary, with a connection string as its argument.
set -eu
psql -v ON_ERROR_STOP=1 -v password="$PREFLIGHT_DB_PASSWORD" "$1" <<'SQL'
CREATE ROLE preflight LOGIN PASSWORD :'password';
CREATE DATABASE preflight OWNER preflight;
SQL
