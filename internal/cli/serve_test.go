package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// `optimize serve` listens on localhost, serves the app, and stops cleanly
// at an interrupt (the context's end).
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr strings.Builder
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`).FindString(line)
	if url == "" {
		t.Fatalf("no local address in %q", line)
	}
	go io.Copy(io.Discard, pr)
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != http.StatusOK || !strings.Contains(string(body), "Roth conversion planner") {
		t.Errorf("GET /: %d", r.StatusCode)
	}
	cancel()
	select {
	case c := <-code:
		if c != ExitOK || stderr.Len() != 0 {
			t.Errorf("exit %d, stderr %q", c, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if c, _, errOut := runCLI(t, "", "serve", "--addr", "nonsense"); c != ExitBadInput || !strings.Contains(errOut, "--addr") {
		t.Errorf("bad --addr: exit %d, %q", c, errOut)
	}
}
