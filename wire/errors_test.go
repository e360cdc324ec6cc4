package wire

import (
	"errors"
	"strings"
	"testing"
)

func TestErrorPath(t *testing.T) {
	err := error(Errorf(ErrTruncated, "need 4 bytes at offset 9"))
	for _, elem := range []string{"I64Field", "[3]", "ListSimple", "baseline.Nesting"} {
		err = InField(err, elem)
	}
	if got := err.Error(); got != "frugal: baseline.Nesting.ListSimple[3].I64Field: truncated input: need 4 bytes at offset 9" {
		t.Fatalf("got %q", got)
	}
	if !errors.Is(err, ErrTruncated) || err.(*Error).TypeId() != protoSizeLimit {
		t.Fatal("class lost")
	}
	for i := 0; i < 5000; i++ {
		err = InField(err, "Next")
	}
	if p := err.(*Error).Path; len(p) > maxPath+len("…") || !strings.HasPrefix(p, "…") || !strings.HasSuffix(p, "ListSimple[3].I64Field") {
		t.Fatalf("path of %d bytes", len(p))
	}
	if InField(errors.New("plain"), "X").Error() != "plain" {
		t.Fatal("InField changed a foreign error")
	}
}

func TestTypes(t *testing.T) {
	if I64.FixedSize() != 8 || String.FixedSize() != 0 || Map.MinSize() != 6 || Type(9).Valid() || Stop.Valid() || Type(200).MinSize() != 0 {
		t.Fatal("wrong sizes")
	}
	if List.String() != "list" || Type(9).String() != "type(9)" {
		t.Fatal("wrong names")
	}
}
