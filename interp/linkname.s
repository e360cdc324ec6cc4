// This file lets newarray.go declare a function without a body (linknamed to the runtime).
