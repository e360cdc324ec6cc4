module github.com/frugaljit/frugal

go 1.24

require github.com/cloudwego/gopkg v0.2.0

require github.com/bytedance/gopkg v0.1.4 // indirect
