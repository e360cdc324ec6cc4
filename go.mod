module github.com/frugaljit/frugal

go 1.24.0

require (
	github.com/cloudwego/gopkg v0.2.0
	github.com/cloudwego/netpoll v0.7.2
	github.com/cloudwego/shmipc-go v0.2.0
	github.com/cloudwego/thriftgo v0.4.5
	go.uber.org/goleak v1.3.0
	golang.org/x/arch v0.24.0
	golang.org/x/sys v0.30.0
)

require (
	github.com/bytedance/gopkg v0.1.4 // indirect
	github.com/go-ole/go-ole v1.2.6 // indirect
	github.com/power-devops/perfstat v0.0.0-20210106213030-5aafc221ea8c // indirect
	github.com/shirou/gopsutil/v3 v3.22.1 // indirect
	github.com/yusufpapurcu/wmi v1.2.2 // indirect
)
