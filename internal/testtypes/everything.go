package testtypes

// Color is an enum stored in an int32, as hand-written code may do.
type Color int32

// Everything has a field of every kind, requiredness and container shape
// the codec supports, for round-trip and malformed-input tests.
type Everything struct {
	Bool            bool                       `frugal:"1,default,bool"`
	Byte            int8                       `frugal:"2,default,byte"`
	I16             int16                      `frugal:"3,default,i16"`
	I32             int32                      `frugal:"4,default,i32"`
	I64             int64                      `frugal:"5,default,i64"`
	Double          float64                    `frugal:"6,default,double"`
	String          string                     `frugal:"7,default,string"`
	Binary          []byte                     `frugal:"8,default,binary"`
	Enum            Enums                      `frugal:"9,default,Enums"`
	Color           Color                      `frugal:"10,default,Color"`
	OptBool         *bool                      `frugal:"11,optional,bool"`
	OptI32          *int32                     `frugal:"12,optional,i32"`
	OptString       *string                    `frugal:"13,optional,string"`
	OptBinary       []byte                     `frugal:"14,optional,binary"`
	OptEnum         *Enums                     `frugal:"15,optional,Enums"`
	OptStruct       *Simple                    `frugal:"16,optional,Simple"`
	ReqStruct       *Simple                    `frugal:"17,required,Simple"`
	ReqI64          int64                      `frugal:"18,required,i64"`
	ListBool        []bool                     `frugal:"19,default,list<bool>"`
	ListI16         []int16                    `frugal:"20,default,list<i16>"`
	ListDouble      []float64                  `frugal:"21,default,list<double>"`
	ListBinary      [][]byte                   `frugal:"22,default,list<binary>"`
	ListEnum        []Enums                    `frugal:"23,default,list<Enums>"`
	SetI64          []int64                    `frugal:"24,default,set<i64>"`
	SetString       []string                   `frugal:"25,default,set<string>"`
	ListList        [][]int32                  `frugal:"26,default,list<list<i32>>"`
	ListMap         []map[string][]int64       `frugal:"27,default,list<map<string:list<i64>>>"`
	MapI32Set       map[int32][]string         `frugal:"28,default,map<i32:set<string>>"`
	MapStructStruct map[*Simple]*Simple        `frugal:"29,default,map<Simple:Simple>"`
	MapEnumDouble   map[Enums]float64          `frugal:"30,default,map<Enums:double>"`
	MapDoubleString map[float64]string         `frugal:"31,default,map<double:string>"`
	MapBoolByte     map[bool]int8              `frugal:"32,default,map<bool:byte>"`
	MapStringList   map[string][]*Simple       `frugal:"33,default,map<string:list<Simple>>"`
	MapI16Map       map[int16]map[string]int32 `frugal:"34,default,map<i16:map<string:i32>>"`
	MapValueStruct  map[string]Simple          `frugal:"35,default,map<string:Simple>"`
	Inline          Simple                     `frugal:"36,default,Simple"`
	ListInline      []Simple                   `frugal:"37,default,list<Simple>"`
	OptList         []int32                    `frugal:"38,optional,list<i32>"`
	OptMap          map[string]string          `frugal:"39,optional,map<string:string>"`
	NoCopyString    string                     `frugal:"40,default,string,nocopy"`
	NoCopyBinary    []byte                     `frugal:"41,default,binary,nocopy"`
	Int             int                        `frugal:"42,default,i64"`
	DefI32          int32                      `frugal:"43,optional,i32"`
	DefString       string                     `frugal:"44,optional,string"`
	Next            *Everything                `frugal:"45,optional,Everything"`
	ThriftTagged    int32                      `thrift:"ThriftTagged,46"`
	ThriftOpt       *string                    `thrift:"ThriftOpt,47,optional"`
	ThriftMap       map[string]int64           `thrift:"ThriftMap,48"`
	NegativeID      int16                      `frugal:"-3,default,i16"`
	LargeID         int32                      `frugal:"32000,default,i32"`
	Untagged        int                        // not serialized
	_               int                        // blank: not serialized

	_unknownFields []byte
}

// InitDefault sets the IDL defaults, as thriftgo generates it.
func (p *Everything) InitDefault() {
	p.DefI32 = 7
	p.DefString = "hi"
}

// UnknownFields returns the fields decoding kept because the schema does
// not know them.
func (p *Everything) UnknownFields() []byte { return p._unknownFields }
