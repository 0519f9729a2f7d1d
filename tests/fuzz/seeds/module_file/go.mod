module example.com/hello

go 1.22

toolchain go1.22.5

require (
	golang.org/x/mod v0.17.0 // indirect
)
