# shellcheck shell=bash
# The HTTPS mirror every end-to-end test uses: nginx on 127.0.0.1 with a throwaway CA made by the
# openssl CLI, serving a directory the way go.dev/dl/ does (README "How it works"):
#   GET /dl/?mode=json&include=all -> <root>/index.json (nginx ignores the query string)
#   GET /dl/<filename>             -> <root>/<filename>, with Content-Length, ETag, Range support
#
# Usage (source it, then):
#   mirror_add_conf 'location = /dl/gone.tar.gz { return 404; }'   # optional, before start
#   mirror_start <root_dir>       # exports MIRROR_URL, MIRROR_CA, MIRROR_HTTP_URL, ...
#   ... SSL_CERT_FILE="$MIRROR_CA" GOVER_MIRROR="$MIRROR_URL" "$GOVER_BIN" ...
#   mirror_stop                   # also safe from an EXIT trap; called twice is fine
#
# Exports after mirror_start:
#   MIRROR_URL         https://127.0.0.1:<port>/dl/
#   MIRROR_HTTP_URL    http://127.0.0.1:<http_port>/dl/   (the same files over plain http)
#   MIRROR_PORT, MIRROR_HTTP_PORT, MIRROR_ROOT
#   MIRROR_CA          the CA certificate (PEM) that signed the server's certificate
#   MIRROR_ACCESS_LOG  one line a request: "<method> <uri> <status> <bytes> range=<Range> inm=<If-None-Match> ims=<If-Modified-Since>"
#   MIRROR_DIR         nginx's prefix (conf, logs, pid, temp dirs, certificates)
#
# Extra configuration (mirror_add_conf) goes inside both server blocks; these placeholders are
# replaced: @HTTPS_PORT@, @HTTP_PORT@, @ROOT@, @DIR@. Helpers for common faults:
#   mirror_add_redirect_to_http <path>   # /dl/<path> answers 302 to the same file over http
#   mirror_add_redirect_loop <path>      # /dl/<path> redirects to itself forever
#   mirror_add_status <path> <code>      # /dl/<path> answers <code>
# Requirements: nginx (Debian nginx-light: /usr/sbin/nginx) and openssl. mirror_require exits 77
# (skip) with a reason when either is missing.

MIRROR_NGINX=${MIRROR_NGINX:-}
_mirror_extra_conf=()

mirror_require() {
    if [[ -z $MIRROR_NGINX ]]; then
        if [[ -x /usr/sbin/nginx ]]; then
            MIRROR_NGINX=/usr/sbin/nginx
        else
            MIRROR_NGINX=$(command -v nginx || true)
        fi
    fi
    if [[ -z $MIRROR_NGINX ]]; then
        echo "SKIP: nginx not found (apt-get install nginx-light)" >&2
        exit 77
    fi
    if ! command -v openssl >/dev/null; then
        echo "SKIP: openssl not found (apt-get install openssl)" >&2
        exit 77
    fi
}

mirror_add_conf() {
    _mirror_extra_conf+=("$1")
}

mirror_add_redirect_to_http() {
    mirror_add_conf "location = /dl/$1 { return 302 http://127.0.0.1:@HTTP_PORT@/dl/$1; }"
}

mirror_add_redirect_loop() {
    mirror_add_conf "location = /dl/$1 { return 302 /dl/$1; }"
}

mirror_add_status() {
    mirror_add_conf "location = /dl/$1 { return $2; }"
}

# Makes the CA and a certificate for 127.0.0.1 in $1.
_mirror_make_certs() {
    local dir=$1
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 \
        -subj "/CN=gover test CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
        >/dev/null 2>&1 || return 1
    openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=127.0.0.1" \
        -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1 || return 1
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        "basicConstraints=CA:FALSE" "extendedKeyUsage=serverAuth" >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
        -CAcreateserial -days 2 -sha256 -extfile "$dir/server.ext" -out "$dir/server.pem" \
        >/dev/null 2>&1 || return 1
}

_mirror_write_conf() {
    local dir=$1 root=$2 https_port=$3 http_port=$4
    local extra="" line user_line=""
    for line in "${_mirror_extra_conf[@]}"; do
        line=${line//@HTTPS_PORT@/$https_port}
        line=${line//@HTTP_PORT@/$http_port}
        line=${line//@ROOT@/$root}
        line=${line//@DIR@/$dir}
        extra+="        $line"$'\n'
    done
    # As root, nginx would hand requests to "nobody", which cannot read a mktemp directory.
    if [[ $(id -u) == 0 ]]; then
        user_line="user root root;"
    fi
    local common
    common=$(
        cat <<EOF
        root $root;
        location /dl/ {
            alias $root/;
            index index.json;
        }
$extra
EOF
    )
    cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon on;
pid $dir/nginx.pid;
lock_file $dir/nginx.lock;
error_log $dir/error.log warn;
events { worker_connections 256; }
http {
    types {
        application/json json;
        application/gzip gz;
        application/zip zip;
    }
    default_type application/octet-stream;
    log_format gover '\$request_method \$request_uri \$status \$body_bytes_sent range=\$http_range inm=\$http_if_none_match ims=\$http_if_modified_since';
    access_log $dir/access.log gover;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    sendfile on;
    keepalive_timeout 10;
    server {
        listen 127.0.0.1:$https_port ssl;
        ssl_certificate $dir/server.pem;
        ssl_certificate_key $dir/server.key;
$common
    }
    server {
        listen 127.0.0.1:$http_port;
$common
    }
}
EOF
}

# mirror_start <root_dir>: serves root_dir as https://127.0.0.1:<port>/dl/ (see the top).
mirror_start() {
    local root
    root=$(cd "$1" && pwd) || {
        echo "mirror_start: no directory $1" >&2
        return 1
    }
    mirror_require
    MIRROR_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gover-mirror.XXXXXX")
    mkdir -p "$MIRROR_DIR/tmp"
    _mirror_make_certs "$MIRROR_DIR" || {
        echo "mirror_start: openssl could not make the test certificates" >&2
        return 1
    }
    local attempt https_port http_port
    for attempt in $(seq 1 20); do
        # Random ports; nginx binding them is the test of whether they are free.
        https_port=$((20000 + RANDOM % 40000))
        http_port=$((20000 + RANDOM % 40000))
        [[ $https_port == "$http_port" ]] && continue
        _mirror_write_conf "$MIRROR_DIR" "$root" "$https_port" "$http_port"
        if "$MIRROR_NGINX" -p "$MIRROR_DIR" -c "$MIRROR_DIR/nginx.conf" -e "$MIRROR_DIR/error.log" \
            2>>"$MIRROR_DIR/start.log"; then
            local i
            for i in $(seq 1 50); do
                [[ -s $MIRROR_DIR/nginx.pid ]] && break
                sleep 0.05
            done
            export MIRROR_PORT=$https_port MIRROR_HTTP_PORT=$http_port MIRROR_ROOT=$root
            export MIRROR_URL="https://127.0.0.1:$https_port/dl/"
            export MIRROR_HTTP_URL="http://127.0.0.1:$http_port/dl/"
            export MIRROR_CA="$MIRROR_DIR/ca.pem"
            export MIRROR_ACCESS_LOG="$MIRROR_DIR/access.log"
            export MIRROR_DIR
            return 0
        fi
        if ! grep -q "Address already in use" "$MIRROR_DIR/start.log" "$MIRROR_DIR/error.log" \
            2>/dev/null; then
            echo "mirror_start: nginx failed:" >&2
            cat "$MIRROR_DIR/start.log" "$MIRROR_DIR/error.log" >&2 2>/dev/null
            return 1
        fi
        : >"$MIRROR_DIR/start.log"
    done
    echo "mirror_start: no free port found" >&2
    return 1
}

# Stops nginx (by its pid file) and removes its directory. Safe to call more than once.
mirror_stop() {
    [[ -n ${MIRROR_DIR:-} && -d $MIRROR_DIR ]] || return 0
    local pid=""
    [[ -s $MIRROR_DIR/nginx.pid ]] && pid=$(cat "$MIRROR_DIR/nginx.pid")
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        local i
        for i in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$MIRROR_DIR"
    MIRROR_DIR=""
}

# Requests in the access log so far (for assertions like "the cached path made no request").
mirror_request_count() {
    if [[ -f ${MIRROR_ACCESS_LOG:-} ]]; then
        wc -l <"$MIRROR_ACCESS_LOG" | tr -d ' '
    else
        echo 0
    fi
}
