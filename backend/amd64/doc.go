// Package amd64 encodes x86-64 machine code: the instruction forms the
// instruction selector emits, each checked against golang.org/x/arch's
// decoder in the tests.
//
// It produces bytes and knows nothing of running them (package jit's job),
// nor of SSA (the selector's). It does not use cloudwego/iasm: the forms a
// codec needs are few, an encoder for them is small and allocation-free,
// and iasm's growth path crashes on current Go (see DESIGN.md).
package amd64
