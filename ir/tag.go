package ir

import (
	"reflect"
	"strconv"
	"strings"
)

// fieldTag is what a struct tag says of one field.
type fieldTag struct {
	id     int16
	req    Requiredness
	typ    *typeExpr // nil: infer from the Go type
	nocopy bool
}

// parseFieldTag reads the field's frugal tag, or else its thrift tag. It
// returns ok=false when the field has neither (the field is not serialized).
func parseFieldTag(tag reflect.StructTag) (ft fieldTag, ok bool, problem, hint string) {
	var parts []string
	if s, has := tag.Lookup("frugal"); has {
		parts = splitTrim(s)
	} else if s, has := tag.Lookup("thrift"); has {
		parts = splitTrim(s)
		if len(parts) < 2 {
			return ft, true, "thrift tag " + strconv.Quote(s) + " lacks a field id", `write thrift:"Name,ID"`
		}
		parts = parts[1:] // the Thrift field name
	} else {
		return ft, false, "", ""
	}
	if len(parts) == 0 || parts[0] == "" {
		return ft, true, "tag lacks a field id", `write frugal:"ID,requiredness,type"`
	}
	id, err := strconv.ParseInt(parts[0], 10, 16)
	if err != nil {
		return ft, true, "field id " + strconv.Quote(parts[0]) + " is not a 16-bit integer", "field ids range from -32768 to 32767"
	}
	ft.id = int16(id)
	if len(parts) > 1 {
		switch parts[1] {
		case "", "default":
			ft.req = Default
		case "required":
			ft.req = Required
		case "optional":
			ft.req = Optional
		default:
			return ft, true, "requiredness " + strconv.Quote(parts[1]) + " is not one of default, required, optional", ""
		}
	}
	if len(parts) > 2 && parts[2] != "" {
		if ft.typ, err = parseTypeExpr(parts[2]); err != nil {
			return ft, true, err.Error(), "see the tag grammar in README.md"
		}
	}
	for _, opt := range parts[min(len(parts), 3):] {
		switch opt {
		case "nocopy":
			if ft.nocopy {
				return ft, true, `option "nocopy" given twice`, ""
			}
			ft.nocopy = true
		default:
			return ft, true, "unknown tag option " + strconv.Quote(opt), `the only option is "nocopy"`
		}
	}
	return ft, true, "", ""
}

// splitTrim splits a tag on commas that are not inside <...>, trimming spaces.
func splitTrim(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			depth++
		case '>':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}
