package rules

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// The cases in testdata/scenarios: each names a behaviour and its source,
// holds a scenario in the spec's format, a list of moves and the expected
// figures. See testdata/scenarios/README.md for the schema.

type amount struct {
	set bool
	v   money.Cents
}

func (a *amount) UnmarshalYAML(n *yaml.Node) error {
	v, err := money.Parse(n.Value)
	if err != nil {
		return err
	}
	a.set, a.v = true, v
	return nil
}

type caseMove struct {
	Year           int    `yaml:"year"`
	Action         string `yaml:"action"`
	From           string `yaml:"from"`
	To             string `yaml:"to"`
	Amount         amount `yaml:"amount"`
	Whole          bool   `yaml:"whole"`
	ExtraToRoth    amount `yaml:"extra_to_roth"`
	AfterTaxToIRA  bool   `yaml:"after_tax_to_ira"`
	ToCash         amount `yaml:"to_cash"`
	Rollover       amount `yaml:"rollover"`
	AfterTaxToRoth bool   `yaml:"after_tax_to_roth"`
	FromSubaccount bool   `yaml:"from_subaccount"`
	Expect         struct {
		AfterTax    amount            `yaml:"after_tax"`
		Pretax      amount            `yaml:"pretax"`
		Taxable     amount            `yaml:"taxable"`
		Nontaxable  amount            `yaml:"nontaxable"`
		Withheld    amount            `yaml:"withheld"`
		PenaltyBase amount            `yaml:"penalty_base"`
		CashUsed    amount            `yaml:"cash_used"`
		Converted   amount            `yaml:"converted"`
		To          map[string]amount `yaml:"to"` // destination account id -> amount ("cash" for kept)
		Error       string            `yaml:"error"`
	} `yaml:"expect"`
}

type caseYear struct {
	Year                 int                          `yaml:"year"`
	AddedOrdinary        amount                       `yaml:"added_ordinary"`
	Converted            amount                       `yaml:"converted"`
	BasisToRoth          amount                       `yaml:"basis_to_roth"`
	Withheld             amount                       `yaml:"withheld"`
	PenaltyBase          amount                       `yaml:"penalty_base"`
	CashUsed             amount                       `yaml:"cash_used"`
	DesignatedRothRolled amount                       `yaml:"designated_roth_rolled"`
	Form8606             map[string]map[string]string `yaml:"form_8606"` // person id -> line -> value
}

type testCase struct {
	Name     string     `yaml:"name"`
	Source   string     `yaml:"source"`
	Note     string     `yaml:"note"`
	Scenario yaml.Node  `yaml:"scenario"`
	Moves    []caseMove `yaml:"moves"`
	Expect   struct {
		Years     []caseYear `yaml:"years"`
		BasisLeft amount     `yaml:"basis_left"`
		Cash      amount     `yaml:"cash"`
	} `yaml:"expect"`
}

var sentinels = map[string]error{
	"ErrInService": ErrInService, "ErrAge59Half": ErrAge59Half,
	"ErrExceedsBalance": ErrExceedsBalance, "ErrNoCash": ErrNoCash,
	"ErrNoSubaccount": ErrNoSubaccount, "ErrNoInPlanRoth": ErrNoInPlanRoth,
	"ErrNoRollIn": ErrNoRollIn, "ErrBasisRollIn": ErrBasisRollIn,
	"ErrAfterTaxToPlan": ErrAfterTaxToPlan, "ErrRollExceedsDist": ErrRollExceedsDist,
}

func TestScenarios(t *testing.T) {
	files, err := filepath.Glob("../testdata/scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c testCase
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) { runCase(t, &c) })
	}
}

func runCase(t *testing.T, c *testCase) {
	if c.Name == "" || c.Source == "" {
		t.Fatal("a case needs a name and a source")
	}
	t.Log(c.Name, "--", c.Source)
	raw, err := yaml.Marshal(&c.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(raw)
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	s, err := NewState(sc)
	if err != nil {
		t.Fatal(err)
	}
	moves := make([]Move, len(c.Moves))
	for i := range c.Moves {
		moves[i] = toMove(t, s, &c.Moves[i])
	}
	var l Ledger
	effects := make([]Effect, len(moves))
	runErr := Run(s, moves, &l, effects)
	wantErr := ""
	for i := range c.Moves {
		if e := c.Moves[i].Expect.Error; e != "" {
			wantErr = e
		}
	}
	if wantErr != "" {
		if runErr == nil || !errors.Is(runErr, sentinels[wantErr]) {
			t.Fatalf("error = %v, want %s", runErr, wantErr)
		}
		t.Log("refused as expected:", runErr)
		return
	}
	if runErr != nil {
		t.Fatal(runErr)
	}
	for i := range c.Moves {
		checkMove(t, i, &c.Moves[i], &effects[i])
	}
	for _, y := range c.Expect.Years {
		idx := y.Year - sc.StartYear
		if idx < 0 || idx >= len(l.Years) {
			t.Fatalf("year %d outside the run", y.Year)
		}
		checkYear(t, s, &y, &l.Years[idx])
	}
	check(t, "basis_left", c.Expect.BasisLeft, l.BasisLeft)
	check(t, "cash", c.Expect.Cash, s.Cash)
}

func toMove(t *testing.T, s *State, cm *caseMove) Move {
	k, ok := KindOf(cm.Action)
	if !ok {
		t.Fatalf("unknown action %q", cm.Action)
	}
	m := Move{Kind: k, Year: cm.Year, Amount: cm.Amount.v, Whole: cm.Whole,
		ExtraToRoth: cm.ExtraToRoth.v, AfterTaxToIRA: cm.AfterTaxToIRA,
		ToCash: cm.ToCash.v, Rollover: cm.Rollover.v, AfterTaxToRoth: cm.AfterTaxToRoth,
		FromSubaccount: cm.FromSubaccount}
	ref, ok := s.Lookup(cm.From)
	if !ok {
		t.Fatalf("unknown account %q", cm.From)
	}
	m.Person, m.Plan = ref.Person, ref.Plan
	if k == CashOut && ref.Plan < 0 {
		m.FromIRA = true
	}
	if cm.To != "" {
		to, ok := s.Lookup(cm.To)
		if !ok {
			t.Fatalf("unknown account %q", cm.To)
		}
		if k == IRARollIn {
			m.Plan = to.Plan
		} else if to.Plan >= 0 {
			m.ToPlan, m.Target = true, to.Plan
		}
	}
	return m
}

func check(t *testing.T, what string, want amount, got money.Cents) {
	t.Helper()
	if want.set && got != want.v {
		t.Errorf("%s = %s, want %s", what, got, want.v)
	}
}

func checkMove(t *testing.T, i int, cm *caseMove, e *Effect) {
	t.Helper()
	x := &cm.Expect
	p := func(f string) string { return "move " + strconv.Itoa(i) + " " + cm.Action + ": " + f }
	check(t, p("after_tax"), x.AfterTax, e.AfterTax)
	check(t, p("pretax"), x.Pretax, e.Pretax)
	check(t, p("taxable"), x.Taxable, e.Taxable)
	check(t, p("nontaxable"), x.Nontaxable, e.Nontaxable)
	check(t, p("withheld"), x.Withheld, e.Withheld)
	check(t, p("penalty_base"), x.PenaltyBase, e.PenaltyBase)
	check(t, p("cash_used"), x.CashUsed, e.CashUsed)
	check(t, p("converted"), x.Converted, e.Converted)
	for id, want := range x.To {
		var got money.Cents
		for _, d := range e.Destinations() {
			if d.Account == id || (id == "cash" && d.Kind == DestCash) {
				got += d.Amount
			}
		}
		check(t, p("to "+id), want, got)
	}
}

func checkYear(t *testing.T, s *State, y *caseYear, r *YearResult) {
	t.Helper()
	p := func(f string) string { return strconv.Itoa(y.Year) + " " + f }
	check(t, p("added_ordinary"), y.AddedOrdinary, r.AddedOrdinary)
	check(t, p("converted"), y.Converted, r.Converted)
	check(t, p("basis_to_roth"), y.BasisToRoth, r.BasisToRoth)
	check(t, p("withheld"), y.Withheld, r.Withheld)
	check(t, p("penalty_base"), y.PenaltyBase, r.PenaltyBase)
	check(t, p("cash_used"), y.CashUsed, r.CashUsed)
	check(t, p("designated_roth_rolled"), y.DesignatedRothRolled, r.DesignatedRothRolled)
	for id, lines := range y.Form8606 {
		i, ok := s.PersonIndex(id)
		if !ok {
			t.Fatalf("unknown person %q", id)
		}
		f := &r.Form8606[i]
		for line, want := range lines {
			got, ok := formLine(f, line)
			if !ok {
				t.Fatalf("unknown line %q", line)
			}
			if line != "line10" {
				w, err := money.Parse(want)
				if err != nil {
					t.Fatalf("%s: %v", line, err)
				}
				want = w.String()
			}
			if got != want {
				t.Errorf("%s %s %s = %s, want %s", p("form_8606"), id, line, got, want)
			}
		}
	}
}

func formLine(f *Form8606, line string) (string, bool) {
	v := map[string]money.Cents{
		"line1": f.Line1, "line2": f.Line2, "line3": f.Line3, "line5": f.Line5,
		"line6": f.Line6, "line7": f.Line7, "line8": f.Line8, "line9": f.Line9,
		"line11": f.Line11, "line12": f.Line12, "line13": f.Line13, "line14": f.Line14,
		"line15": f.Line15, "line16": f.Line16, "line17": f.Line17, "line18": f.Line18,
	}
	if line == "line10" {
		return f.Line10.String(), true
	}
	c, ok := v[line]
	return c.String(), ok
}
