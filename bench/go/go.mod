module gorsim.invalid/bench

go 1.19
