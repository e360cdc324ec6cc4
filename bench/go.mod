module github.com/frugaljit/frugal/bench

go 1.24.0

replace github.com/frugaljit/frugal => ../

require (
	github.com/apache/thrift v0.13.0
	github.com/cloudwego/frugal v0.3.1
	github.com/cloudwego/gopkg v0.2.0
	github.com/frugaljit/frugal v0.0.0-00010101000000-000000000000
)

require (
	github.com/bytedance/gopkg v0.1.4 // indirect
	golang.org/x/sys v0.30.0 // indirect
)
