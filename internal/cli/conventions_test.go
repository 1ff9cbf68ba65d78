package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

func seedPath() string { return filepath.Join("..", "..", "examples", "seed000-split-rollover.yaml") }

func TestVersionPrintsBuildInfo(t *testing.T) {
	code, out, stderr := runCLI(t, "", "--version")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build information in the test binary")
	}
	for _, want := range []string{"optimize ", "built with " + info.GoVersion} {
		if !strings.Contains(out, want) {
			t.Errorf("--version %q lacks %q", out, want)
		}
	}
	// The formatting of a build with VCS stamps, from a fixed BuildInfo.
	fixed := &debug.BuildInfo{GoVersion: "go1.26.0", Path: "github.com/rothpath/optimize/cmd/optimize",
		Main: debug.Module{Path: "github.com/rothpath/optimize", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
			{Key: "vcs.modified", Value: "true"}, {Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "amd64"}}}
	want := "optimize v1.2.3\ncommit abc123 (2026-01-02T03:04:05Z), modified\nmodule github.com/rothpath/optimize\nbuilt with go1.26.0 for linux/amd64\n"
	if got := formatVersion(fixed); got != want {
		t.Errorf("formatVersion:\n%s\nwant\n%s", got, want)
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{"bash": "__start_optimize", "zsh": "#compdef optimize", "fish": "complete -c optimize", "powershell": "Register-ArgumentCompleter"} {
		code, out, stderr := runCLI(t, "", "completion", shell)
		if code != ExitOK || !strings.Contains(out, marker) {
			t.Errorf("completion %s: exit %d, lacks %q; stderr %s", shell, code, marker, stderr)
		}
	}
}

func TestPlanAndValidateReadStdin(t *testing.T) {
	data, err := os.ReadFile(seedPath())
	if err != nil {
		t.Fatal(err)
	}
	code, fromStdin, stderr := runCLI(t, string(data), "plan", "-", "-o", "json")
	if code != ExitOK {
		t.Fatalf("plan -: exit %d: %s", code, stderr)
	}
	_, fromFile, _ := runCLI(t, "", "plan", seedPath(), "-o", "json")
	if fromStdin != fromFile {
		t.Error("plan - gives another answer than plan FILE")
	}
	if !strings.Contains(fromStdin, `"total_tax": "24014.00"`) {
		t.Error("plan - lacks the seed's total tax")
	}
	if code, out, _ := runCLI(t, string(data), "validate", "-"); code != ExitOK || out != "ok\n" {
		t.Errorf("validate -: exit %d, %q", code, out)
	}
	bad := strings.Replace(string(data), "basis: 15000", "basis: 900000", 1)
	code, out, stderr := runCLI(t, bad, "validate", "-")
	if code != ExitBadInput || out != "" || !strings.Contains(stderr, "stdin: line 23: people[0].accounts[1].basis") {
		t.Errorf("validate - of a bad file: exit %d, out %q, stderr %q", code, out, stderr)
	}
	code, out, _ = runCLI(t, bad, "validate", "-o", "json", "-")
	var v validation
	if code != ExitBadInput || json.Unmarshal([]byte(out), &v) != nil || v.Valid || v.Line != 23 || v.Field != "people[0].accounts[1].basis" {
		t.Errorf("validate -o json: exit %d, %q", code, out)
	}
}

func TestFormatsAreCaseInsensitive(t *testing.T) {
	_, lower, _ := runCLI(t, "", "plan", seedPath(), "-o", "json")
	for _, f := range []string{"JSON", "Json"} {
		code, out, stderr := runCLI(t, "", "plan", seedPath(), "-o", f)
		if code != ExitOK || out != lower {
			t.Errorf("-o %s: exit %d, same as -o json: %v; %s", f, code, out == lower, stderr)
		}
	}
	if code, out, _ := runCLI(t, "", "brackets", "-o", "JSON"); code != ExitOK || !json.Valid([]byte(out)) || !strings.Contains(out, `"up_to": "105700.00"`) {
		t.Errorf("brackets -o JSON: exit %d, %q", code, out)
	}
	if code, out, _ := runCLI(t, "", "schema", "-o", "JSON"); code != ExitOK || !json.Valid([]byte(out)) {
		t.Errorf("schema -o JSON: exit %d", code)
	}
}

func TestSuggestions(t *testing.T) {
	code, _, stderr := runCLI(t, "", "plan", seedPath(), "--topp", "3")
	if code != ExitBadInput || !strings.Contains(stderr, "did you mean --top?") {
		t.Errorf("mistyped flag: exit %d, %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "", "frontier", seedPath(), "--stpe", "1000")
	if code != ExitBadInput || !strings.Contains(stderr, "did you mean --step?") {
		t.Errorf("mistyped flag: exit %d, %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "", "plna", seedPath())
	if code != ExitBadInput || !strings.Contains(stderr, "Did you mean this?") || !strings.Contains(stderr, "plan") {
		t.Errorf("mistyped command: exit %d, %q", code, stderr)
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance = %d, want 3", d)
	}
}

func TestColourOnlyOnTerminalWithoutNoColor(t *testing.T) {
	// A buffer is not a terminal: no escape codes, whatever NO_COLOR says.
	t.Setenv("NO_COLOR", "")
	code, out, stderr := runCLI(t, "", "plan", "missing.yaml")
	if code != ExitBadInput || strings.Contains(stderr+out, "\x1b[") {
		t.Errorf("colour written to a non-terminal: %q", stderr)
	}
	if useColour(os.Stdout) && os.Getenv("NO_COLOR") != "" {
		t.Error("NO_COLOR set but colour on")
	}
	t.Setenv("NO_COLOR", "1")
	if f, err := os.Open(os.DevNull); err == nil {
		defer f.Close()
		if useColour(f) {
			t.Error("colour on with NO_COLOR=1")
		}
	}
	if paint(false, "1", "x") != "x" || paint(true, "1", "x") != "\x1b[1mx\x1b[0m" {
		t.Error("paint")
	}
}

func TestRankHTML(t *testing.T) {
	code, out, stderr := runCLI(t, "", "rank", filepath.Join("..", "..", "examples"), "-o", "html", "--workers", "2")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.HasSuffix(out, "</html>\n") {
		t.Error("not a whole HTML page")
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	if n := strings.Count(out, "<tr>") + strings.Count(out, `<tr class="failed">`); n != len(files)+1 {
		t.Errorf("%d rows, want a header and one per example (%d)", n, len(files))
	}
	if !strings.Contains(out, "<td class=\"num\">$24014.00</td>") {
		t.Error("the seed's total tax is not in the page")
	}
	if regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(out) {
		t.Error("the page refers to an external resource")
	}
}

// Every year of every strategy of every example says where it stops and
// what the next $1,000 would cost; the summary says why rank 1 wins.
func TestEveryYearExplained(t *testing.T) {
	for _, file := range examples(t) {
		code, out, stderr := runCLI(t, "", "plan", file, "-o", "json", "--workers", "2")
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", file, code, stderr)
		}
		var res struct {
			Summary    string `json:"summary"`
			Strategies []struct {
				Rank  int `json:"rank"`
				Years []struct {
					Year     int             `json:"year"`
					Stops    []string        `json:"stops"`
					Why      string          `json:"why"`
					Next1000 json.RawMessage `json:"next_1000"`
				} `json:"years"`
			} `json:"strategies"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(res.Summary, "The recommended strategy moves") {
			t.Errorf("%s: summary %q", file, res.Summary)
		}
		for _, s := range res.Strategies {
			for _, y := range s.Years {
				if len(y.Stops) == 0 || y.Why == "" || len(y.Next1000) == 0 {
					t.Errorf("%s: rank %d, %d: no explanation", filepath.Base(file), s.Rank, y.Year)
				}
			}
		}
	}
}
