#!/bin/sh
# Makes this deployment's secrets in docker/secretos/ (ignored by git; never commit them):
# the PostgreSQL and immudb passwords, the JWT secret shared by the API replicas, and immudb's
# ECDSA P-256 signing key (SEC1 PEM, the format immudb 1.1.0 reads) with its public half.
# Refuses to overwrite: a new signing key would make every signed state so far unverifiable.
set -eu
cd "$(dirname "$0")"
if [ -e postgres_password.txt ] || [ -e immudb-firma.key.pem ]; then
  echo "docker/secretos ya tiene secretos; bórrelos a mano solo si sabe lo que hace" >&2
  exit 1
fi
umask 077
aleatorio() { openssl rand -base64 48 | tr -d '/+=\n' | cut -c1-40; }
PG=$(aleatorio)
IMMU=$(aleatorio)
printf '%s' "$PG" > postgres_password.txt
printf 'POSTGRES_PWD=%s\n' "$PG" > temporal.env
printf 'IMMUDB_ADMIN_PASSWORD=%s\n' "$IMMU" > immudb.env
{
  printf 'DATABASE_URL=postgres://postgres:%s@postgres:5432/prep\n' "$PG"
  printf 'IMMUDB_PASSWORD=%s\n' "$IMMU"
  printf 'JWT_SECRET=%s\n' "$(aleatorio)$(aleatorio)"
} > prep.env
openssl ecparam -name prime256v1 -genkey -noout -out immudb-firma.key.pem
openssl ec -in immudb-firma.key.pem -pubout -out immudb-firma.pub.pem 2>/dev/null
# Compose mounts secret files as they are, and the containers read them as their own non-root users:
# the files mounted as secrets are world-readable, the folder around them is not.
chmod 700 .
chmod 644 postgres_password.txt immudb-firma.key.pem immudb-firma.pub.pem
echo "secretos creados en $(pwd)"
