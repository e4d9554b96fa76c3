"""A loopback *test* API server for itp-dev's Kubernetes tests. It is not
Kubernetes: it speaks enough of the real wire protocol (JSON objects,
server-side apply PATCHes with fieldManager, dry runs, label-selected lists,
DELETE, `Status` bodies with 403/404/409/422) and scripts what a cluster
would do (rollouts that finish after a few polls, or pods stuck pulling).

usage: test_api_server.py PORT_FILE LOG_FILE [SCRIPT_JSON]
SCRIPT_JSON keys: "forbidden": [ns], "terminating": [ns], "foreign": [ns],
"expired": [ns], "fail": {path suffix: status code for its apply},
"stuck": "ImagePullBackOff" (pods never ready), "ready_after": polls.
"""
import copy
import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, log_file = sys.argv[1], sys.argv[2]
script = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
store = {}  # path -> object
polls = {}
version = [100]

for ns in script.get("terminating", []) + script.get("foreign", []):
    store[f"/api/v1/namespaces/{ns}"] = {
        "apiVersion": "v1", "kind": "Namespace",
        "metadata": {"name": ns, "resourceVersion": "1", "labels": {"team": "other"}},
        "status": {"phase": "Terminating" if ns in script.get("terminating", []) else "Active"},
    }

for ns in script.get("expired", []):
    store[f"/api/v1/namespaces/{ns}"] = {
        "apiVersion": "v1", "kind": "Namespace",
        "metadata": {"name": ns, "resourceVersion": "1", "creationTimestamp": "2026-01-01T00:00:00Z",
                     "labels": {"app.kubernetes.io/managed-by": "itp-dev", "app.kubernetes.io/part-of": "old"},
                     "annotations": {"itp.dev/expires-at": "2026-01-02T00:00:00Z", "itp.dev/owner": "qa-bot"}},
        "status": {"phase": "Active"},
    }

KINDS = {"namespaces": "Namespace", "services": "Service", "configmaps": "ConfigMap",
         "secrets": "Secret", "persistentvolumeclaims": "PersistentVolumeClaim",
         "deployments": "Deployment", "statefulsets": "StatefulSet", "jobs": "Job",
         "pods": "Pod", "events": "Event"}


def status(code, reason, message):
    return code, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": message, "reason": reason, "code": code}


def content(obj):
    """What an apply can change: everything but server-set fields."""
    o = copy.deepcopy(obj)
    o.pop("status", None)
    for k in ("resourceVersion", "generation", "uid", "creationTimestamp", "managedFields"):
        o.get("metadata", {}).pop(k, None)
    return o


def namespace_of(path):
    parts = path.strip("/").split("/")
    if "namespaces" in parts:
        i = parts.index("namespaces")
        if i + 1 < len(parts):
            return parts[i + 1]
    return None


def matches(obj, selector):
    labels = obj.get("metadata", {}).get("labels", {}) or {}
    for term in filter(None, selector.split(",")):
        k, _, v = term.partition("=")
        if labels.get(k) != v:
            return False
    return True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, code, body):
        if "__text__" in body:
            data = body["__text__"].encode()
            self.send_response(code)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def exec_websocket(self, q_pairs):
        """`pods/NAME/exec` over a websocket (the v4 channel protocol):
        runs nothing, but answers like a shell would for a few commands."""
        import base64
        import hashlib
        key = self.headers.get("Sec-WebSocket-Key", "")
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        protos = [p.strip() for p in self.headers.get("Sec-WebSocket-Protocol", "").split(",")]
        proto = "v4.channel.k8s.io" if "v4.channel.k8s.io" in protos else protos[0]
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.send_header("Sec-WebSocket-Protocol", proto)
        self.end_headers()
        cmd = [v for k, v in q_pairs if k == "command"]

        def frame(channel, data):
            payload = bytes([channel]) + data
            n = len(payload)
            head = bytes([0x82, n]) if n < 126 else bytes([0x82, 126]) + n.to_bytes(2, "big")
            self.wfile.write(head + payload)

        script_text = " ".join(cmd)
        code = 0
        if cmd[:1] == ["echo"]:
            frame(1, (" ".join(cmd[1:]) + "\n").encode())
        elif "exit" in script_text:
            code = int(script_text.rsplit("exit", 1)[1].split()[0])
            frame(2, b"failing on purpose\n")
        if code == 0:
            st = {"metadata": {}, "status": "Success"}
        else:
            st = {"metadata": {}, "status": "Failure", "message": f"command terminated with non-zero exit code: {code}",
                  "reason": "NonZeroExitCode",
                  "details": {"causes": [{"reason": "ExitCode", "message": str(code)}]}}
        frame(3, json.dumps(st).encode())
        self.wfile.write(bytes([0x88, 0]))
        self.wfile.flush()
        self.close_connection = True

    def handle_any(self, method):
        url = urllib.parse.urlparse(self.path)
        if url.path.endswith("/exec") and self.headers.get("Upgrade", "").lower() == "websocket":
            with open(log_file, "a") as f:
                f.write(json.dumps({"method": "EXEC", "path": url.path, "query": urllib.parse.parse_qs(url.query)}) + "\n")
            return self.exec_websocket(urllib.parse.parse_qsl(url.query))
        q = dict(urllib.parse.parse_qsl(url.query))
        path = url.path.rstrip("/")
        body = b""
        if "Content-Length" in self.headers:
            body = self.rfile.read(int(self.headers["Content-Length"]))
        with open(log_file, "a") as f:
            f.write(json.dumps({"method": method, "path": path, "query": q,
                                "content_type": self.headers.get("Content-Type", ""),
                                "body": body.decode(errors="replace")}) + "\n")
        self.reply(*self.route(method, path, q, body))

    def route(self, method, path, q, body):
        if path == "/version":
            return 200, {"major": "1", "minor": "33", "gitVersion": "v1.33.0-test", "gitCommit": "0",
                         "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z",
                         "goVersion": "go1.24", "compiler": "gc", "platform": "linux/amd64"}
        if method == "POST" and path.endswith("/selfsubjectaccessreviews"):
            review = json.loads(body)
            attrs = review.get("spec", {}).get("resourceAttributes", {})
            allowed = attrs.get("namespace") not in script.get("forbidden", [])
            review["status"] = {"allowed": allowed}
            return 201, review
        ns = namespace_of(path)
        if ns in script.get("forbidden", []):
            return status(403, "Forbidden", f'namespaces "{ns}" is forbidden: User "tester" cannot get resource')
        last = path.split("/")[-1]
        collection = last in KINDS and not (last == "namespaces" and path.endswith(f"/namespaces/{last}"))
        if method == "GET" and collection:
            items = [o for p, o in store.items()
                     if p.startswith(path + "/") and p.count("/") == path.count("/") + 1
                     and matches(o, q.get("labelSelector", ""))]
            if last == "pods" and not script.get("stuck"):
                # One running pod per stored workload of the namespace.
                for p, o in list(store.items()):
                    if o["kind"] in ("Deployment", "StatefulSet") and p.startswith(f"/apis/apps/v1/namespaces/{ns}/"):
                        name = o["metadata"]["name"]
                        pod = {"apiVersion": "v1", "kind": "Pod",
                               "metadata": {"name": f"{name}-0", "namespace": ns,
                                            "labels": {"app.kubernetes.io/name": name,
                                                       "app.kubernetes.io/managed-by": "itp-dev"}},
                               "status": {"phase": "Running"}}
                        if matches(pod, q.get("labelSelector", "")):
                            items.append(pod)
            if last == "pods" and script.get("stuck"):
                items = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1", "namespace": ns},
                          "status": {"containerStatuses": [{"name": "web", "image": "x", "imageID": "", "ready": False,
                                      "restartCount": 0, "state": {"waiting": {"reason": script["stuck"]}}}]}}]
            if last == "events" and script.get("stuck"):
                items = [{"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e1", "namespace": ns},
                          "involvedObject": {"name": "web-1"}, "reason": "Failed",
                          "message": "Failed to pull image: not found"}]
            return 200, {"apiVersion": "v1", "kind": KINDS[last] + "List",
                         "metadata": {"resourceVersion": str(version[0])}, "items": items}
        if method == "GET" and last == "log":
            pod = path.split("/")[-2]
            text = "".join(f"{pod} says line {i}\n" for i in range(1, 4))
            data = text.encode()
            return 200, {"__text__": text}
        if method == "GET":
            if path not in store:
                return status(404, "NotFound", f'{last} not found')
            obj = store[path]
            if obj["kind"] in ("Deployment", "StatefulSet"):
                polls[path] = polls.get(path, 0) + 1
                gen = obj["metadata"]["generation"]
                ready = 0 if script.get("stuck") or polls[path] < script.get("ready_after", 2) else 1
                obj["status"] = {"observedGeneration": gen, "replicas": 1, "updatedReplicas": 1,
                                 "readyReplicas": ready, "availableReplicas": ready}
            return 200, obj
        if method == "PATCH":
            for suffix, code in script.get("fail", {}).items():
                if path.endswith(suffix):
                    reason = {422: "Invalid", 500: "InternalError", 409: "Conflict"}.get(code, "Failure")
                    return status(code, reason, f"scripted failure {code} for {suffix}")
            if self.headers.get("Content-Type") != "application/apply-patch+yaml":
                return status(415, "UnsupportedMediaType", "only server-side apply is served here")
            if q.get("fieldManager") != "itp-dev":
                return status(422, "Invalid", "fieldManager is required for apply patch")
            new = json.loads(body)
            if new.get("metadata", {}).get("name") != last:
                return status(422, "Invalid", "the name in the body does not match the URL")
            old = store.get(path)
            if old is not None and old.get("status", {}).get("phase") == "Terminating":
                return status(409, "Conflict", f"namespace {last} is terminating")
            if old is not None and content(old) == content(new):
                return 200, old
            version[0] += 1
            merged = copy.deepcopy(new)
            meta = merged.setdefault("metadata", {})
            meta["resourceVersion"] = str(version[0])
            meta["generation"] = (old or {}).get("metadata", {}).get("generation", 0) + 1
            if q.get("dryRun") == "All":
                return 200, merged
            polls.pop(path, None)
            store[path] = merged
            return 201 if old is None else 200, merged
        if method == "DELETE":
            if path not in store:
                return status(404, "NotFound", f"{last} not found")
            del store[path]
            return 200, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": 200}
        return status(405, "MethodNotAllowed", method)

    def do_GET(self):
        self.handle_any("GET")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def do_POST(self):
        self.handle_any("POST")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
