//go:build frugalpoison

package jit

import "sync/atomic"

// poisonContexts is true when built with the frugalpoison tag: every
// context generated code runs on (CallFresh's frame, the arrays on the
// stack, the driver's reused heap contexts) is filled with poison before
// the entry sets its header and arguments. Generated code must read no
// other word before writing it; a normal build leaves whatever an earlier
// call left there (often zeros, often a plausible small number), so a
// word read too early shows up only now and then, where poison makes it
// show up every time: as a bounds failure, a wrong size, a fault.
const poisonContexts = true

// poisons are the fill values nextPoison cycles through: huge, negative,
// and small ones, which pass bounds checks and land near the buffer.
var poisons = [...]uint64{0xdeadbeefdeadbeef, ^uint64(0), 1, 1 << 63, 0x0101010101010101, 7}

var poisonTurn atomic.Uint64

// nextPoison returns the fill value for the next context.
func nextPoison() uint64 {
	return poisons[poisonTurn.Add(1)%uint64(len(poisons))]
}

// poison fills ctx with the next fill value.
func poison(ctx []uint64) {
	v := nextPoison()
	for i := range ctx {
		ctx[i] = v
	}
}
