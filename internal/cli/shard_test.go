package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rothpath/optimize/bench"
)

// shardBatch is a JSON Lines batch with answers, bad lines, blank lines and
// an infeasible goal among them, so that every kind of row is sharded.
func shardBatch(t *testing.T, n int) string {
	t.Helper()
	var b bytes.Buffer
	if err := bench.WriteJSONLines(&b, uint64(n), bench.TinyShape); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	var out strings.Builder
	for i, l := range lines {
		out.WriteString(l + "\n")
		switch i % 7 {
		case 2:
			out.WriteString("not json, | a pipe, \"quotes\"\n")
		case 4:
			out.WriteString("\n") // blank: no household
		case 5:
			out.WriteString(`{"start_year": 2026, "filing_status": "single", "people": [{"id": "c", "birth_year": 1960, "accounts": [{"id": "r", "kind": "roth_ira", "balance": 5}]}], "goal": {"convert": 0}}` + "\n")
		}
	}
	return out.String()
}

// rank --shard 1/3, 2/3 and 3/3, merged, are byte for byte the report of
// one run, in every format rank writes; and for every n the shards take
// each household once.
func TestRankShardsMergeToOneRun(t *testing.T) {
	in := shardBatch(t, 20)
	for _, format := range []string{"json", "csv", "markdown", "table", "html"} {
		t.Run(format, func(t *testing.T) {
			code, whole, stderr := runCLI(t, in, "rank", "-o", format, "--workers", "2", "-")
			if code != ExitFailed { // the bad lines fail
				t.Fatalf("one run: exit %d: %s", code, stderr)
			}
			if rows := strings.Count(whole, "\n"); rows < 20+3+3 { // 20 households, 3 bad lines, 3 infeasible
				t.Fatalf("one run wrote %d lines", rows)
			}
			for _, n := range []int{3, 1, 40} {
				dir := t.TempDir()
				var parts []string
				for i := 1; i <= n; i++ {
					part := filepath.Join(dir, fmt.Sprintf("part-%d", i))
					code, _, stderr := runCLI(t, in, "rank", "-o", format, "--workers", "2", "--shard", fmt.Sprintf("%d/%d", i, n), "--out", part, "-")
					if code != ExitOK && code != ExitFailed {
						t.Fatalf("shard %d/%d: exit %d: %s", i, n, code, stderr)
					}
					parts = append(parts, part)
				}
				code, merged, stderr := runCLI(t, "", append([]string{"merge", "-o", format}, parts...)...)
				if code != ExitOK {
					t.Fatalf("merge of %d: exit %d: %s", n, code, stderr)
				}
				if merged != whole {
					t.Errorf("%d shards merged differ from one run:\n%s\nwant:\n%s", n, merged, whole)
				}
			}
		})
	}
}

// merge refuses shards that cannot be the parts of one batch in order, and
// reports of different formats, writing nothing.
func TestMergeRefusesMismatchedShards(t *testing.T) {
	in := shardBatch(t, 10)
	dir := t.TempDir()
	part := func(spec, format string) string {
		p := filepath.Join(dir, strings.ReplaceAll(spec, "/", "-")+"."+format)
		if code, _, stderr := runCLI(t, in, "rank", "-o", format, "--shard", spec, "--out", p, "-"); code > ExitFailed {
			t.Fatalf("%s: %s", spec, stderr)
		}
		return p
	}
	p1, p2, p3 := part("1/3", "json"), part("2/3", "json"), part("3/3", "json")
	short := filepath.Join(dir, "short.json")
	b, _ := os.ReadFile(p3)
	os.WriteFile(short, b[:bytes.LastIndexByte(b[:len(b)-1], '\n')+1], 0o644) // its last row lost
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"merge", "-o", "json", p1, p3, p2}, "out of input order"},
		{[]string{"merge", "-o", "json", p1, p2, short}, "has a row after"},
		{[]string{"merge", "-o", "csv", part("1/2", "csv"), part("2/2", "json")}, "header differs"},
	} {
		code, out, stderr := runCLI(t, "", tc.args...)
		if code != ExitBadInput || out != "" || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want 2 and %q", tc.args[3:], code, len(out), stderr, tc.msg)
		}
	}
	// An HTML shard whose table does not end was cut short: refused once
	// its rows run out, and --out is left unwritten (on stdout the rows
	// before it may already be out, as a stream is).
	merged := filepath.Join(dir, "merged.html")
	if code, _, stderr := runCLI(t, "", "merge", "-o", "html", "--out", merged, part("1/2", "html"), cutHTML(t, part("2/2", "html"))); code != ExitBadInput || !strings.Contains(stderr, "cut short") {
		t.Errorf("cut HTML shard: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(merged); err == nil {
		t.Errorf("a refused merge wrote %s", merged)
	}
	if code, _, stderr := runCLI(t, "", "merge", "-o", "json", "--out", p1, p1, p2, p3); code != ExitBadInput || !strings.Contains(stderr, "is the input") {
		t.Errorf("--out onto a shard: exit %d, %s", code, stderr)
	}
}

// cutHTML copies an HTML rank report without the end of its table and
// page, as a run stopped while writing would leave it.
func cutHTML(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("</tbody>"))
	if i < 0 {
		t.Fatalf("%s has no end of table", path)
	}
	cut := path + ".cut"
	if err := os.WriteFile(cut, b[:i], 0o644); err != nil {
		t.Fatal(err)
	}
	return cut
}

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{{"1/1", true}, {"3/3", true}, {"2/8", true}, {"0/3", false}, {"4/3", false}, {"1/0", false}, {"x/3", false}, {"1", false}, {"1/3/4", false}} {
		if _, err := parseShard(tc.in); (err == nil) != tc.ok {
			t.Errorf("%q: %v", tc.in, err)
		}
	}
	s := shard{2, 3}
	if got := []int{s.of(0), s.of(1), s.of(2), s.of(4), s.of(5)}; fmt.Sprint(got) != "[0 0 1 1 2]" {
		t.Errorf("of: %v", got)
	}
}
