#!/bin/sh
# Starts nginx in the foreground with the console's configuration (docs/deployment.md), as
# whatever user runs it. The container image runs this as its entrypoint, and so do
# `npm run serve:nginx` and the end-to-end suite (scripts/serve-nginx.ts): one configuration.
#
#   CONSOLE_DIST=dist NGINX_PREFIX=/tmp/console-nginx deploy/nginx/start.sh
#
# Environment (default):
#   CONSOLE_DIST         the built console, a dist/ folder (required)
#   NGINX_PREFIX         an empty or start.sh-made writable folder: rendered configuration,
#                        config.json, pid, temp files (required)
#   PORT (8081), LISTEN_ADDRESS (127.0.0.1)     where nginx listens
#   CATALYST_API_URL (http://127.0.0.1:8080)    the catalyst-api: http://host[:port]
#   CONSOLE_API_BASE, CONSOLE_SIGN_IN_URL       config.json's apiBase and signInUrl,
#   CONSOLE_CUTOVER_NAMESPACE                   and cutoverNamespace; with none of them,
#                                               dist/config.json is served as built
#   NGINX_BIN (/usr/sbin/nginx, else nginx on PATH)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
fail() {
  echo "start.sh: $*" >&2
  exit 64
}
# Whole-value match of an extended regular expression.
matches() { printf '%s\n' "$1" | grep -Eqx -- "$2"; }

[ -n "${CONSOLE_DIST:-}" ] || fail "CONSOLE_DIST (the built console, dist/) is not set"
[ -n "${NGINX_PREFIX:-}" ] || fail "NGINX_PREFIX (a writable folder for nginx) is not set"
[ -f "$CONSOLE_DIST/index.html" ] || fail "no index.html in $CONSOLE_DIST: build first (npm run build)"
dist=$(cd "$CONSOLE_DIST" && pwd)

PORT=${PORT:-8081}
LISTEN_ADDRESS=${LISTEN_ADDRESS:-127.0.0.1}
CATALYST_API_URL=${CATALYST_API_URL:-http://127.0.0.1:8080}
CATALYST_API_URL=${CATALYST_API_URL%/}
if [ -x /usr/sbin/nginx ]; then nginx=${NGINX_BIN:-/usr/sbin/nginx}; else nginx=${NGINX_BIN:-nginx}; fi

# Checked before they reach the configuration: nothing else can be written into it.
matches "$PORT" '[0-9]{1,5}' && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] ||
  fail "PORT must be a port number, not '$PORT'"
matches "$LISTEN_ADDRESS" '[0-9.]+|\[[0-9A-Fa-f:.]+\]|localhost|\*' ||
  fail "LISTEN_ADDRESS must be an IPv4 address, [IPv6], localhost or *, not '$LISTEN_ADDRESS'"
matches "$CATALYST_API_URL" 'http://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?' ||
  fail "CATALYST_API_URL must be http://host[:port] (TLS ends at the ingress), not '$CATALYST_API_URL'"
# Same-origin paths, as the console itself requires; no quote or backslash, so plain JSON.
path_re='/([^/[:space:][:cntrl:]"\\][^[:space:][:cntrl:]"\\]*)?'
for name in CONSOLE_API_BASE CONSOLE_SIGN_IN_URL; do
  eval "value=\${$name:-}"
  [ -z "$value" ] || matches "$value" "$path_re" ||
    fail "$name must be a path on this origin such as /api, not '$value'"
done
# A Kubernetes namespace name (RFC 1123 label): it goes into the kubectl commands the card offers.
if [ -n "${CONSOLE_CUTOVER_NAMESPACE:-}" ] &&
  ! matches "$CONSOLE_CUTOVER_NAMESPACE" '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?'; then
  fail "CONSOLE_CUTOVER_NAMESPACE must be a Kubernetes namespace name, not '$CONSOLE_CUTOVER_NAMESPACE'"
fi

# The hashes of index.html's inline code (today its head script and never-blank-page check), for
# the CSP: vite.config.ts writes them at build time, exactly two lines, `script-src <sources>` and
# `style-src <sources>`, each list empty (a build with no inline code) or sha256 sources only.
# Anything else is refused: only well-formed sha256 sources reach the configuration, and none goes
# missing unseen.
hashes=$dist/csp-inline.txt
[ -f "$hashes" ] || fail "no csp-inline.txt in $CONSOLE_DIST: build with npm run build"
sources="('sha256-[A-Za-z0-9+/]{43}=')( 'sha256-[A-Za-z0-9+/]{43}=')*"
if [ "$(grep -c '' "$hashes")" != 2 ] ||
  [ "$(grep -cE "^script-src( $sources)? ?\$" "$hashes")" != 1 ] ||
  [ "$(grep -cE "^style-src( $sources)? ?\$" "$hashes")" != 1 ]; then
  fail "$hashes must be two lines, script-src and style-src, each with sha256 sources or none"
fi
CSP_SCRIPT_HASHES=$(sed -n 's/^script-src *//p' "$hashes")
CSP_STYLE_HASHES=$(sed -n 's/^style-src *//p' "$hashes")

mkdir -p "$NGINX_PREFIX/tmp" "$NGINX_PREFIX/html" "$NGINX_PREFIX/modules.d" "$NGINX_PREFIX/brotli.d"
prefix=$(cd "$NGINX_PREFIX" && pwd)

cp "$here/nginx.conf" "$prefix/nginx.conf"
sed -e "s|[$]{LISTEN_ADDRESS}|$LISTEN_ADDRESS|g" \
  -e "s|[$]{PORT}|$PORT|g" \
  -e "s|[$]{CATALYST_API_URL}|$CATALYST_API_URL|g" \
  -e "s|[$]{CSP_SCRIPT_HASHES}|$CSP_SCRIPT_HASHES|g" \
  -e "s|[$]{CSP_STYLE_HASHES}|$CSP_STYLE_HASHES|g" \
  "$here/console.conf" >"$prefix/console.conf"
if grep -n '[$]{[A-Z_]*}' "$prefix/console.conf" >&2; then fail "unfilled placeholders above"; fi

# brotli when Debian's modules are installed (the image has them); gzip alone otherwise.
modules=/usr/lib/nginx/modules
rm -f "$prefix/modules.d/brotli.conf" "$prefix/brotli.d/brotli.conf"
if [ -f "$modules/ngx_http_brotli_filter_module.so" ] &&
  [ -f "$modules/ngx_http_brotli_static_module.so" ]; then
  cp "$here/brotli-modules.conf" "$prefix/modules.d/brotli.conf"
  cp "$here/brotli.conf" "$prefix/brotli.d/brotli.conf"
  brotli=on
else
  brotli=off
fi

# What nginx serves: html/console is dist/; config.json is the environment's, else the build's.
ln -sfn "$dist" "$prefix/html/console"
if [ -n "${CONSOLE_API_BASE:-}${CONSOLE_SIGN_IN_URL:-}${CONSOLE_CUTOVER_NAMESPACE:-}" ]; then
  fields=
  [ -z "${CONSOLE_API_BASE:-}" ] || fields="\"apiBase\":\"$CONSOLE_API_BASE\""
  [ -z "${CONSOLE_SIGN_IN_URL:-}" ] || fields="$fields${fields:+,}\"signInUrl\":\"$CONSOLE_SIGN_IN_URL\""
  [ -z "${CONSOLE_CUTOVER_NAMESPACE:-}" ] ||
    fields="$fields${fields:+,}\"cutoverNamespace\":\"$CONSOLE_CUTOVER_NAMESPACE\""
  printf '{%s}\n' "$fields" >"$prefix/config.json"
elif [ -f "$dist/config.json" ]; then
  cp "$dist/config.json" "$prefix/config.json"
else
  echo '{}' >"$prefix/config.json"
fi

# The access log goes to this script's stdout through a FIFO (console.conf says why).
rm -f "$prefix/access.log"
mkfifo "$prefix/access.log"
cat "$prefix/access.log" &

echo "start.sh: nginx on http://$LISTEN_ADDRESS:$PORT/console/ (and /sovereign/console/), catalyst-api $CATALYST_API_URL, brotli $brotli, prefix $prefix"
# Started as root (a CI machine), nginx would hand its workers to `nobody`, who may not read a
# checkout under /root or this 0700 prefix: keep them as the starting user, as they are when
# nginx is started unprivileged (the image, a developer). Production never starts it as root.
set -- -p "$prefix/" -c "$prefix/nginx.conf" -e stderr
if [ "$(id -u)" = 0 ]; then set -- "$@" -g 'user root;'; fi
# nginx reads NGINX as a list of inherited sockets (binary upgrade): never pass one on.
unset NGINX
exec "$nginx" "$@"
