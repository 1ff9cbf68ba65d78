package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

func TestBracketsCommand(t *testing.T) {
	code, out, stderr := runCLI(t, "", "brackets", "--year", "2026", "--status", "single")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "brackets-2026-single.txt", []byte(out))
	if code, _, stderr := runCLI(t, "", "brackets", "--status", "widow"); code != ExitBadInput || !strings.Contains(stderr, "--status") {
		t.Errorf("bad status: exit %d, %s", code, stderr)
	}
}

func TestBracketsState(t *testing.T) {
	for _, tc := range []struct{ file, state, status string }{
		{"brackets-2025-ny-joint.txt", "ny", "married_joint"},
		{"brackets-2025-ca-single.txt", "CA", "single"},
		{"brackets-2025-tx-single.txt", "TX", "single"},
		{"brackets-2025-ct-joint.txt", "CT", "married_joint"},
		{"brackets-2025-mn-single.txt", "MN", "single"},
	} {
		code, out, stderr := runCLI(t, "", "brackets", "--year", "2025", "--state", tc.state, "--status", tc.status)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", tc.state, code, stderr)
		}
		golden(t, tc.file, []byte(out))
	}
	for _, code := range scenario.StateCodes { // every state prints for every status and a projected year
		for _, status := range []string{"single", "married_joint", "married_separate", "head_of_household", "qualifying_surviving_spouse"} {
			if c, out, stderr := runCLI(t, "", "brackets", "--year", "2030", "--state", code, "--status", status); c != ExitOK || !strings.Contains(out, "Sources:") {
				t.Errorf("%s %s: exit %d: %s", code, status, c, stderr)
			}
		}
	}
	if code, _, stderr := runCLI(t, "", "brackets", "--state", "ZZ"); code != ExitBadInput || !strings.Contains(stderr, "--state") {
		t.Errorf("bad state: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "brackets", "--state", "CA", "--year", "2023"); code != ExitBadInput || !strings.Contains(stderr, "--year") {
		t.Errorf("2023: exit %d, %s", code, stderr)
	}
	// A state's figures go through -o and --out like the federal ones: a
	// table only (JSON is refused before anything is written), written
	// atomically to --out.
	if code, out, stderr := runCLI(t, "", "brackets", "--state", "NY", "-o", "json"); code != ExitBadInput || out != "" || !strings.Contains(stderr, "--state writes a table") {
		t.Errorf("--state -o json: exit %d, stdout %q, %s", code, out, stderr)
	}
	file := filepath.Join(t.TempDir(), "ny.txt")
	_, want, _ := runCLI(t, "", "brackets", "--year", "2025", "--state", "NY", "--status", "married_joint")
	if code, out, stderr := runCLI(t, "", "brackets", "--year", "2025", "--state", "NY", "--status", "married_joint", "--out", file); code != ExitOK || out != "" {
		t.Errorf("--state --out: exit %d, stdout %q, %s", code, out, stderr)
	}
	if got, err := os.ReadFile(file); err != nil || string(got) != want || !strings.HasPrefix(want, "New York (NY) figures for 2025") {
		t.Errorf("--out wrote %q (%v), want %q", got, err, want)
	}
}

// The seed's $147,000 stacks on no other income: $16,100 of it is absorbed by
// the standard deduction, the rest crosses 10%, 12%, 22% and into 24%.
func TestBracketsForChart(t *testing.T) {
	sc, err := scenario.Load("../../examples/seed000-split-rollover.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yb, ok := bracketsFor(sc)(2026, money.MustParse("147000"))
	if !ok {
		t.Fatal("no figures for 2026")
	}
	if yb.Base != 0 || yb.Brackets[1].Rate != 0 || yb.Brackets[2].Floor != money.MustParse("16100") {
		t.Errorf("placement %+v", yb)
	}
}
