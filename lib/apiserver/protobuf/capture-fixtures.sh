#!/usr/bin/env bash
# Regenerates tests/fixtures/protobuf/<name>.pb (request bodies the real kubectl 1.32 sends as
# application/vnd.kubernetes.protobuf) and <name>.json (the same object as kubectl prints it with
# --dry-run=client -o json, i.e. Go encoding/json of the typed struct: the decoder's oracle).
# Run by hand from the repository root: bash lib/apiserver/protobuf/capture-fixtures.sh
set -euo pipefail
ROOT=$(pwd)
FIX="$ROOT/tests/fixtures/protobuf"
IN="$FIX/inputs"
KUBECTL=${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.32}
PORT=${PORT:-18433}
WORK=$(mktemp -d)
cat > "$WORK/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "http://127.0.0.1:$PORT"}
users:
- name: u
  user: {token: t}
contexts:
- name: x
  context: {cluster: c, user: u, namespace: default}
current-context: x
KC
K=("$KUBECTL" --kubeconfig "$WORK/kubeconfig" --cache-dir "$WORK/cache")

# one node process (no npx wrapper), so the trap's kill stops it
CAPTURE_SERVED_DIR="$FIX/served" node --import tsx lib/apiserver/protobuf/capture.ts "$WORK/out" "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; [ -n "${KEEP_LOG:-}" ] && cat "$WORK/server.log"; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do grep -q listening "$WORK/server.log" 2>/dev/null && break; sleep 0.2; done

# capture NAME ARGS...: runs the command live (the server saves the body) and with
# --dry-run=client -o json (the expected JSON).
capture() {
  local name=$1; shift
  rm -rf "$WORK/out"; mkdir -p "$WORK/out"
  "${K[@]}" "$@" >/dev/null
  local body
  body=$(ls "$WORK/out"/*.pb | head -1)
  cp "$body" "$FIX/$name.pb"
  if [ -z "${NO_DRY_RUN:-}" ]; then
    # the flags go before a `--`, whose tail is the container command
    local before=() after=() seen=
    for a in "$@"; do
      if [ -z "$seen" ] && [ "$a" = "--" ]; then seen=1; fi
      if [ -n "$seen" ]; then after+=("$a"); else before+=("$a"); fi
    done
    "${K[@]}" "${before[@]}" --dry-run=client -o json "${after[@]}" > "$FIX/$name.json"
  fi
  echo "captured $name ($(wc -c < "$FIX/$name.pb") bytes)"
}

capture deployment-basic create deployment web --image=nginx:1.27
capture deployment-replicas-port create deployment api --image=nginx:1.27 --replicas=3 --port=8080
capture deployment-zero-replicas create deployment idle --image=nginx --replicas=0
capture deployment-command create deployment sleeper --image=busybox:1.36 -- sleep 3600
capture deployment-multi-image create deployment multi --image=nginx:1.27 --image=redis:7
capture deployment-save-config create deployment saved --image=nginx:1.27 --save-config
capture configmap-literal create configmap app-config --from-literal=mode=prod --from-literal=greeting=안녕하세요
capture configmap-files create configmap files --from-file="$IN/app.properties" --from-file=logo="$IN/logo.bin"
capture configmap-env-file create configmap envs --from-env-file="$IN/app.env"
capture secret-generic create secret generic app-secret --from-literal=user=admin --from-literal=password='p@ss w0rd'
capture secret-generic-typed create secret generic typed --type=example.com/custom --from-file=logo="$IN/logo.bin"
capture secret-tls create secret tls web-tls --cert="$IN/tls.crt" --key="$IN/tls.key"
capture secret-docker-registry create secret docker-registry regcred --docker-server=registry.example.com --docker-username=kim --docker-password=secret --docker-email=kim@example.com
capture namespace create namespace team-a
capture serviceaccount create serviceaccount builder
capture service-clusterip create service clusterip web --tcp=80:8080
capture service-clusterip-headless create service clusterip headless --clusterip=None
capture service-nodeport create service nodeport np --tcp=80:8080 --node-port=30080
capture service-loadbalancer create service loadbalancer lb --tcp=80:8080 --tcp=443:8443
capture service-externalname create service externalname ext --external-name=example.com --tcp=80
# `kubectl debug --copy-to` GETs served/pods.json and creates a copy through the typed client: the
# only create path that sends a full PodSpec. It has no --dry-run, so its .json is hand-derived
# from served/pods.json (see README.md).
NO_DRY_RUN=1 capture pod-debug-copy debug src --copy-to=dbg --keep-labels --keep-annotations --keep-liveness --keep-readiness --keep-startup --share-processes=false --set-image=app=nginx:1.28
# The expected JSON of the debug copy, derived from served/pods.json the way kubectl's
# generatePodCopyWithDebugContainer copies a pod (k8s.io/kubectl pkg/cmd/debug): a fresh
# ObjectMeta (name, namespace, kept labels and annotations), the spec with nodeName cleared,
# shareProcessNamespace from the explicit flag, --set-image applied, and no status.
node -e '
const fs = require("fs");
const fix = process.argv[1];
const s = JSON.parse(fs.readFileSync(fix + "/served/pods.json", "utf8"));
const spec = { ...s.spec };
delete spec.nodeName;
spec.shareProcessNamespace = false;
spec.containers = spec.containers.map((c) => (c.name === "app" ? { ...c, image: "nginx:1.28" } : c));
const out = { kind: "Pod", apiVersion: "v1",
  metadata: { name: "dbg", namespace: s.metadata.namespace, creationTimestamp: null, labels: s.metadata.labels, annotations: s.metadata.annotations },
  spec, status: {} };
fs.writeFileSync(fix + "/pod-debug-copy.json", JSON.stringify(out, null, 4) + "\n");
' "$FIX"
echo "derived pod-debug-copy.json"
