//go:build race

package frugal

// raceEnabled: the race detector is on. It sees the memory accesses of Go
// code, not of generated code, so auto keeps the reflect codec.
const raceEnabled = true
