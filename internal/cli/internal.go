package cli

import (
	"fmt"
	"runtime/debug"
)

// internalError is a bug in optimize: a broken invariant or a panic, never
// a problem with the input. It exits with ExitInternal and asks for a
// report; in rank it is the household's row and the batch goes on.
type internalError struct {
	err   error
	stack []byte // the goroutine's stack at a recovered panic, for the report
}

func (e *internalError) Error() string {
	return "internal error (a bug in optimize, not a problem with the input): " + e.err.Error() +
		"; please report it with the command line and the input"
}

func (e *internalError) Unwrap() error { return e.err }

// internal marks err as an internal error (exit status 3).
func internal(err error) error {
	return &exitError{code: ExitInternal, err: &internalError{err: err}}
}

// recovered turns a recovered panic value into an internal error with the
// stack. Call it from the deferred function that recovered.
func recovered(r any) error {
	err, ok := r.(error)
	if !ok {
		err = fmt.Errorf("%v", r)
	}
	return &exitError{code: ExitInternal, err: &internalError{err: err, stack: debug.Stack()}}
}
