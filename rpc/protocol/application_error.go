package protocol

import (
	"fmt"

	"github.com/frugaljit/frugal"
)

// ApplicationErrorType classifies an ApplicationError. The values are those of
// Thrift's TApplicationException, so peers in any language agree on them.
type ApplicationErrorType int32

// The TApplicationException types.
const (
	UnknownApplicationError ApplicationErrorType = 0
	UnknownMethod           ApplicationErrorType = 1
	InvalidMessageType      ApplicationErrorType = 2
	WrongMethodName         ApplicationErrorType = 3
	BadSequenceID           ApplicationErrorType = 4
	MissingResult           ApplicationErrorType = 5
	InternalError           ApplicationErrorType = 6
	ProtocolError           ApplicationErrorType = 7
	InvalidTransform        ApplicationErrorType = 8
	InvalidProtocol         ApplicationErrorType = 9
	UnsupportedClientType   ApplicationErrorType = 10
)

var applicationErrorTypeNames = [...]string{
	UnknownApplicationError: "unknown application error",
	UnknownMethod:           "unknown method",
	InvalidMessageType:      "invalid message type",
	WrongMethodName:         "wrong method name",
	BadSequenceID:           "bad sequence id",
	MissingResult:           "missing result",
	InternalError:           "internal error",
	ProtocolError:           "protocol error",
	InvalidTransform:        "invalid transform",
	InvalidProtocol:         "invalid protocol",
	UnsupportedClientType:   "unsupported client type",
}

// String returns a short description of the type.
func (t ApplicationErrorType) String() string {
	if t >= 0 && int(t) < len(applicationErrorTypeNames) {
		return applicationErrorTypeNames[t]
	}
	return fmt.Sprintf("application error type %d", int32(t))
}

// ApplicationError is Thrift's TApplicationException: what a server sends, as
// a message of type Exception, when a call fails for a reason the method does
// not declare (unknown method, a handler that panicked, undecodable
// arguments, ...). On the wire it is a struct with field 1 the message
// (string) and field 2 the type (i32).
type ApplicationError struct {
	Type    ApplicationErrorType
	Message string
}

// NewApplicationError returns an ApplicationError of type t whose message is
// formatted from format and args.
func NewApplicationError(t ApplicationErrorType, format string, args ...any) *ApplicationError {
	return &ApplicationError{Type: t, Message: fmt.Sprintf(format, args...)}
}

// Error returns the message, or the type's description when the message is
// empty, so that an error never reads as blank.
func (e *ApplicationError) Error() string {
	if e.Message == "" {
		return "thrift application error: " + e.Type.String()
	}
	return "thrift application error (" + e.Type.String() + "): " + e.Message
}

// applicationErrorWire is the struct ApplicationError travels as. The message
// is optional because Apache Thrift leaves it out when it is empty; writing
// the same bytes keeps this side byte-identical to the reference.
type applicationErrorWire struct {
	Message *string `frugal:"1,optional,string"`
	Type    int32   `frugal:"2,default,i32"`
}

func (e *ApplicationError) wire() *applicationErrorWire {
	w := &applicationErrorWire{Type: int32(e.Type)}
	if e.Message != "" {
		w.Message = &e.Message
	}
	return w
}

// EncodedSize is the number of bytes EncodeApplicationError writes for e.
func (e *ApplicationError) EncodedSize() int { return frugal.EncodedSize(e.wire()) }

// EncodeApplicationError writes e as a Thrift struct into buf, which must hold
// e.EncodedSize() bytes, and returns the number of bytes written.
func EncodeApplicationError(buf []byte, e *ApplicationError) (int, error) {
	return frugal.EncodeObject(buf, nil, e.wire())
}

// DecodeApplicationError reads an ApplicationError struct from buf. Absent
// fields keep Thrift's defaults: an empty message and type
// UnknownApplicationError.
func DecodeApplicationError(buf []byte) (*ApplicationError, int, error) {
	var w applicationErrorWire
	n, err := frugal.DecodeObject(buf, &w)
	if err != nil {
		return nil, n, fmt.Errorf("decoding TApplicationException: %w", err)
	}
	e := &ApplicationError{Type: ApplicationErrorType(w.Type)}
	if w.Message != nil {
		e.Message = *w.Message
	}
	return e, n, nil
}
