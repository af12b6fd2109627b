module gorsim/goprobe_overflow

go 1.19
