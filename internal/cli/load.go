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

// readInput reads at most scenario.MaxFileSize+1 bytes of path (stdin when
// path is "-"), giving up when ctx ends: opening a FIFO without a writer, or
// reading a stream that never ends, blocks in a system call no context can
// cancel, so the read runs on its own goroutine and is abandoned (it ends
// with the program).
func readInput(ctx context.Context, path string, stdin io.Reader) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		r := stdin
		if path != "-" {
			f, err := os.Open(path)
			if err != nil {
				done <- result{err: err}
				return
			}
			defer f.Close()
			r = f
		}
		data, err := io.ReadAll(io.LimitReader(r, scenario.MaxFileSize+1))
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
	return loadScenarioFrom(ctx, path, nil, limit)
}

// loadScenarioFrom is loadScenario, reading stdin when path is "-" (a
// scenario in YAML or JSON, at most scenario.MaxFileSize bytes); errors then
// name "stdin".
func loadScenarioFrom(ctx context.Context, path string, stdin io.Reader, limit time.Duration) (*scenario.Scenario, error) {
	name := path
	if path == "-" {
		if stdin == nil {
			return nil, badInput(errors.New("-: this command reads a file, not stdin"))
		}
		name = "stdin"
	}
	data, err := readInput(ctx, path, stdin)
	if err != nil {
		if in := interrupted(ctx); in != nil {
			return nil, interruptedError(in, "stopped while reading "+name+"; nothing written")
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, failed(fmt.Errorf("the time limit (%s) passed while reading %s; nothing written", limit, name))
		}
		return nil, badInput(fmt.Errorf("%s: %w", name, err))
	}
	sc, err := scenario.Parse(data)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", name, err))
	}
	return sc, nil
}
