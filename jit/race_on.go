//go:build race

package jit

// raceEnabled: the race detector is on. Decodes take no per-P arena (see
// decodeFresh): it would see two goroutines that ran on one P one after
// the other refill the same arena with nothing ordering them, as procPin
// tells it nothing. Its sync.Pool drops items at random too, so tests
// assert allocation counts only without it.
const raceEnabled = true
