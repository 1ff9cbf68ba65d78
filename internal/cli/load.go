package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rothpath/optimize/scenario"
)

// readInput reads at most scenario.MaxFileSize+1 bytes of path, giving up
// when ctx ends: opening a FIFO without a writer, or reading a stream that
// never ends, blocks in a system call no context can cancel, so the read
// runs on its own goroutine and is abandoned (it ends with the program).
func readInput(ctx context.Context, path string) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			done <- result{err: err}
			return
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, scenario.MaxFileSize+1))
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// loadScenario reads and parses a scenario file within ctx. A bad file is
// bad input; an interrupt, or the time limit passing while the file is read
// (limit, when not zero), stops the command with nothing written.
func loadScenario(ctx context.Context, path string, limit time.Duration) (*scenario.Scenario, error) {
	data, err := readInput(ctx, path)
	if err != nil {
		if in := interrupted(ctx); in != nil {
			return nil, interruptedError(in, "stopped while reading "+path+"; nothing written")
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, failed(fmt.Errorf("the time limit (%s) passed while reading %s; nothing written", limit, path))
		}
		return nil, badInput(fmt.Errorf("%s: %w", path, err))
	}
	sc, err := scenario.Parse(data)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", path, err))
	}
	return sc, nil
}
