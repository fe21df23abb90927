# Makes sure a RabbitMQ is reachable: the one named by RABBITMQ_URI, or the local one on 127.0.0.1:5672,
# which is started if it is installed but stopped.

rabbitmq_port_open() {
    (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null
}

ensure_rabbitmq() {
    if [[ -n "${RABBITMQ_URI:-}" ]] || rabbitmq_port_open; then
        return 0
    fi
    if ! command -v rabbitmq-server >/dev/null 2>&1; then
        echo "RabbitMQ is not running on 127.0.0.1:5672 and is not installed." >&2
        echo "Install it (Debian/Ubuntu: sudo apt-get install rabbitmq-server) or set RABBITMQ_URI." >&2
        exit 1
    fi
    echo "Starting the local RabbitMQ..."
    rabbitmq-server -detached
    for _ in $(seq 1 60); do
        rabbitmq_port_open && return 0
        sleep 1
    done
    echo "RabbitMQ did not start within 60 s" >&2
    exit 1
}
