package bench

import (
	"github.com/frugaljit/frugal/bench/gen/baseline"
	"github.com/frugaljit/frugal/bench/gen/benchmsg"
)

// Message is one benchmark payload: a populated value to encode and a
// constructor for the fresh zero value a decode fills in.
type Message struct {
	Name  string
	Value any        // pointer to a populated struct
	New   func() any // returns a pointer to a new zero struct of Value's type

	// Source, when non-nil, is a different struct whose encoding the decode
	// benchmark decodes into New(), expecting Value: PartialSimple decodes a
	// full Simple, skipping the fields it does not have.
	Source any
}

// DecodeInput returns the value whose encoding the decode benchmark decodes.
func (m Message) DecodeInput() any {
	if m.Source != nil {
		return m.Source
	}
	return m.Value
}

// Messages lists the benchmark payloads in the order they are reported.
var Messages = []Message{
	{Name: "Simple", Value: NewSimple(), New: func() any { return new(baseline.Simple) }},
	{Name: "PartialSimple", Value: NewPartialSimple(), New: func() any { return new(baseline.PartialSimple) }, Source: NewSimple()},
	{Name: "Nesting", Value: NewNesting(), New: func() any { return new(baseline.Nesting) }},
	{Name: "Nesting2", Value: NewNesting2(), New: func() any { return new(baseline.Nesting2) }},
	{Name: "ListOfSmall", Value: NewListOfSmall(), New: func() any { return new(benchmsg.ListOfSmall) }},
	{Name: "Small", Value: NewSmall(), New: func() any { return new(benchmsg.Small) }},
	{Name: "Request", Value: NewRequest(), New: func() any { return new(benchmsg.Request) }},
}
