package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/bench"
)

// attackCase is one case of the attack catalogue, testdata/attacks/*/*.yaml
// (the format is in testdata/attacks/README.md).
type attackCase struct {
	Attack string            `yaml:"attack"`
	Source string            `yaml:"source"`
	Files  map[string]string `yaml:"files"`
	Make   []struct {
		Name       string   `yaml:"name"`
		Repeat     string   `yaml:"repeat"`
		Bytes      int      `yaml:"bytes"`
		Prefix     string   `yaml:"prefix"`
		Suffix     string   `yaml:"suffix"`
		Households int      `yaml:"households"` // JSON Lines from bench's generator
		Big        bool     `yaml:"big"`        // the 40-year household of bigYAML
		FIFO       bool     `yaml:"fifo"`
		Symlink    string   `yaml:"symlink"`
		Copies     int      `yaml:"copies"` // name-1 .. name-N instead of one file
		Concat     []string `yaml:"concat"` // the files named, one after another
	} `yaml:"make"`
	Run       []string `yaml:"run"`
	Stdin     string   `yaml:"stdin"`      // a file of the case's folder
	StdinOpen bool     `yaml:"stdin_open"` // stdin a pipe fed that file and held open: only a signal ends the run
	StdoutTo  string   `yaml:"stdout_to"`  // a path stdout is opened on instead of a pipe
	Signal    struct {
		Name      string        `yaml:"name"` // INT or TERM
		After     time.Duration `yaml:"after"`
		AfterRows int           `yaml:"after_rows"` // once stdout has this many lines
	} `yaml:"signal"`
	Want struct {
		Exit       int               `yaml:"exit"`
		Stderr     []string          `yaml:"stderr"`
		Stdout     []string          `yaml:"stdout"`
		NotStdout  []string          `yaml:"not_stdout"`
		StdoutNone bool              `yaml:"stdout_empty"`
		MaxSeconds float64           `yaml:"max_seconds"`
		Files      map[string]string `yaml:"files"`   // unchanged | absent | symlink | fifo | contains:TEXT
		Gapless    string            `yaml:"gapless"` // rank JSON rows (stdout or a file): stdin:1..K, each with a status
		Rows       []string          `yaml:"rows"`    // the statuses of rank JSON rows on stdout, in order
		NoTemp     bool              `yaml:"no_temp"` // no temporary file left in the folder
	} `yaml:"want"`
}

// The classes of issue 15 the catalogue covers, each with at least three
// cases. (Steps naming the wrong account are the search's to fix.)
var attackClasses = []string{"panics", "overflow", "batch", "out", "exit", "limits"}

// TestAttackCatalogue runs every case of testdata/attacks against the
// built binary and checks its exit status, messages, output and files.
func TestAttackCatalogue(t *testing.T) {
	bin := buildOptimize(t)
	root := filepath.Join("..", "..", "testdata", "attacks")
	for _, class := range attackClasses {
		files, _ := filepath.Glob(filepath.Join(root, class, "*.yaml"))
		if len(files) < 3 {
			t.Errorf("class %s has %d cases, want at least 3", class, len(files))
		}
		for _, f := range files {
			t.Run(class+"/"+strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				var c attackCase
				dec := yaml.NewDecoder(bytes.NewReader(data))
				dec.KnownFields(true)
				if err := dec.Decode(&c); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				runAttack(t, bin, &c)
			})
		}
	}
}

func runAttack(t *testing.T, bin string, c *attackCase) {
	if c.Attack == "" || len(c.Run) == 0 || c.Want.MaxSeconds <= 0 {
		t.Fatal("a case needs attack, run and want.max_seconds")
	}
	dir := t.TempDir()
	for name, text := range c.Files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range c.Make {
		if len(m.Concat) > 0 {
			var b []byte
			for _, part := range m.Concat {
				p, err := os.ReadFile(filepath.Join(dir, part))
				if err != nil {
					t.Fatal(err)
				}
				b = append(b, p...)
			}
			if err := os.WriteFile(filepath.Join(dir, m.Name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		makeAttackFile(t, dir, m.Name, m.Repeat, m.Bytes, m.Prefix, m.Suffix, m.Households, m.Big, m.FIFO, m.Symlink, m.Copies)
	}
	cmd := exec.Command(bin, c.Run...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	var feed []byte
	var stdinPipe io.WriteCloser
	switch {
	case c.Stdin != "" && c.StdinOpen:
		var err error
		if feed, err = os.ReadFile(filepath.Join(dir, c.Stdin)); err != nil {
			t.Fatal(err)
		}
		if stdinPipe, err = cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
		defer stdinPipe.Close()
	case c.Stdin != "":
		f, err := os.Open(filepath.Join(dir, c.Stdin))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd.Stdin = f
	}
	var stdoutPipe io.ReadCloser
	if c.StdoutTo != "" {
		f, err := os.OpenFile(c.StdoutTo, os.O_WRONLY, 0)
		if err != nil {
			t.Skipf("%s: %v", c.StdoutTo, err)
		}
		defer f.Close()
		cmd.Stdout = f
	} else {
		var err error
		if stdoutPipe, err = cmd.StdoutPipe(); err != nil {
			t.Fatal(err)
		}
	}
	began := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if stdinPipe != nil {
		go stdinPipe.Write(feed) // and stays open until the end
	}
	var stdout bytes.Buffer
	lines := make(chan int, 1024)
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		if stdoutPipe == nil {
			return
		}
		buf := make([]byte, 32<<10)
		n := 0
		for {
			k, err := stdoutPipe.Read(buf)
			stdout.Write(buf[:k])
			if c := bytes.Count(buf[:k], []byte("\n")); c > 0 {
				n += c
				select {
				case lines <- n:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	limit := time.Duration(c.Want.MaxSeconds*float64(time.Second)) + 10*time.Second // room for a slow machine; the figure itself is checked below
	kill := time.AfterFunc(limit, func() { cmd.Process.Kill() })
	defer kill.Stop()
	if c.Signal.Name != "" {
		sig := map[string]syscall.Signal{"INT": syscall.SIGINT, "TERM": syscall.SIGTERM}[c.Signal.Name]
		if sig == 0 {
			t.Fatalf("unknown signal %q", c.Signal.Name)
		}
		if c.Signal.AfterRows > 0 {
			wait := time.After(limit)
		rows:
			for {
				select {
				case n := <-lines:
					if n >= c.Signal.AfterRows {
						break rows
					}
				case <-copied:
					t.Fatalf("stdout ended before %d rows; stderr %s", c.Signal.AfterRows, stderr.String())
				case <-wait:
					t.Fatalf("no %d rows in %v", c.Signal.AfterRows, limit)
				}
			}
		}
		time.Sleep(c.Signal.After)
		cmd.Process.Signal(sig)
	}
	<-copied
	err := cmd.Wait()
	took := time.Since(began)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	out, errText := stdout.String(), stderr.String()
	t.Logf("%s: exit %d in %v", c.Attack, code, took.Round(time.Millisecond))
	if code != c.Want.Exit {
		t.Errorf("exit %d, want %d; stderr %q", code, c.Want.Exit, clip(errText))
	}
	if took > time.Duration(c.Want.MaxSeconds*float64(time.Second)) {
		t.Errorf("took %v, want at most %vs", took, c.Want.MaxSeconds)
	}
	flat := strings.Join(strings.Fields(errText), " ")
	for _, s := range c.Want.Stderr {
		if !strings.Contains(flat, s) {
			t.Errorf("stderr %q lacks %q", clip(errText), s)
		}
	}
	for _, s := range c.Want.Stdout {
		if !strings.Contains(out, s) {
			t.Errorf("stdout %q lacks %q", clip(out), s)
		}
	}
	for _, s := range c.Want.NotStdout {
		if strings.Contains(out, s) {
			t.Errorf("stdout has %q", s)
		}
	}
	if c.Want.StdoutNone && out != "" {
		t.Errorf("stdout %q, want nothing", clip(out))
	}
	for name, want := range c.Want.Files {
		checkAttackFile(t, dir, name, want, c.Files[name])
	}
	if c.Want.Gapless != "" {
		text := out
		if c.Want.Gapless != "stdout" {
			b, err := os.ReadFile(filepath.Join(dir, c.Want.Gapless))
			if err != nil {
				t.Fatalf("gapless: %v", err)
			}
			text = string(b)
		}
		checkGapless(t, text)
	}
	if c.Want.Rows != nil {
		var got []string
		for _, r := range parseRows(t, out) {
			got = append(got, r.Status)
		}
		if strings.Join(got, ",") != strings.Join(c.Want.Rows, ",") {
			t.Errorf("row statuses %v, want %v", got, c.Want.Rows)
		}
	}
	if c.Want.NoTemp {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
		if len(tmps) > 0 {
			t.Errorf("temporary files left: %v", tmps)
		}
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

func makeAttackFile(t *testing.T, dir, name, repeat string, size int, prefix, suffix string, households int, big, fifo bool, symlink string, copies int) {
	t.Helper()
	names := []string{name}
	if copies > 0 {
		names = nil
		for i := 1; i <= copies; i++ {
			names = append(names, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, filepath.Ext(name)), i, filepath.Ext(name)))
		}
	}
	for _, n := range names {
		path := filepath.Join(dir, n)
		var data []byte
		switch {
		case fifo:
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		case symlink != "":
			if err := os.Symlink(symlink, path); err != nil {
				t.Fatal(err)
			}
			continue
		case households > 0:
			var b bytes.Buffer
			if err := bench.WriteJSONLines(&b, uint64(households), bench.RealisticShape); err != nil {
				t.Fatal(err)
			}
			data = b.Bytes()
		case big:
			data = []byte(bigYAML())
		default:
			body := size - len(prefix) - len(suffix)
			if repeat == "" || body < 0 {
				t.Fatalf("make %s: give repeat and bytes", n)
			}
			data = []byte(prefix + strings.Repeat(repeat, body/len(repeat)+1)[:body] + suffix)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func checkAttackFile(t *testing.T, dir, name, want, original string) {
	t.Helper()
	path := filepath.Join(dir, name)
	info, err := os.Lstat(path)
	switch {
	case want == "absent":
		if err == nil {
			t.Errorf("%s exists", name)
		}
		return
	case err != nil:
		t.Errorf("%s: %v", name, err)
		return
	case want == "symlink":
		if info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link (%v)", name, info.Mode())
		}
		return
	case want == "fifo":
		if info.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("%s is no longer a FIFO (%v)", name, info.Mode())
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	switch {
	case want == "unchanged":
		if string(b) != original {
			t.Errorf("%s changed: %q", name, clip(string(b)))
		}
	case strings.HasPrefix(want, "contains:"):
		if !strings.Contains(string(b), strings.TrimPrefix(want, "contains:")) {
			t.Errorf("%s lacks %q: %q", name, strings.TrimPrefix(want, "contains:"), clip(string(b)))
		}
	default:
		t.Errorf("%s: unknown expectation %q", name, want)
	}
}

// checkGapless checks rank JSON rows of a stdin batch: whole lines, inputs
// stdin:1, stdin:2, ... with none missing, each with a known status.
func checkGapless(t *testing.T, text string) {
	t.Helper()
	if text == "" {
		t.Error("no rows")
		return
	}
	if !strings.HasSuffix(text, "\n") {
		t.Errorf("the report ends inside a row")
	}
	known := map[string]bool{"optimal": true, "feasible": true, "infeasible": true, statusBadInput: true,
		statusError: true, statusInternal: true, statusNotFinished: true}
	counts := map[string]int{}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		var r struct{ Input, Status string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("row %d is not JSON: %v", i+1, err)
		}
		if want := fmt.Sprintf("stdin:%d", i+1); r.Input != want {
			t.Fatalf("row %d is %s, want %s: a gap", i+1, r.Input, want)
		}
		if !known[r.Status] {
			t.Errorf("row %d: status %q", i+1, r.Status)
		}
		counts[r.Status]++
	}
	var parts []string
	for s, n := range counts {
		parts = append(parts, fmt.Sprintf("%s %d", s, n))
	}
	sort.Strings(parts)
	t.Logf("rows: %s", strings.Join(parts, ", "))
}
