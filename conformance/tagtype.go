package conformance

import (
	"fmt"
	"reflect"
	"strings"
)

// Requiredness is a field's Thrift requiredness.
type Requiredness int

// The requirednesses, as written in a frugal tag.
const (
	Default Requiredness = iota
	Optional
	Required
)

// TType is a Thrift type expression parsed from a frugal tag, e.g.
// "map<string:list<i64>>". Only the container structure matters here: Name
// is "list", "set" or "map" for containers and the written name otherwise.
type TType struct {
	Name string
	Key  *TType // map keys
	Elem *TType // list and set elements, map values
}

// IsSet reports whether t is a set, whose elements must be unique.
func (t *TType) IsSet() bool { return t != nil && t.Name == "set" }

// FieldInfo is what a frugal tag says about one struct field.
type FieldInfo struct {
	ID    int16
	Req   Requiredness
	Type  *TType
	Index int // the Go field index
}

// Fields returns the frugal-tagged fields of struct type t, in declaration
// order.
func Fields(t reflect.Type) ([]FieldInfo, error) {
	var out []FieldInfo
	for i := 0; i < t.NumField(); i++ {
		tag, ok := t.Field(i).Tag.Lookup("frugal")
		if !ok {
			continue
		}
		parts := strings.SplitN(tag, ",", 3)
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s.%s: bad frugal tag %q", t, t.Field(i).Name, tag)
		}
		var id int16
		if _, err := fmt.Sscan(parts[0], &id); err != nil {
			return nil, fmt.Errorf("%s.%s: bad field id in %q", t, t.Field(i).Name, tag)
		}
		req := map[string]Requiredness{"default": Default, "optional": Optional, "required": Required}
		r, ok := req[parts[1]]
		if !ok {
			return nil, fmt.Errorf("%s.%s: bad requiredness in %q", t, t.Field(i).Name, tag)
		}
		typ, rest, err := parseTType(parts[2])
		if err != nil || rest != "" {
			return nil, fmt.Errorf("%s.%s: bad type in %q", t, t.Field(i).Name, tag)
		}
		out = append(out, FieldInfo{ID: id, Req: r, Type: typ, Index: i})
	}
	return out, nil
}

// parseTType parses one type expression from the front of s and returns the
// rest of s.
func parseTType(s string) (*TType, string, error) {
	s = strings.TrimSpace(s)
	end := strings.IndexAny(s, "<:>")
	if end < 0 {
		end = len(s)
	}
	t := &TType{Name: strings.TrimSpace(s[:end])}
	if t.Name == "" {
		return nil, s, fmt.Errorf("empty type name")
	}
	s = s[end:]
	if !strings.HasPrefix(s, "<") {
		return t, s, nil
	}
	first, s, err := parseTType(s[1:])
	if err != nil {
		return nil, s, err
	}
	if t.Name == "map" {
		if !strings.HasPrefix(s, ":") {
			return nil, s, fmt.Errorf("map without value type")
		}
		t.Key = first
		if t.Elem, s, err = parseTType(s[1:]); err != nil {
			return nil, s, err
		}
	} else {
		t.Elem = first
	}
	if !strings.HasPrefix(s, ">") {
		return nil, s, fmt.Errorf("missing >")
	}
	return t, s[1:], nil
}
