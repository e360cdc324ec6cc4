//go:build !race

package jit

// raceEnabled is false: see race_on.go.
const raceEnabled = false
