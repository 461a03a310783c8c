# syntax=docker/dockerfile:1
# nexus-grafana-assets: the Nexus Grafana plugins and dashboards, copied into Grafana by an init container
# (k8s/platform/grafana.yaml). Build after `npm run build -w plugin`:
#   docker build -f deploy/grafana-assets.Dockerfile -t nexus-grafana-assets:0.1.0 .
FROM busybox:1.37
COPY plugin/dist /assets/plugins
COPY dashboards /assets/dashboards
USER 65534
