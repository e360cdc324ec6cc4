package kitexdropin

import (
	"context"
	"maps"
	"testing"

	"github.com/cloudwego/gopkg/protocol/ttheader"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// Metadata with every kind of info block Kitex writes, for both directions.
var (
	ttIntInfo = map[uint16]string{ttheader.FromService: "from", ttheader.ToMethod: "Echo", ttheader.MsgType: "1", 0xffff: ""}
	ttStrInfo = map[string]string{ttheader.HeaderIDLServiceName: "EchoService", "k": "", "": "v"}
	aclToken  = "token"
)

// TestTTHeaderBytesAgreeWithKitex encodes headers with one side and decodes
// them with the other: Kitex's codec (cloudwego/gopkg's ttheader, which
// Kitex v0.16.3 uses) and the rpc package's.
func TestTTHeaderBytesAgreeWithKitex(t *testing.T) {
	t.Run("kitex to rpc", func(t *testing.T) {
		strInfo := maps.Clone(ttStrInfo)
		strInfo[ttheader.GDPRToken] = aclToken // Kitex writes it as the ACL token block
		buf, err := ttheader.EncodeToBytes(context.Background(), ttheader.EncodeParam{
			Flags: ttheader.HeaderFlagSupportOutOfOrder, SeqID: -5, IntInfo: ttIntInfo, StrInfo: strInfo,
		})
		if err != nil {
			t.Fatal(err)
		}
		// Kitex's caller fills the length once the payload is written; with no
		// payload it is the header's own size.
		protocol.PutFrameSize(buf, len(buf)-protocol.FrameHeaderSize)
		got, n, err := protocol.ReadTTHeader(buf[protocol.FrameHeaderSize:])
		if err != nil {
			t.Fatal(err)
		}
		if n != len(buf)-protocol.FrameHeaderSize || got.Flags != 1 || got.SeqID != -5 || got.ACLToken != aclToken ||
			!maps.Equal(got.IntInfo, ttIntInfo) || !maps.Equal(got.StrInfo, ttStrInfo) {
			t.Fatalf("read %+v (%d of %d bytes)", got, n, len(buf))
		}
	})
	t.Run("rpc to kitex", func(t *testing.T) {
		h := protocol.TTHeader{Flags: 1, SeqID: -5, IntInfo: ttIntInfo, StrInfo: ttStrInfo, ACLToken: aclToken}
		buf := make([]byte, h.EncodedSize())
		if _, err := protocol.PutTTHeader(buf, &h, 0); err != nil {
			t.Fatal(err)
		}
		got, err := ttheader.DecodeFromBytes(context.Background(), buf)
		if err != nil {
			t.Fatal(err)
		}
		wantStr := maps.Clone(ttStrInfo)
		wantStr[ttheader.GDPRToken] = aclToken
		if got.Flags != 1 || got.SeqID != -5 || got.ProtocolID != ttheader.ProtocolIDThriftBinary ||
			got.HeaderLen != len(buf) || got.PayloadLen != 0 ||
			!maps.Equal(got.IntInfo, ttIntInfo) || !maps.Equal(got.StrInfo, wantStr) {
			t.Fatalf("Kitex read %+v from %d bytes", got, len(buf))
		}
	})
}
