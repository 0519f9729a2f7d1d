// gover_sumdb_server: a Go checksum database for gover's tests, built on the Go team's own
// implementation of the protocol (golang.org/x/mod/sumdb, note, tlog, dirhash), not a mock.
//
// It serves a fixed tree: the records given at start, in order, between -filler made-up ones
// and -after made-up ones.
// The signing key comes from -key-file (created with a new throwaway key when missing, so a
// restarted server can sign a different tree with the same key). On start it prints
//
//	addr 127.0.0.1:<port>
//	vkey <verifier key>
//	size <records in the tree>
//
// and serves /latest, /lookup/<module>@<version> and /tile/... until killed.
//
// Records: arguments "<module>@<version>=h1:<hash>" (a zip hash) and
// "<module>@<version>/go.mod=h1:<hash>"; -zip <module>@<version>=<file> and
// -mod <module>@<version>=<file> hash a module zip or go.mod file the way cmd/go does. Lines of
// one module version form one record, in the order the module versions first appear.
//
// Faults for tests (-fault, comma-separated): badsig (signatures on /latest and /lookup are
// corrupted), tile404 (every tile is missing), tiletrunc (tiles lose their last byte).
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// database is a fixed tree of records, signed once at start.
type database struct {
	records [][]byte
	hashes  []tlog.Hash
	lookup  map[string]int64
	signed  []byte
}

func (d *database) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(d.hashes)) {
			return nil, os.ErrNotExist
		}
		out[i] = d.hashes[x]
	}
	return out, nil
}

func (d *database) add(text []byte) {
	id := int64(len(d.records))
	hashes, err := tlog.StoredHashes(id, text, d)
	if err != nil {
		log.Fatal(err)
	}
	d.records = append(d.records, text)
	d.hashes = append(d.hashes, hashes...)
}

// addFiller adds count made-up records, numbered from first.
func (d *database) addFiller(first, count int) {
	for i := first; i < first+count; i++ {
		d.add([]byte(fmt.Sprintf("example.com/filler%d v1.0.0 h1:%s\n", i,
			base64.StdEncoding.EncodeToString(make([]byte, 32)))))
	}
}

func (d *database) Signed(ctx context.Context) ([]byte, error) { return d.signed, nil }

func (d *database) ReadRecords(ctx context.Context, id, n int64) ([][]byte, error) {
	if id < 0 || n < 0 || id+n > int64(len(d.records)) {
		return nil, os.ErrNotExist
	}
	return d.records[id : id+n], nil
}

func (d *database) Lookup(ctx context.Context, m module.Version) (int64, error) {
	id, ok := d.lookup[m.Path+"@"+m.Version]
	if !ok {
		return 0, os.ErrNotExist
	}
	return id, nil
}

func (d *database) ReadTileData(ctx context.Context, t tlog.Tile) ([]byte, error) {
	// Only tiles of this tree exist: a wider tile would need hashes the tree does not have.
	size := int64(len(d.records))
	if t.L < 0 || (t.N<<uint(t.H))+int64(t.W) > size>>uint(t.H*t.L) {
		return nil, os.ErrNotExist
	}
	return tlog.ReadTileData(t, d)
}

// sign returns the signed tree head, with its signature corrupted when asked to.
func (d *database) sign(skey string, corrupt bool) {
	size := int64(len(d.records))
	hash, err := tlog.TreeHash(size, d)
	if err != nil {
		log.Fatal(err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		log.Fatal(err)
	}
	msg, err := note.Sign(&note.Note{Text: string(tlog.FormatTree(tlog.Tree{N: size, Hash: hash}))}, signer)
	if err != nil {
		log.Fatal(err)
	}
	if corrupt {
		msg = corruptSignature(msg)
	}
	d.signed = msg
}

// corruptSignature flips one bit of the signature (not of the key hash) in a signed note.
func corruptSignature(msg []byte) []byte {
	text := string(msg)
	split := strings.LastIndex(text, " ")
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(text[split+1:], "\n"))
	if err != nil || len(sig) < 6 {
		log.Fatal("cannot corrupt signature")
	}
	sig[5] ^= 1
	return []byte(text[:split+1] + base64.StdEncoding.EncodeToString(sig) + "\n")
}

func loadKey(path, name string) (skey, vkey string) {
	if data, err := os.ReadFile(path); err == nil {
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		if len(lines) != 2 {
			log.Fatalf("%s: want a signer key and a verifier key", path)
		}
		return lines[0], lines[1]
	}
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		log.Fatal(err)
	}
	if path != "" {
		if err := os.WriteFile(path, []byte(skey+"\n"+vkey+"\n"), 0o600); err != nil {
			log.Fatal(err)
		}
	}
	return skey, vkey
}

func zipHash(file string) string {
	h, err := dirhash.HashZip(file, dirhash.Hash1)
	if err != nil {
		log.Fatal(err)
	}
	return h
}

func modHash(file string) string {
	h, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) { return os.Open(file) })
	if err != nil {
		log.Fatal(err)
	}
	return h
}

// records groups go.sum lines by module version, in order of first appearance.
type records struct {
	order []string
	lines map[string][]string
}

func (r *records) add(modVersion, hash string) {
	key := strings.TrimSuffix(modVersion, "/go.mod")
	i := strings.LastIndex(key, "@")
	if i <= 0 || !strings.HasPrefix(hash, "h1:") {
		log.Fatalf("bad record %s=%s", modVersion, hash)
	}
	suffix := strings.TrimPrefix(modVersion, key)
	if _, ok := r.lines[key]; !ok {
		r.order = append(r.order, key)
	}
	r.lines[key] = append(r.lines[key], key[:i]+" "+key[i+1:]+suffix+" "+hash)
}

func split(arg string) (string, string) {
	i := strings.Index(arg, "=")
	if i < 0 {
		log.Fatalf("want <module>@<version>=<value>: %s", arg)
	}
	return arg[:i], arg[i+1:]
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	name := flag.String("name", "sum.gover.test", "database name (for a new key)")
	keyFile := flag.String("key-file", "", "signer and verifier key (created when missing)")
	filler := flag.Int("filler", 0, "made-up records before the given ones")
	after := flag.Int("after", 0, "made-up records after the given ones")
	faults := flag.String("fault", "", "badsig,tile404,tiletrunc")
	var zips, mods listFlag
	flag.Var(&zips, "zip", "<module>@<version>=<zip file>")
	flag.Var(&mods, "mod", "<module>@<version>=<go.mod file>")
	flag.Parse()

	recs := &records{lines: map[string][]string{}}
	for _, arg := range flag.Args() {
		recs.add(split(arg))
	}
	for _, arg := range zips {
		mv, file := split(arg)
		recs.add(mv, zipHash(file))
	}
	for _, arg := range mods {
		mv, file := split(arg)
		recs.add(mv+"/go.mod", modHash(file))
	}

	db := &database{lookup: map[string]int64{}}
	db.addFiller(0, *filler)
	for _, key := range recs.order {
		db.lookup[key] = int64(len(db.records))
		db.add([]byte(strings.Join(recs.lines[key], "\n") + "\n"))
	}
	db.addFiller(*filler, *after)
	skey, vkey := loadKey(*keyFile, *name)
	db.sign(skey, strings.Contains(*faults, "badsig"))

	handler := http.Handler(sumdb.NewServer(db))
	handler = withFaults(handler, *faults)
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(out, "addr %s\nvkey %s\nsize %d\n", ln.Addr(), vkey, len(db.records))
	out.Flush()
	log.Fatal(http.Serve(ln, handler))
}

// withFaults breaks tile responses as the test asks.
func withFaults(next http.Handler, faults string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/tile/") {
			next.ServeHTTP(w, r)
			return
		}
		if strings.Contains(faults, "tile404") {
			http.NotFound(w, r)
			return
		}
		if strings.Contains(faults, "tiletrunc") {
			rec := &recorder{header: http.Header{}, status: 200}
			next.ServeHTTP(rec, r)
			body := rec.body
			if len(body) > 0 {
				body = body[:len(body)-1]
			}
			w.WriteHeader(rec.status)
			w.Write(body)
			return
		}
		next.ServeHTTP(w, r)
	})
}

type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { r.body = append(r.body, b...); return len(b), nil }
