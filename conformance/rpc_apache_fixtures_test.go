package conformance

import (
	"fmt"

	"github.com/frugaljit/frugal/conformance/gen/services/rpcapache"
)

// newApacheEchoRequest returns an EchoRequest with every field set, asking
// for outcome; seed varies the values so that concurrent calls can tell
// their replies apart.
func newApacheEchoRequest(seed int, outcome rpcapache.Outcome) *rpcapache.EchoRequest {
	limit := int32(seed) * 65_537
	return &rpcapache.EchoRequest{
		Outcome: outcome,
		Text:    fmt.Sprintf("%s #%d", BaselineString, seed),
		Data:    BaselineBinary(seed),
		Byte:    int8(seed),
		Short:   int16(-seed),
		Flag:    seed%2 == 0,
		Items:   []*rpcapache.Item{newApacheItem(seed, 0), newApacheItem(seed, 1), newApacheItem(seed, 2)},
		ByName: map[string]*rpcapache.Item{
			"first":  newApacheItem(seed, 3),
			"second": newApacheItem(seed, 4),
		},
		Counts: map[*rpcapache.Item]int32{
			newApacheItem(seed, 5): 5,
			newApacheItem(seed, 6): -6,
		},
		Tags:  []string{"tag", fmt.Sprint(seed), BaselineString},
		Main:  newApacheItem(seed, 7),
		Limit: &limit,
	}
}

// newApacheItem returns the i-th Item of the request made with seed.
func newApacheItem(seed, i int) *rpcapache.Item {
	return &rpcapache.Item{
		ID:    int64(seed)<<32 | int64(i),
		Name:  fmt.Sprintf("item %d of %d", i, seed),
		Blob:  BaselineBinary(seed + i),
		Score: float64(i) + 0.25,
	}
}
