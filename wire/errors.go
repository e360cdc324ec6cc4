package wire

import (
	"errors"
	"strings"
)

// The error classes. Every error an engine returns for bad input or an
// unencodable value wraps exactly one of them, so callers test with errors.Is.
var (
	// ErrTruncated: the input ends before the message does, or a length or
	// count prefix asks for more bytes than remain.
	ErrTruncated = errors.New("truncated input")
	// ErrNegativeSize: a length or count prefix is negative.
	ErrNegativeSize = errors.New("negative size")
	// ErrDepthLimit: structs and containers nest deeper than the limit.
	ErrDepthLimit = errors.New("depth limit exceeded")
	// ErrTypeMismatch: a container declares element types other than the
	// schema's.
	ErrTypeMismatch = errors.New("type mismatch")
	// ErrUnknownType: a field or element type id that Thrift does not define.
	ErrUnknownType = errors.New("unknown type id")
	// ErrMissingRequired: a decoded struct lacks a required field.
	ErrMissingRequired = errors.New("required field missing")
	// ErrNilRequired: a required field to encode is a nil pointer.
	ErrNilRequired = errors.New("required field is nil")
	// ErrShortBuffer: the buffer given to EncodeObject is smaller than the
	// encoding, usually because the value changed after EncodedSize.
	ErrShortBuffer = errors.New("buffer too short")
	// ErrInvalidValue: a value that cannot be encoded, such as a container
	// with more than 2^31-1 elements.
	ErrInvalidValue = errors.New("invalid value")
)

// Thrift protocol exception type ids (TProtocolException), reported by
// Error.TypeId so that code classifying Thrift exceptions keeps working.
const (
	protoInvalidData  = 1
	protoNegativeSize = 2
	protoSizeLimit    = 3
	protoDepthLimit   = 6
)

// Error is an encode or decode failure: its class, where in the value it
// happened, and what was found.
type Error struct {
	Class  error  // one of the Err* values of this package
	Path   string // the field path from the top struct, e.g. "Nesting.ListSimple[3].I64Field"
	Detail string // what was found, e.g. "list of 2147483647 i64 in 12 bytes"
}

// Errorf returns an *Error of the given class.
func Errorf(class error, detail string) *Error {
	return &Error{Class: class, Detail: detail}
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("frugal: ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Class.Error())
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Unwrap returns the error class, for errors.Is.
func (e *Error) Unwrap() error { return e.Class }

// TypeId returns the Thrift TProtocolException type that matches the class.
func (e *Error) TypeId() int32 {
	switch e.Class {
	case ErrNegativeSize:
		return protoNegativeSize
	case ErrDepthLimit:
		return protoDepthLimit
	case ErrTruncated:
		return protoSizeLimit
	}
	return protoInvalidData
}

// InField returns err with a path element prepended: a field name (".Name"
// style joins) or an index ("[3]"). Errors that are not *Error pass through.
// It is meant for the error path only; it allocates.
func InField(err error, elem string) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	switch {
	case e.Path == "":
		e.Path = elem
	case e.Path[0] == '[':
		e.Path = elem + e.Path
	default:
		e.Path = elem + "." + e.Path
	}
	if len(e.Path) > maxPath { // deep recursive values: keep where it happened
		e.Path = "…" + e.Path[len(e.Path)-maxPath:]
	}
	return e
}

// maxPath bounds the length of an error's path.
const maxPath = 512

// Index formats a container position as a path element.
func Index(i int) string { return "[" + itoa(i) + "]" }
