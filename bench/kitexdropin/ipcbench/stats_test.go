package ipcbench

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	us := func(ns ...int) []time.Duration {
		d := make([]time.Duration, len(ns))
		for i, n := range ns {
			d[i] = time.Duration(n) * time.Microsecond
		}
		return d
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100 down to 1: summarize sorts
	}
	cases := []struct {
		name          string
		in            []time.Duration
		avg, p50, p99 time.Duration
	}{
		{"empty", nil, 0, 0, 0},
		{"one", us(7), 7 * time.Microsecond, 7 * time.Microsecond, 7 * time.Microsecond},
		{"two", us(30, 10), 20 * time.Microsecond, 10 * time.Microsecond, 30 * time.Microsecond},
		{"1..100", us(hundred...), 50500 * time.Nanosecond, 50 * time.Microsecond, 99 * time.Microsecond},
		{"tail", us(1, 1, 1, 1, 1, 1, 1, 1, 1, 91), 10 * time.Microsecond, time.Microsecond, 91 * time.Microsecond},
	}
	for _, c := range cases {
		s := summarize(c.in)
		if s.avg != c.avg || s.p50 != c.p50 || s.p99 != c.p99 {
			t.Errorf("%s: avg %v p50 %v p99 %v, want %v %v %v", c.name, s.avg, s.p50, s.p99, c.avg, c.p50, c.p99)
		}
	}
}
