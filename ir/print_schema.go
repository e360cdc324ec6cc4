package ir

import (
	"fmt"
	"strings"
)

var omitNames = [...]string{OmitNever: "", OmitNil: "omitted when nil", OmitAtDefault: "omitted at its default"}

// String prints the schema of a struct: one line a field, in the order they
// are written, with id, requiredness, type, Go name and offset.
func (s *StructDesc) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "struct %s (%d bytes)\n", s.Name, s.Go.Size())
	for i := range s.Fields {
		f := &s.Fields[i]
		fmt.Fprintf(&b, "  %d: %s %s %s @%d", f.ID, f.Required, f.Type, f.Name, f.Offset)
		if f.NoCopy {
			b.WriteString(" nocopy")
		}
		if n := omitNames[f.Omit]; n != "" {
			b.WriteString(" (" + n + ")")
		}
		b.WriteByte('\n')
	}
	if s.UnknownFields >= 0 {
		fmt.Fprintf(&b, "  unknown fields kept @%d\n", s.UnknownFields)
	}
	if s.InitDefault != nil {
		b.WriteString("  defaults from InitDefault\n")
	}
	return b.String()
}
