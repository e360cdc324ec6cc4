module github.com/cloudwego/frugal

go 1.24.0

require (
	github.com/cloudwego/gopkg v0.2.0
	github.com/frugaljit/frugal v0.0.0-00010101000000-000000000000
)

require (
	github.com/bytedance/gopkg v0.1.4 // indirect
	golang.org/x/sys v0.30.0 // indirect
)

replace github.com/frugaljit/frugal => ../..
