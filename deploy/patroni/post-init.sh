#!/bin/sh
# Patroni runs this once, on the first primary, with a connection string as its argument.
set -eu
# the password is read from the environment, never put on a command line that ps shows
psql -v ON_ERROR_STOP=1 "$1" <<'SQL'
\getenv password PREFLIGHT_DB_PASSWORD
CREATE ROLE preflight LOGIN PASSWORD :'password';
CREATE DATABASE preflight OWNER preflight;
SQL
