# syntax=docker/dockerfile:1
#
# mail-worker: the RabbitMQ consumers that send through Microsoft Graph; actuator (health, metrics) on the management
# port 9081.
#
#   docker build -f docker/mail-worker.Dockerfile -t graphmail/mail-worker:0.1.0-SNAPSHOT .
#
# The build context is the repository root; mail-worker.Dockerfile.dockerignore beside this file sends only
# the Maven modules (BuildKit, the default builder, reads it). The first stage builds the jar from source, the
# second runs it unpacked in Spring Boot's layers, so that a code change alters only the last, small layer.
# Maven's repository is a BuildKit cache shared by the three images' builds, one build at a time (sharing=locked,
# since compose builds them in parallel and Maven's local repository is not safe for concurrent writers).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The linter hands RUN's --mount flag to ShellCheck as if it were the command (SC2215).
# linter ignore=SC2215
RUN --mount=type=cache,target=/root/.m2/repository,sharing=locked \
    mvn -B -ntp -pl mail-worker -am -Dmaven.test.skip=true -Djacoco.skip=true package \
    && java -Djarmode=tools -jar mail-worker/target/mail-worker-*-exec.jar \
        extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre

# curl runs the HEALTHCHECK: a few hundred kB, where a second JVM per check would compete with the service for
# the container's memory. The Ubuntu-based Temurin images ship it; it is installed only if a base image lacks it,
# unpinned (ER0012), since a pinned Ubuntu version fails the build once the archive has moved on.
# linter ignore=ER0012
RUN if ! command -v curl >/dev/null 2>&1; then \
        apt-get update \
        && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*; \
    fi \
    && groupadd --system --gid 10001 graphmail \
    && useradd --system --uid 10001 --gid graphmail --home-dir /app --shell /usr/sbin/nologin graphmail

# Least likely to change first. The files stay owned by root: the service reads them and writes only to /tmp.
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

# Heap from the container's memory limit; a JVM out of memory exits so that the orchestrator restarts it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError" \
    WORKER_PORT=8081 \
    WORKER_MANAGEMENT_PORT=9081

# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
EXPOSE 9081

# Liveness, not readiness: a broker or database outage makes the service unready, and restarting it would not help.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["sh", "-c", "curl -fsS -o /dev/null --max-time 4 http://127.0.0.1:${WORKER_MANAGEMENT_PORT}/actuator/health/liveness || exit 1"]

# java is PID 1 and gets SIGTERM itself, for Spring's graceful shutdown. This replaces the base image's entrypoint,
# which only adds system CA certificates when USE_SYSTEM_CA_CERTS is set.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
