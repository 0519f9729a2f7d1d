# A module proxy behind HTTP basic auth (README "Installing through your company's Go module
# proxy"): credentials as user:password@ in GOPROXY, and in a .netrc named by NETRC, as cmd/go
# takes them. Without them the proxy's 401 is an error naming the proxy; the password never
# appears in any message or in meta/.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
source "$GOVER_SOURCE_DIR/tests/support/goproxy.sh"
EXTRA_CLEANUP=sumdb_stop

mkdir -p "$GOPROXY_ROOT"
go_toolchain_synthetic 1.22.5 "$WORK/a.tar.gz" || exit 1
go_toolchain_synthetic 1.22.4 "$WORK/b.tar.gz" || exit 1
goproxy_add "$WORK/a.tar.gz" 1.22.5
goproxy_add "$WORK/b.tar.gz" 1.22.4
secret=s3cr3t-pa55
printf 'gopher:%s\n' "$(openssl passwd -apr1 "$secret")" >"$WORK/htpasswd"
mirror_add_conf "location /dl/auth/ { auth_basic gover; auth_basic_user_file $WORK/htpasswd; alias @ROOT@/proxy/; }"
mirror_start "$MIRROR_ROOT_DIR" || exit 1
goproxy_urls
sumdb_start || exit 1
auth_url="https://gopher:$secret@127.0.0.1:$MIRROR_PORT/dl/auth"

GVP_GOPROXY="https://127.0.0.1:$MIRROR_PORT/dl/auth" expect_fault "no credentials" \
    "127\.0\.0\.1:$MIRROR_PORT/dl/auth.*HTTP 401" -- gvp install 1.22.5
GVP_GOPROXY="https://gopher:wrong@127.0.0.1:$MIRROR_PORT/dl/auth" expect_fault "a wrong password" \
    "https://\*\*\*@127\.0\.0\.1:$MIRROR_PORT/dl/auth.*HTTP 401" -- gvp install 1.22.5
grep -q wrong <<<"$(GVP_GOPROXY="https://gopher:wrong@127.0.0.1:$MIRROR_PORT/dl/auth" gvp install 1.22.5 2>&1)" &&
    fail_check "the wrong password appears in the error"

GVP_GOPROXY=$auth_url gvp install 1.22.5 2>"$WORK/err" || fail_check "user:password@ in GOPROXY: $(cat "$WORK/err")"
[[ -x $GOVER_HOME/versions/1.22.5/bin/go ]] || fail_check "1.22.5 not installed with user:password@"
grep -rq "$secret" "$GOVER_HOME/meta" "$WORK/err" && fail_check "the password was written to meta/ or stderr"

printf 'machine 127.0.0.1\nlogin gopher\npassword %s\n' "$secret" >"$WORK/netrc"
GVP_ENV=(NETRC="$WORK/netrc")
GVP_GOPROXY="https://127.0.0.1:$MIRROR_PORT/dl/auth" gvp install 1.22.4 2>"$WORK/err" ||
    fail_check "NETRC: $(cat "$WORK/err")"
GVP_ENV=()
[[ -x $GOVER_HOME/versions/1.22.4/bin/go ]] || fail_check "1.22.4 not installed with NETRC"
store_assert_no_leftovers "$GOVER_HOME" "installs with credentials"

invariants_report
