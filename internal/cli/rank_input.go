package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/rothpath/optimize/scenario"
)

// household is one scenario read from the inputs, or the error reading it.
type household struct {
	seq    int    // position among this run's households: the output order
	source string // file path, or "stdin:N"
	data   []byte
	err    error
	offset int64 // stdin: bytes of stdin up to the end of its line; else -1
}

// shard is rank --shard i/n: of the households in input order, counted from
// 0, this run takes those whose number modulo n is i-1. The zero value (and
// 1/1) takes them all.
type shard struct{ i, n int }

func (s shard) takes(index int) bool { return s.n <= 1 || index%s.n == s.i-1 }

// of is how many of total households the shard takes.
func (s shard) of(total int) int {
	if s.n <= 1 {
		return total
	}
	if total < s.i {
		return 0
	}
	return (total-s.i)/s.n + 1
}

// inputReader sends the households of the inputs, in order, to the
// workers.
type inputReader struct {
	args  []string
	stdin io.Reader
	shard shard
	skip  func(path string) bool // files the walk must not read (rank's own output)

	index    int          // households met so far, this shard's or not
	seq      int          // households sent
	lastSent atomic.Value // source of the last household sent (string)
}

// read sends every household of the shard, taking a slot for each; it stops
// when ctx ends. A household read but not yet sent when ctx ends comes after
// every one sent, so the households sent are always a prefix of the shard.
func (r *inputReader) read(ctx context.Context, slots chan struct{}, jobs chan<- household) error {
	send := func(h household) error {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		h.seq = r.seq
		select {
		case jobs <- h:
			r.seq++
			r.lastSent.Store(h.source)
			return nil
		case <-ctx.Done():
			<-slots
			return ctx.Err()
		}
	}
	for _, arg := range r.args {
		var err error
		if arg == "-" {
			err = r.readLines(r.stdin, send)
		} else {
			err = r.readPath(arg, send)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// mine counts a household met in the inputs and reports whether this run's
// shard takes it.
func (r *inputReader) mine() bool {
	ok := r.shard.takes(r.index)
	r.index++
	return ok
}

// readLines sends each non-blank line of in (JSON Lines) as a household. A
// line longer than scenario.MaxFileSize is that household's error, read
// past without being held, and the next line is read as usual.
func (r *inputReader) readLines(in io.Reader, send func(household) error) error {
	br := bufio.NewReaderSize(in, 64<<10)
	var offset int64
	for line := 1; ; line++ {
		text, n, tooLong, err := readLine(br, scenario.MaxFileSize)
		offset += n
		if err != nil && !errors.Is(err, io.EOF) {
			if r.mine() {
				return send(household{source: fmt.Sprintf("stdin:%d", line), err: fmt.Errorf("reading stdin: %w", err), offset: offset})
			}
			return nil
		}
		text = bytes.TrimSpace(text)
		if len(text) > 0 || tooLong {
			h := household{source: fmt.Sprintf("stdin:%d", line), data: text, offset: offset}
			if tooLong {
				h.data, h.err = nil, errors.New("line longer than 1 MiB, the largest scenario supported; skipped")
			}
			if r.mine() {
				if err := send(h); err != nil {
					return err
				}
			}
		}
		if err != nil { // io.EOF
			return nil
		}
	}
}

// readLine reads one line of br without its newline, holding at most max
// bytes of it: a longer line is read to its end and reported too long. n is
// the number of bytes consumed; err is io.EOF at the end of the input.
func readLine(br *bufio.Reader, max int) (line []byte, n int64, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !tooLong {
			if len(line)+len(chunk) > max+1 { // +1: the newline itself
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == nil:
			return bytes.TrimSuffix(line, []byte("\n")), n, tooLong, nil
		default:
			if n == 0 && errors.Is(err, io.EOF) {
				return nil, 0, false, io.EOF
			}
			return line, n, tooLong, err
		}
	}
}

// readPath sends a file, or every scenario file under a folder in lexical
// order. Files of other shards are counted, not read.
func (r *inputReader) readPath(path string, send func(household) error) error {
	info, err := os.Stat(path)
	if err != nil {
		if r.mine() {
			return send(household{source: path, err: err, offset: -1})
		}
		return nil
	}
	if !info.IsDir() {
		if r.mine() {
			return send(readFile(path))
		}
		return nil
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if r.mine() {
				return send(household{source: p, err: err, offset: -1})
			}
			return nil
		}
		if d.IsDir() || !isScenarioFile(p) || (r.skip != nil && r.skip(p)) {
			return nil
		}
		if r.mine() {
			return send(readFile(p))
		}
		return nil
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
	h := household{source: path, offset: -1}
	f, err := os.Open(path)
	if err != nil {
		h.err = err
		return h
	}
	defer f.Close()
	h.data, h.err = io.ReadAll(io.LimitReader(f, scenario.MaxFileSize+1))
	return h
}

// countInputs returns how many households the inputs hold when that is
// known without reading them: every input a file or folder. ok is false
// when stdin is among them.
func countInputs(args []string, skip func(string) bool) (n int, ok bool) {
	for _, a := range args {
		if a == "-" {
			return 0, false
		}
		info, err := os.Stat(a)
		if err != nil || !info.IsDir() {
			n++ // a file, or the error row of a missing one
			continue
		}
		filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil || (!d.IsDir() && isScenarioFile(p) && !skip(p)) {
				n++
			}
			return nil
		})
	}
	return n, true
}
