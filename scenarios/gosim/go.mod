module sim

go 1.19
