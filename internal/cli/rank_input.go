package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rothpath/optimize/scenario"
)

// household is one scenario read from the inputs, or the error reading it.
type household struct {
	index  int
	source string // file path, or "stdin:N"
	data   []byte
	err    error
}

// readInputs sends every household of the inputs, in order, taking a slot
// for each; it stops when the context is cancelled.
func readInputs(ctx context.Context, args []string, stdin io.Reader, slots chan struct{}, jobs chan<- household) error {
	index := 0
	send := func(h household) error {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		h.index = index
		index++
		select {
		case jobs <- h:
			return nil
		case <-ctx.Done():
			<-slots
			return ctx.Err()
		}
	}
	for _, arg := range args {
		var err error
		switch {
		case arg == "-":
			err = readLines(stdin, send)
		default:
			err = readPath(arg, send)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readLines sends each non-blank line of r (JSON Lines) as a household.
func readLines(r io.Reader, send func(household) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), scenario.MaxFileSize)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if err := send(household{source: fmt.Sprintf("stdin:%d", line), data: []byte(text)}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return send(household{source: fmt.Sprintf("stdin:%d", line+1), err: fmt.Errorf("reading stdin: %w", err)})
	}
	return nil
}

// readPath sends a file, or every scenario file under a folder in lexical
// order.
func readPath(path string, send func(household) error) error {
	info, err := os.Stat(path)
	if err != nil {
		return send(household{source: path, err: err})
	}
	if !info.IsDir() {
		return send(readFile(path))
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return send(household{source: p, err: err})
		}
		if d.IsDir() || !isScenarioFile(p) {
			return nil
		}
		return send(readFile(p))
	})
}

func isScenarioFile(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

func readFile(path string) household {
	f, err := os.Open(path)
	if err != nil {
		return household{source: path, err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, scenario.MaxFileSize+1))
	return household{source: path, data: data, err: err}
}
