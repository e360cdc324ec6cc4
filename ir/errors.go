package ir

import "errors"

// ErrInvalidSchema is the class of every schema error, for errors.Is.
var ErrInvalidSchema = errors.New("invalid schema")

// SchemaError says why a Go type cannot be described as a Thrift type:
// where (the type path and field), what is wrong, and what to write instead.
type SchemaError struct {
	Path    string // e.g. "baseline.Nesting.ListSimple"
	Problem string // e.g. `tag type "i32" does not fit Go type []int64`
	Hint    string // e.g. `write "list<i64>"`; may be empty
}

// Error implements error.
func (e *SchemaError) Error() string {
	s := "frugal: " + e.Path + ": " + e.Problem
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Unwrap returns ErrInvalidSchema.
func (e *SchemaError) Unwrap() error { return ErrInvalidSchema }
