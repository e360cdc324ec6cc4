package ipcbench

import (
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	ts, err := Lookup("uds", "shmipc", "tcp")
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 3 || ts[0].Name != "uds" || ts[1].Name != "shmipc" || ts[2].Name != "tcp" {
		t.Errorf("Lookup(uds, shmipc, tcp) = %v", ts)
	}
	if ts[1].Title != "SHMIPC" || ts[1].Versus != "tcp" {
		t.Errorf("shmipc is titled %q and compared to %q, want SHMIPC and tcp", ts[1].Title, ts[1].Versus)
	}
	if _, err := Lookup("tcp", "carrier-pigeon"); err == nil || !strings.Contains(err.Error(), "kitex-tcp") {
		t.Errorf("Lookup of an unknown name: %v, want an error listing the names", err)
	}
}

// TestRegistry checks that names are unique and every Versus names a
// registered transport.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, tr := range Transports() {
		if seen[tr.Name] {
			t.Errorf("transport %q registered twice", tr.Name)
		}
		seen[tr.Name] = true
		if tr.Title == "" || tr.Start == nil {
			t.Errorf("transport %q has no title or no Start", tr.Name)
		}
	}
	for _, tr := range Transports() {
		if tr.Versus != "" && !seen[tr.Versus] {
			t.Errorf("transport %q is compared to %q, which is not registered", tr.Name, tr.Versus)
		}
	}
}
