package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interruption is the cause of a context cancelled by a signal.
type interruption struct{ sig os.Signal }

func (i *interruption) Error() string {
	if i.sig == syscall.SIGTERM {
		return "terminated (SIGTERM)"
	}
	return "interrupted (SIGINT)"
}

// code is the exit status for the signal: 128 + its number, as shells say.
func (i *interruption) code() int {
	if i.sig == syscall.SIGTERM {
		return ExitTerminated
	}
	return ExitInterrupted
}

// interrupted returns the interruption that cancelled ctx, or nil when ctx
// is live or ended otherwise (a deadline, a failed output). A context
// cancelled without a cause (tests) counts as SIGINT.
func interrupted(ctx context.Context) *interruption {
	if ctx.Err() == nil {
		return nil
	}
	var in *interruption
	if errors.As(context.Cause(ctx), &in) {
		return in
	}
	if errors.Is(context.Cause(ctx), context.Canceled) {
		return &interruption{sig: os.Interrupt}
	}
	return nil
}

// interruptedError is the error a command returns when a signal stopped it;
// what says what was (or was not) written.
func interruptedError(in *interruption, what string) error {
	return &exitError{code: in.code(), err: fmt.Errorf("%s: %s", in, what)}
}

// notifySignals returns a context that the first SIGINT or SIGTERM cancels
// with an *interruption as its cause. The second signal runs the cleanups
// (removing temporary files) and ends the program at once.
func notifySignals(stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		first := &interruption{sig: <-sigs}
		cancel(first)
		second := &interruption{sig: <-sigs}
		runCleanups()
		fmt.Fprintf(stderr, "optimize: %s again: stopped at once\n", second)
		os.Exit(second.code())
	}()
	return ctx, func() { signal.Stop(sigs); cancel(nil) }
}

// cleanups are what must be undone if the program is stopped at once:
// temporary files not yet renamed into place.
var cleanups = struct {
	sync.Mutex
	next int
	fns  map[int]func()
}{fns: map[int]func(){}}

// onStop registers f to run if a second signal ends the program; the
// returned function unregisters it.
func onStop(f func()) (unregister func()) {
	cleanups.Lock()
	defer cleanups.Unlock()
	id := cleanups.next
	cleanups.next++
	cleanups.fns[id] = f
	return func() {
		cleanups.Lock()
		delete(cleanups.fns, id)
		cleanups.Unlock()
	}
}

func runCleanups() {
	cleanups.Lock()
	defer cleanups.Unlock()
	for id, f := range cleanups.fns {
		f()
		delete(cleanups.fns, id)
	}
}
