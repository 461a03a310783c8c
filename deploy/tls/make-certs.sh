#!/usr/bin/env sh
# Certificates for the Compose stack with TLS (deploy/compose.tls.yml): a CA and one certificate per
# service (nexus-api, clickhouse, grafana, keycloak), ECDSA P-256, valid 397 days. Writes deploy/tls/out/
# (git-ignored). In Kubernetes cert-manager does this (k8s/platform/tls.yaml).
set -eu
cd "$(dirname "$0")"
mkdir -p out
cd out
[ -f ca.key ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
  -subj /CN=nexus-compose-ca -keyout ca.key -out ca.crt
for svc in nexus-api clickhouse grafana keycloak; do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$svc" \
    -keyout "$svc.key" -out "$svc.csr"
  printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\n' "$svc" > "$svc.ext"
  openssl x509 -req -in "$svc.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 397 \
    -extfile "$svc.ext" -out "$svc.crt"
  rm "$svc.csr" "$svc.ext"
done
# Readable by the services' non-root users inside their containers (the directory is mounted read-only).
chmod 0644 ./*.crt ./*.key
echo "certificates in $(pwd)"
