//go:build !frugalpoison

package jit

// poisonContexts is false in a normal build: contexts are used as they
// come (see poison_on.go).
const poisonContexts = false

func nextPoison() uint64 { return 0 }

func poison([]uint64) {}
