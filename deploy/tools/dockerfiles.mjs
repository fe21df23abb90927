// The project's rules for docker/*.Dockerfile, on top of the linters deploy/check.sh runs:
//
//   node deploy/tools/dockerfiles.mjs <repository root>
//
// One Dockerfile per service, each built by docker-compose.yml, with an identical <name>.Dockerfile.dockerignore
// that lets in the POM of every module the root POM lists;
// a Maven build stage on Temurin 17 that extracts Spring Boot's layers; a runtime stage on eclipse-temurin:17-jre
// that copies the four layers in order, sizes the heap from the container, runs as a numeric non-root user,
// exposes its ports, checks /actuator/health/liveness (on the management port, for the services that have one)
// and starts the JarLauncher.
// Prints one line per problem and exits 1 if there is any.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DockerfileParser } from "dockerfile-ast";

const root = resolve(process.argv[2] ?? ".");
const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

const LAYERS = ["dependencies", "spring-boot-loader", "snapshot-dependencies", "application"];
const dockerfiles = readdirSync(join(root, "docker")).filter((f) => f.endsWith(".Dockerfile")).sort();
const compose = readFileSync(join(root, "docker-compose.yml"), "utf8");
const composeRefs = [...compose.matchAll(/^\s*dockerfile:\s*(\S+)\s*$/gm)].map((m) => m[1]);

function check(file) {
    const where = `docker/${file}`;
    const service = file.replace(/\.Dockerfile$/, "");
    const dockerfile = DockerfileParser.parse(readFileSync(join(root, "docker", file), "utf8"));
    const instructions = dockerfile.getInstructions();
    const froms = dockerfile.getFROMs();
    if (froms.length < 2) return problem(where, "expected a build stage and a runtime stage");

    const build = froms[0];
    if (!/^maven:.*eclipse-temurin-17$/.test(build.getImage())) problem(where, "build stage is not maven on eclipse-temurin 17");
    const final = froms[froms.length - 1];
    if (final.getImage() !== "eclipse-temurin:17-jre") problem(where, "runtime stage is not eclipse-temurin:17-jre");
    const startOf = (instruction) => instruction.getRange().start.line;
    const buildStage = instructions.filter((i) => startOf(i) < startOf(final));
    const runtime = instructions.filter((i) => startOf(i) > startOf(final));
    const args = (i) => i.getArgumentsContent() ?? "";
    const of = (keyword, stage = runtime) => stage.filter((i) => i.getKeyword() === keyword);

    const buildRun = of("RUN", buildStage).map(args).join("\n");
    if (!buildRun.includes(`-pl ${service} `)) problem(where, `the build stage does not build the module ${service}`);
    if (!/-Djarmode=tools .*extract --layers --launcher/s.test(buildRun)) problem(where, "no jarmode=tools layer extraction");

    const copies = of("COPY").filter((i) => i.getFlags().some((f) => f.getName() === "from"));
    const copied = copies.map((i) => /\/layers\/([^/]+)\//.exec(args(i))?.[1]);
    if (copied.join() !== LAYERS.join()) problem(where, `expected COPY --from of the layers ${LAYERS.join(", ")} in that order`);
    if (!of("ENV").some((i) => args(i).includes("-XX:MaxRAMPercentage=75"))) problem(where, "no -XX:MaxRAMPercentage=75 in JAVA_TOOL_OPTIONS");

    const users = of("USER");
    const user = users.length ? args(users[users.length - 1]) : "";
    if (!/^[1-9]\d*(:\d+)?$/.test(user)) problem(where, `the last USER (${user || "none"}) is not a numeric non-root user`);
    if (of("EXPOSE").length === 0) problem(where, "no EXPOSE");
    if (!of("HEALTHCHECK").some((i) => args(i).includes("/actuator/health/liveness"))) {
        problem(where, "no HEALTHCHECK on /actuator/health/liveness");
    }
    // Actuator is on the management port (management.server.port) of the gateway and the worker, never the API's.
    const managementPort = { "api-gateway": "GATEWAY_MANAGEMENT_PORT", "mail-worker": "WORKER_MANAGEMENT_PORT" }[service];
    if (managementPort && !of("HEALTHCHECK").some((i) => args(i).includes(`\${${managementPort}}/actuator/`))) {
        problem(where, `the HEALTHCHECK does not ask the management port (\${${managementPort}})`);
    }
    if (!of("ENTRYPOINT").some((i) => args(i).includes("org.springframework.boot.loader.launch.JarLauncher"))) {
        problem(where, "the ENTRYPOINT does not start the JarLauncher");
    }

    if (!existsSync(join(root, "docker", `${file}.dockerignore`))) problem(where, `no ${file}.dockerignore beside it`);
    if (!composeRefs.includes(`docker/${file}`)) problem(where, "docker-compose.yml builds no service with it");
}

for (const file of dockerfiles) check(file);
for (const ref of composeRefs) {
    if (!existsSync(join(root, ref))) problem("docker-compose.yml", `dockerfile ${ref} does not exist`);
}
const ignores = dockerfiles.filter((f) => existsSync(join(root, "docker", `${f}.dockerignore`)));
const contents = new Set(ignores.map((f) => readFileSync(join(root, "docker", `${f}.dockerignore`), "utf8")));
if (contents.size > 1) problem("docker/*.Dockerfile.dockerignore", "differ; keep them identical");
// Maven reads every module the root POM lists (outside its profiles) before building any: a module whose POM the
// context leaves out stops the build ("Child module ... does not exist"), even one the image does not need.
const rootPom = readFileSync(join(root, "pom.xml"), "utf8").split("<profiles>")[0];
const modules = [...rootPom.matchAll(/<module>([^<]+)<\/module>/g)].map((m) => m[1]);
for (const file of ignores) {
    const allowed = readFileSync(join(root, "docker", `${file}.dockerignore`), "utf8").split("\n");
    for (const module of modules) {
        if (!allowed.includes(`!${module}/`) && !allowed.includes(`!${module}/pom.xml`)) {
            problem(`docker/${file}.dockerignore`, `leaves out ${module}/pom.xml, a module of the root POM`);
        }
    }
}

for (const p of problems) console.log(p);
console.log(`${dockerfiles.length} Dockerfiles: ${problems.length === 0 ? "follow the project's rules" : `${problems.length} problem(s)`}`);
process.exit(problems.length === 0 && dockerfiles.length > 0 ? 0 : 1);
