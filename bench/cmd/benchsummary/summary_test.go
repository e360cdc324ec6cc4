package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/frugaljit/frugal/bench"
)

const input = `goos: linux
BenchmarkEncode/Simple/cloudwego-frugal         	 2159342	        60.0 ns/op	10332.40 MB/s	       0 B/op	       0 allocs/op
BenchmarkEncode/Simple/cloudwego-frugal         	 2159342	        50.0 ns/op	10332.40 MB/s	       0 B/op	       0 allocs/op
BenchmarkEncode/Simple/cloudwego-frugal         	 2159342	        55.0 ns/op	10332.40 MB/s	       0 B/op	       0 allocs/op
BenchmarkEncode/Simple/frugaljit-reflect        	 2103574	        30.0 ns/op	9776.50 MB/s	       0 B/op	       0 allocs/op
BenchmarkEncode/Simple/kitex-fastcodec          	 3431338	        40.0 ns/op	16539.21 MB/s	       0 B/op	       0 allocs/op
BenchmarkEncode/Simple/memmove                  	 8487600	        10.0 ns/op	40999.98 MB/s	       0 B/op	       0 allocs/op
BenchmarkDecode/Nesting/apache-thrift-2         	   25256	      6000 ns/op	3195.81 MB/s	       0 B/op	       0 allocs/op
PASS
`

func TestParse(t *testing.T) {
	s, err := parse(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 7 {
		t.Fatalf("got %d samples, want 7", len(s))
	}
	want := sample{op: "Decode", msg: "Nesting", contender: "apache-thrift", procs: 2, ns: 6000}
	if s[6] != want {
		t.Errorf("last sample = %+v, want %+v", s[6], want)
	}
}

func TestSummarize(t *testing.T) {
	s, err := parse(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]bench.Role{
		"cloudwego-frugal": bench.Peer, "kitex-fastcodec": bench.Peer,
		"apache-thrift": bench.Peer, "frugaljit-reflect": bench.Ours, "memmove": bench.Reference,
	}
	order := []string{"cloudwego-frugal", "frugaljit-reflect", "apache-thrift", "kitex-fastcodec", "memmove"}
	groups := summarize(s, order, roles)
	if len(groups) != 2 {
		t.Fatalf("got %d groups, want 2", len(groups))
	}
	g := groups[0]
	if g.peer != "kitex-fastcodec" || g.peerNs != 40 || g.refNs != 10 {
		t.Errorf("fastest peer %s %v, memmove %v; want kitex-fastcodec 40, 10", g.peer, g.peerNs, g.refNs)
	}
	if g.rows[0].contender != "cloudwego-frugal" || g.rows[0].ns != 55 {
		t.Errorf("first row %+v, want cloudwego-frugal at the median 55", g.rows[0])
	}
	if h := groups[1]; h.procs != 2 || h.peer != "apache-thrift" || h.refNs != 0 {
		t.Errorf("second group %+v, want procs 2, peer apache-thrift, no memmove", h)
	}
	var out bytes.Buffer
	if err := write(&out, groups); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"0.75×", "5.50×", "1.00×", "(fastest peer)", "Nesting-2"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
}

func TestRolesOfContenders(t *testing.T) {
	peers := map[string]bool{}
	refs := 0
	for _, c := range bench.Contenders {
		switch c.Role {
		case bench.Peer:
			peers[c.Name] = true
		case bench.Reference:
			refs++
		}
	}
	for _, p := range []string{"apache-thrift", "kitex-fastcodec", "thriftgo-fastgo", "cloudwego-frugal"} {
		if !peers[p] {
			t.Errorf("%s is not a peer", p)
		}
	}
	if len(peers) != 4 || refs != 1 {
		t.Errorf("%d peers and %d references, want 4 and 1", len(peers), refs)
	}
}
