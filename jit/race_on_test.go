//go:build race

package jit

// raceEnabled: the race detector's sync.Pool drops items at random, so
// allocation counts are asserted only without it (scripts/test.sh runs the
// suite both ways).
const raceEnabled = true
