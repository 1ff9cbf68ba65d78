package scenario

import (
	"strings"
	"testing"
)

const labelled = `start_year: 2026
filing_status: single
people:
  - id: client
    birth_year: 1963
    accounts:
      - id: ira
        kind: traditional_ira
        label: "Schwab IRA …1234"
        balance: 1000
goal:
  convert: 100
`

func TestAccountLabel(t *testing.T) {
	s, err := Parse([]byte(labelled))
	if err != nil {
		t.Fatal(err)
	}
	a := s.People[0].Accounts[0]
	if a.Label != "Schwab IRA …1234" || a.Name() != "Schwab IRA …1234" {
		t.Errorf("label %q, name %q", a.Label, a.Name())
	}
	if (Account{ID: "ira"}).Name() != "ira" {
		t.Error("an account without a label is named by its id")
	}
	out, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(out)
	if err != nil || back.People[0].Accounts[0].Label != a.Label {
		t.Errorf("round trip: %v, %+v", err, back)
	}
	for _, bad := range []struct{ label, want string }{
		{`" IRA"`, "space"},
		{`""`, "empty"},
		{`"` + strings.Repeat("x", MaxLabel+1) + `"`, "at most 80"},
		{`"a\tb"`, "control character"},
		{`[a]`, "must be text"},
	} {
		_, err := Parse([]byte(strings.Replace(labelled, `"Schwab IRA …1234"`, bad.label, 1)))
		if err == nil || !strings.Contains(err.Error(), "line 9: people[0].accounts[0].label") || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("label %s: %v, want line 9 and %q", bad.label, err, bad.want)
		}
	}
}
