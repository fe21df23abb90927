// Validates deploy/kubernetes without a cluster.
//
//   node deploy/tools/manifests.mjs <repository root>           the source files
//   node deploy/tools/manifests.mjs <repository root> FILE...   rendered output (kubectl kustomize): schemas only
//
// Every object is checked against the schema of its kind (Kubernetes, KEDA, Prometheus Operator), and fields
// the schema does not know are rejected, as kubectl's strict validation would. Then the rules of this project:
// the kustomizations list every file, probes, resources and graceful shutdown on every Deployment, actuator (probes,
// scrape annotations, ServiceMonitors) on the management port only and that port behind no ClusterIP Service, and
// every name one object gives another (ConfigMap, Secret key, Service and PDB selectors, autoscaler targets) exists.
// Prints one line per problem and exits 1 if there is any.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseAllDocuments } from "yaml";

const root = resolve(process.argv[2] ?? ".");
const rendered = process.argv.slice(3);
const kubeDir = join(root, "deploy/kubernetes");
const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);
const rel = (path) => relative(root, path);

const SCHEMA_PACKAGES = ["kubernetes-models", "@kubernetes-models/keda", "@kubernetes-models/prometheus-operator"];
// Files that are not applied as they are: documented examples, Helm values.
const isExample = (path) => basename(path).endsWith(".example.yaml");
const isHelmValues = (path) => basename(path).endsWith("-values.yaml");
const isKustomization = (path) => basename(path) === "kustomization.yaml";

function yamlFiles(dir) {
    return readdirSync(dir)
        .sort()
        .flatMap((name) => {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) return yamlFiles(path);
            return /\.ya?ml$/.test(name) ? [path] : [];
        });
}

function parse(path) {
    const docs = parseAllDocuments(readFileSync(path, "utf8"), { uniqueKeys: true });
    const values = [];
    for (const doc of docs) {
        for (const error of doc.errors) problem(rel(path), `YAML: ${error.message}`);
        const value = doc.toJS();
        if (value !== null && value !== undefined) values.push(value);
    }
    return values;
}

const models = new Map();
async function modelFor(apiVersion, kind) {
    const key = `${apiVersion}/${kind}`;
    if (!models.has(key)) {
        let model = null;
        for (const pkg of SCHEMA_PACKAGES) {
            try {
                model = (await import(`${pkg}/${apiVersion}/${kind}`))[kind];
                break;
            } catch (error) {
                if (!["ERR_MODULE_NOT_FOUND", "ERR_PACKAGE_PATH_NOT_EXPORTED"].includes(error.code)) throw error;
            }
        }
        models.set(key, model);
    }
    return models.get(key);
}

// Wraps an object so that the schema validator's reads are recorded: a key it never read is a field the
// schema does not define. Objects the validator enumerates are maps (labels, data), where any key is fine.
function track(value, path, seen) {
    if (value === null || typeof value !== "object") return value;
    const info = { path, keys: Object.keys(value), read: new Set(), enumerated: Array.isArray(value) };
    seen.push(info);
    const copy = Array.isArray(value)
        ? value.map((item, i) => track(item, `${path}[${i}]`, seen))
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, track(v, `${path}.${k}`, seen)]));
    return new Proxy(copy, {
        get(target, key, receiver) {
            if (typeof key === "string") info.read.add(key);
            return Reflect.get(target, key, receiver);
        },
        has(target, key) {
            if (typeof key === "string") info.read.add(key);
            return Reflect.has(target, key);
        },
        ownKeys(target) {
            info.enumerated = true;
            return Reflect.ownKeys(target);
        },
    });
}

async function validateSchema(where, object) {
    const { apiVersion, kind } = object;
    if (typeof apiVersion !== "string" || typeof kind !== "string" || !object.metadata?.name) {
        problem(where, "needs apiVersion, kind and metadata.name");
        return;
    }
    const model = await modelFor(apiVersion, kind);
    if (!model) {
        problem(where, `no schema for ${apiVersion} ${kind} (add its @kubernetes-models package)`);
        return;
    }
    const seen = [];
    try {
        model.prototype.validate.call(track(object, "", seen));
    } catch (error) {
        for (const e of error.errors ?? [{ instancePath: "", message: error.message }]) {
            problem(where, `${e.instancePath || "/"} ${e.message}`);
        }
        return;
    }
    const unknown = [];
    for (const info of seen) {
        if (info.enumerated || unknown.some((u) => info.path.startsWith(u))) continue;
        for (const key of info.keys.filter((k) => !info.read.has(k))) {
            problem(where, `${info.path || "/"}: unknown field "${key}"`);
            unknown.push(`${info.path}.${key}`);
        }
    }
}

const name = (object) => `${object.kind}/${object.metadata?.name}`;

async function validateRendered(files) {
    for (const file of files) {
        for (const object of parse(file)) await validateSchema(`${file} ${name(object)}`, object);
    }
}

// --- the source tree ---------------------------------------------------------------------------------------

function checkKustomizations(files) {
    const listed = new Set();
    for (const path of files.filter(isKustomization)) {
        const [k] = parse(path);
        const where = rel(path);
        if (!k) continue;
        const isComponent = k.kind === "Component";
        if (!["Kustomization", "Component"].includes(k.kind) || !String(k.apiVersion).startsWith("kustomize.config.k8s.io/")) {
            problem(where, "expected a kustomize.config.k8s.io Kustomization or Component");
        }
        for (const entry of k.resources ?? []) {
            const target = join(dirname(path), entry);
            if (!existsSync(target)) problem(where, `resource ${entry} does not exist`);
            listed.add(target);
        }
        for (const entry of k.components ?? []) {
            const target = join(dirname(path), entry, "kustomization.yaml");
            if (!existsSync(target)) problem(where, `component ${entry} has no kustomization.yaml`);
            else if (parse(target)[0]?.kind !== "Component") problem(where, `${entry} is not a kind: Component`);
        }
        if (!isComponent && !k.namespace) problem(where, "sets no namespace");
    }
    for (const path of files) {
        if (!isKustomization(path) && !isExample(path) && !isHelmValues(path) && !listed.has(path)) {
            problem(rel(path), "is in no kustomization.yaml (name it *.example.yaml or *-values.yaml if on purpose)");
        }
    }
}

const matches = (selector, labels) =>
    Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) && Object.keys(selector ?? {}).length > 0;

function checkDeployment(d, byKind, secrets, where) {
    const pod = d.spec.template.spec;
    const podLabels = d.spec.template.metadata?.labels;
    if (!matches(d.spec.selector?.matchLabels, podLabels)) problem(where, "selector does not match the pod labels");
    if (!(pod.securityContext?.runAsNonRoot === true)) problem(where, "pod securityContext.runAsNonRoot is not true");
    const grace = pod.terminationGracePeriodSeconds ?? 30;
    for (const c of pod.containers) {
        const cw = `${where} container ${c.name}`;
        const portNames = new Set((c.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
        const management = (c.ports ?? []).find((p) => p.name === "management");
        if (!management) problem(cw, "no container port named management (actuator's management.server.port)");
        const scrapePort = d.spec.template.metadata?.annotations?.["prometheus.io/port"];
        if (scrapePort !== undefined && management && scrapePort !== String(management.containerPort)) {
            problem(cw, `prometheus.io/port ${scrapePort} is not the management port ${management.containerPort}`);
        }
        const probes = { startupProbe: "liveness", livenessProbe: "liveness", readinessProbe: "readiness" };
        for (const [probe, group] of Object.entries(probes)) {
            const get = c[probe]?.httpGet;
            if (!get) problem(cw, `no ${probe} (httpGet)`);
            else {
                if (get.path !== `/actuator/health/${group}`) problem(cw, `${probe} should ask /actuator/health/${group}`);
                if (!portNames.has(get.port)) problem(cw, `${probe} port ${get.port} is not a container port`);
                if (get.port !== "management") problem(cw, `${probe} asks port ${get.port}, not the management port`);
            }
        }
        for (const part of ["requests", "limits"]) {
            for (const resource of ["cpu", "memory"]) {
                if (!c.resources?.[part]?.[resource]) problem(cw, `no resources.${part}.${resource}`);
            }
        }
        const sleep = c.lifecycle?.preStop?.exec?.command;
        if (!sleep || sleep[0] !== "sleep") problem(cw, "no preStop sleep");
        else if (grace < Number(sleep[1]) + 30) {
            problem(cw, `terminationGracePeriodSeconds ${grace} leaves under 30 s after the ${sleep[1]} s preStop`);
        }
        if (c.securityContext?.readOnlyRootFilesystem && !(c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")) {
            problem(cw, "a read-only root file system needs a volume on /tmp");
        }
        for (const from of c.envFrom ?? []) {
            const ref = from.configMapRef?.name;
            if (ref && !byKind("ConfigMap").some((m) => m.metadata.name === ref)) problem(cw, `no ConfigMap ${ref}`);
        }
        for (const env of c.env ?? []) {
            const ref = env.valueFrom?.secretKeyRef;
            if (ref && !secrets.get(ref.name)?.has(ref.key)) {
                problem(cw, `env ${env.name}: secret ${ref.name} key ${ref.key} is not in secret.example.yaml`);
            }
        }
    }
    for (const volume of pod.volumes ?? []) {
        if (volume.secret && !secrets.has(volume.secret.secretName)) {
            problem(where, `volume ${volume.name}: secret ${volume.secret.secretName} is not in secret.example.yaml`);
        }
    }
}

/** An autoscaler watches exactly the send queues: none other, and none left out (a backlog it would not see). */
function checkSendQueues(where, queues, sendQueues) {
    for (const queue of queues.filter((q) => !sendQueues.includes(q))) {
        problem(where, `queue ${queue} is not a send queue of MailTopology (${sendQueues.join(", ")})`);
    }
    for (const queue of sendQueues.filter((q) => !queues.includes(q))) {
        problem(where, `does not watch the send queue ${queue}`);
    }
}

function checkReferences(objects, kustomization, envExample, sendQueues) {
    const byKind = (kind) => objects.filter((o) => o.object.kind === kind).map((o) => o.object);
    const secrets = new Map(
        byKind("Secret").map((s) => [s.metadata.name, new Set(Object.keys({ ...s.data, ...s.stringData }))]),
    );
    const deployments = byKind("Deployment");
    const deployment = (ref) => deployments.find((d) => d.metadata.name === ref);
    const podsOf = (selector) => deployments.filter((d) => matches(selector, d.spec.template.metadata?.labels));

    for (const { object, where } of objects) {
        const ns = object.metadata?.namespace;
        if (ns && ns !== kustomization.namespace) problem(where, `namespace ${ns}, the kustomization uses ${kustomization.namespace}`);
        switch (object.kind) {
            case "Namespace":
                if (object.metadata.name !== kustomization.namespace) problem(where, "is not the kustomization's namespace");
                break;
            case "Deployment":
                checkDeployment(object, byKind, secrets, where);
                for (const c of object.spec.template.spec.containers) {
                    const image = c.image.replace(/:[^:/]*$/, "");
                    if (!(kustomization.images ?? []).some((i) => i.name === image)) {
                        problem(where, `image ${image} is not in the kustomization's images`);
                    }
                }
                break;
            case "ConfigMap":
                for (const key of Object.keys(object.data ?? {})) {
                    if (!envExample.has(key)) problem(where, `${key} is not a setting in .env.example`);
                }
                break;
            case "Service": {
                const targets = podsOf(object.spec.selector);
                if (targets.length === 0) problem(where, "selects no Deployment's pods");
                const managementPorts = object.spec.ports.filter((p) => p.targetPort === "management" || p.name === "management");
                if (managementPorts.length > 0 && object.spec.clusterIP !== "None") {
                    problem(where, "carries the management port but is not headless: actuator would sit behind a virtual IP");
                }
                if (managementPorts.length > 0 && managementPorts.length < object.spec.ports.length) {
                    problem(where, "mixes the management port with other ports; give it a headless Service of its own");
                }
                for (const port of object.spec.ports) {
                    const named = typeof port.targetPort === "string";
                    for (const d of targets) {
                        const ports = d.spec.template.spec.containers.flatMap((c) => c.ports ?? []);
                        if (named && !ports.some((p) => p.name === port.targetPort)) {
                            problem(where, `targetPort ${port.targetPort} is not a port of ${name(d)}`);
                        }
                    }
                }
                break;
            }
            case "PodDisruptionBudget":
                if (podsOf(object.spec.selector?.matchLabels).length === 0) problem(where, "selects no Deployment's pods");
                break;
            case "HorizontalPodAutoscaler":
                if (!deployment(object.spec.scaleTargetRef.name)) problem(where, "scales no Deployment here");
                {
                    const queues = (object.spec.metrics ?? [])
                        .map((m) => m.external?.metric?.selector?.matchLabels?.queue)
                        .filter(Boolean);
                    checkSendQueues(where, queues, sendQueues);
                }
                break;
            case "ScaledObject":
                if (!deployment(object.spec.scaleTargetRef.name)) problem(where, "scales no Deployment here");
                for (const t of object.spec.triggers) {
                    const auth = t.authenticationRef?.name;
                    if (auth && !byKind("TriggerAuthentication").some((a) => a.metadata.name === auth)) {
                        problem(where, `no TriggerAuthentication ${auth}`);
                    }
                }
                checkSendQueues(
                    where,
                    object.spec.triggers.filter((t) => t.type === "rabbitmq").map((t) => t.metadata.queueName),
                    sendQueues,
                );
                break;
            case "TriggerAuthentication":
                for (const ref of object.spec.secretTargetRef ?? []) {
                    if (!secrets.get(ref.name)?.has(ref.key)) {
                        problem(where, `secret ${ref.name} key ${ref.key} is not in secret.example.yaml`);
                    }
                }
                break;
            case "ServiceMonitor": {
                const services = byKind("Service").filter((s) => matches(object.spec.selector.matchLabels, s.metadata.labels));
                if (services.length === 0) problem(where, "selects no Service");
                for (const e of object.spec.endpoints) {
                    if (e.port !== "management") problem(where, `scrapes port ${e.port}, not the management port`);
                    if (!services.every((s) => s.spec.ports.some((p) => p.name === e.port))) {
                        problem(where, `port ${e.port} is not a port of the Services it selects`);
                    }
                }
                break;
            }
        }
    }
}

// Settings of .env.example, set or given as a commented-out example ("# NAME=value").
function settings(path) {
    return new Set(
        readFileSync(path, "utf8")
            .split("\n")
            .map((line) => line.trim().replace(/^#\s*/, ""))
            .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
            .map((line) => line.slice(0, line.indexOf("="))),
    );
}

/** The queues the workers take send commands from (MailTopology's SEND_QUEUE and TRANSACTIONAL_SEND_QUEUE). */
function sendQueueNames() {
    const topology = readFileSync(join(root, "common/src/main/java/io/graphmail/contract/MailTopology.java"), "utf8");
    return ["SEND_QUEUE", "TRANSACTIONAL_SEND_QUEUE"].map(
        (constant) => new RegExp(`\\b${constant}\\s*=\\s*"([^"]+)"`).exec(topology)?.[1],
    );
}

async function validateSources() {
    const files = yamlFiles(kubeDir);
    checkKustomizations(files);
    const objects = [];
    for (const path of files.filter((p) => !isKustomization(p) && !isHelmValues(p))) {
        for (const object of parse(path)) {
            const where = `${rel(path)} ${name(object)}`;
            await validateSchema(where, object);
            objects.push({ object, where });
        }
    }
    for (const path of files.filter(isHelmValues)) parse(path);
    const [kustomization] = parse(join(kubeDir, "kustomization.yaml"));
    const checked = objects.length;
    if (problems.length === 0) {
        checkReferences(objects, kustomization, settings(join(root, ".env.example")), sendQueueNames());
    } else {
        console.log("(references between objects are checked once every object matches its schema)");
    }
    return `${files.length} files, ${checked} objects`;
}

const summary = rendered.length > 0 ? (await validateRendered(rendered), `${rendered.length} rendered file(s)`) : await validateSources();
for (const p of problems) console.log(p);
console.log(problems.length === 0 ? `${summary}: valid` : `${summary}: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
