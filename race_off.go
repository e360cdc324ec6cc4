//go:build !race

package frugal

// raceEnabled: the race detector is off (see race_on.go).
const raceEnabled = false
