package ir

import "testing"

func TestParseTypeExpr(t *testing.T) {
	good := map[string]string{
		"i32":                                "i32",
		" list < map<string : list<i64>> > ": "list<map<string:list<i64>>>",
		"set<Simple>":                        "set<Simple>",
		"map<Simple:Nesting>":                "map<Simple:Nesting>",
		"map<i32:set<string>>":               "map<i32:set<string>>",
		"base.Enum":                          "base.Enum",
	}
	for src, want := range good {
		e, err := parseTypeExpr(src)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if e.String() != want {
			t.Errorf("%q parsed as %q, want %q", src, e.String(), want)
		}
	}
	for _, src := range []string{"", "list", "list<", "list<i32", "map<i32>", "map<i32,i64>", "list<i32>>", "<i32>", "list<>"} {
		if _, err := parseTypeExpr(src); err == nil {
			t.Errorf("%q parsed without error", src)
		}
	}
}

func TestSplitTrim(t *testing.T) {
	got := splitTrim(" 1, optional , map<i32,i64> ,nocopy")
	want := []string{"1", "optional", "map<i32,i64>", "nocopy"}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}
