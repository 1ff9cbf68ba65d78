package scenario

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
)

// equal compares two scenarios ignoring where their fields stood in a file.
func equal(a, b *Scenario) bool {
	x, y := *a, *b
	x.lines, y.lines = nil, nil
	return reflect.DeepEqual(x, y)
}

func loadSeed(t *testing.T) *Scenario {
	t.Helper()
	s, err := Load(filepath.Join("testdata", "seed000.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSeed000(t *testing.T) {
	s := loadSeed(t)
	want := &Scenario{
		Name:         "seed-000 client, 2026",
		StartYear:    2026,
		HorizonYears: 1,
		FilingStatus: Single,
		People: []Person{{
			ID:                   "client",
			BirthDate:            Date{1963, 3, 14},
			SeparatedFromService: true,
			Accounts: []Account{
				{ID: "acme-401k", Kind: Kind401k, Pretax: money.Dollars(350000), AfterTaxContributions: money.Dollars(50000)},
				{ID: "ira", Kind: KindTraditionalIRA, Balance: money.Dollars(400000), Basis: money.Dollars(15000)},
			},
		}},
		Cash:        money.Dollars(100000),
		Income:      []IncomeYear{{Year: 2026}},
		Goal:        Goal{Convert: money.Dollars(200000)},
		Objective:   TotalTax,
		Assumptions: Assumptions{DiscountRate: 0.03, Inflation: 0.025},
		Constraints: Constraints{IRMAA: IRMAAIgnore, RuleRegime: "current"},
	}
	if !equal(s, want) {
		t.Errorf("seed000 parsed to\n%+v\nwant\n%+v", *s, *want)
	}
	if got := s.TotalConvertible(); got != money.Dollars(800000) {
		t.Errorf("TotalConvertible = %s, want 800000.00", got)
	}
	p := s.People[0]
	if !p.Reaches59HalfBy(2026) || p.Reaches59HalfBy(2021) || !p.Reaches59HalfBy(2022) {
		t.Error("born 1963-03-14 reaches 59½ on 2022-09-14")
	}
	if !s.People[0].Accounts[0].PlanSeparated(p) {
		t.Error("plan inherits the person's separation")
	}
	if l := s.line("people[0].accounts[1].basis"); l != 25 {
		t.Errorf("line of basis = %d, want 25", l)
	}
}

func TestDefaults(t *testing.T) {
	s, err := Parse([]byte(`
start_year: 2026
filing_status: single
people:
  - id: a
    birth_year: 1960
    accounts:
      - {id: ira, kind: traditional_ira, balance: 10}
goal: {convert: 5}
assumptions: {discount_rate: 0.01}
`))
	if err != nil {
		t.Fatal(err)
	}
	if s.HorizonYears != 1 || s.Objective != TotalTax || s.Assumptions.Inflation != 0.025 ||
		s.Constraints.IRMAA != IRMAAIgnore || s.Constraints.RuleRegime != "current" ||
		s.Constraints.MaxMarginalRate != nil || s.Income != nil {
		t.Errorf("defaults not applied: %+v", *s)
	}
	// An explicit zero is kept: presence, not value, decides.
	s, err = Parse([]byte("start_year: 2026\nfiling_status: single\npeople: [{id: a, birth_year: 1960}]\nassumptions: {inflation: 0}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Assumptions.Inflation != 0 {
		t.Errorf("inflation: 0 became %v", s.Assumptions.Inflation)
	}
}

func TestMoneyForms(t *testing.T) {
	for _, tc := range []struct {
		text string
		want money.Cents
	}{
		{`350000`, money.Dollars(350000)},
		{`"350000.00"`, money.Dollars(350000)},
		{`350000.5`, 35000050},
		{`'0.07'`, 7},
		{`"1.500"`, 150},
		{`0.1`, 10},
	} {
		s, err := Parse([]byte("start_year: 2026\nfiling_status: single\npeople: [{id: a, birth_year: 1960}]\ncash: " + tc.text + "\n"))
		if err != nil {
			t.Errorf("cash: %s: %v", tc.text, err)
			continue
		}
		if s.Cash != tc.want {
			t.Errorf("cash: %s = %s, want %s", tc.text, s.Cash, tc.want)
		}
	}
}

func TestJSONInput(t *testing.T) {
	s, err := Parse([]byte(`{"start_year": 2026, "filing_status": "single",
 "people": [{"id": "a", "birth_date": "1960-02-29", "accounts": [{"id": "ira", "kind": "traditional_ira", "balance": "100.25", "basis": 0}]}],
 "goal": {"convert": 100.25}, "constraints": {"max_marginal_rate": 0.24}}`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Goal.Convert != 10025 || *s.Constraints.MaxMarginalRate != 0.24 || s.People[0].BirthDate != (Date{1960, 2, 29}) {
		t.Errorf("JSON parsed to %+v", *s)
	}
}

func TestRoundTrip(t *testing.T) {
	s := loadSeed(t)
	r := 0.22
	yes := true
	s.Constraints.MaxMarginalRate = &r
	s.People[0].Accounts[0].SeparatedFromService = &yes
	s.People[0].Accounts[0].InServiceSources = []Source{SourceAfterTax, SourceRoth}
	s.People[0].Accounts = append(s.People[0].Accounts, Account{ID: "2019", Kind: KindRothIRA, Balance: 5, FirstContributionYear: 2019})
	s.Name = "true"
	for _, c := range []*Scenario{loadSeed(t), s} {
		b, err := Encode(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(b)
		if err != nil {
			t.Fatalf("Parse(Encode) = %v\n%s", err, b)
		}
		if !equal(c, back) {
			t.Errorf("round trip changed the scenario:\n%+v\n%+v\n%s", *c, *back, b)
		}
	}
}

func TestHelpers(t *testing.T) {
	born := func(y, m, d int) Person { return Person{BirthDate: Date{y, m, d}} }
	for _, tc := range []struct {
		name string
		p    Person
		year int
		age  int
		h59  bool
		is65 bool
	}{
		{"June 30: 59½ on Dec 30 of the 59th year", born(1966, 6, 30), 2025, 59, true, false},
		{"July 1: 59½ only next January", born(1966, 7, 1), 2025, 59, false, false},
		{"birth_year only: July 1 assumed", Person{BirthYear: 1966}, 2025, 59, false, false},
		{"birth_year only, next year", Person{BirthYear: 1966}, 2026, 60, true, false},
		{"Aug 31: Feb 28/29 is still the same year", born(1965, 8, 31), 2025, 60, true, false},
		{"65th birthday in the year", born(1961, 12, 31), 2026, 65, true, true},
		{"Jan 1 birthday: 65 the day before, in the prior year", born(1962, 1, 1), 2026, 64, true, true},
		{"Jan 2 birthday: not 65 until the 65th year", born(1962, 1, 2), 2026, 64, true, false},
		{"Jan 1 birthday, two years early", born(1963, 1, 1), 2026, 63, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.AgeAtEndOf(tc.year); got != tc.age {
				t.Errorf("AgeAtEndOf(%d) = %d, want %d", tc.year, got, tc.age)
			}
			if got := tc.p.Reaches59HalfBy(tc.year); got != tc.h59 {
				t.Errorf("Reaches59HalfBy(%d) = %v, want %v", tc.year, got, tc.h59)
			}
			if got := tc.p.Is65By(tc.year); got != tc.is65 {
				t.Errorf("Is65By(%d) = %v, want %v", tc.year, got, tc.is65)
			}
		})
	}
	if d := (Person{BirthYear: 1970}).BirthDateOrAssumed(); d != (Date{1970, 7, 1}) {
		t.Errorf("BirthDateOrAssumed = %v", d)
	}
}

func TestIncomeFor(t *testing.T) {
	s := &Scenario{Income: []IncomeYear{{Year: 2026, Wages: 1}, {Year: 2028, Wages: 3}}}
	for _, tc := range []struct{ year, wages int }{{2024, 1}, {2026, 1}, {2027, 1}, {2028, 3}, {2040, 3}} {
		got := s.IncomeFor(tc.year)
		if got.Wages != money.Cents(tc.wages) || got.Year != tc.year {
			t.Errorf("IncomeFor(%d) = %+v, want wages %d", tc.year, got, tc.wages)
		}
	}
	if got := (&Scenario{}).IncomeFor(2030); got != (IncomeYear{Year: 2030}) {
		t.Errorf("no income list: %+v", got)
	}
}

func TestAccountHelpers(t *testing.T) {
	no := false
	p := Person{SeparatedFromService: true}
	plan := Account{Kind: Kind403b, Pretax: 100, AfterTaxContributions: 20, AfterTaxEarnings: 3, Pre1987AfterTax: 4, DesignatedRoth: 1000}
	if plan.NonRothBalance() != 127 {
		t.Errorf("plan NonRothBalance = %s", plan.NonRothBalance())
	}
	if !plan.PlanSeparated(p) {
		t.Error("plan should inherit separation")
	}
	plan.SeparatedFromService = &no
	if plan.PlanSeparated(p) {
		t.Error("plan override ignored")
	}
	ira := Account{Kind: KindTraditionalIRA, Balance: 50, Basis: 10}
	roth := Account{Kind: KindRothIRA, Balance: 70}
	if ira.NonRothBalance() != 50 || roth.NonRothBalance() != 0 {
		t.Error("IRA NonRothBalance")
	}
	s := &Scenario{People: []Person{{Accounts: []Account{plan, ira, roth}}, {Accounts: []Account{ira}}}}
	if s.TotalConvertible() != 227 {
		t.Errorf("TotalConvertible = %s", s.TotalConvertible())
	}
}

func TestNotes(t *testing.T) {
	s := loadSeed(t)
	if n := s.Notes(); len(n) != 0 {
		t.Errorf("seed notes: %q", n)
	}
	s.People[0].Accounts = append(s.People[0].Accounts, Account{ID: "sep", Kind: KindTraditionalIRA})
	if n := s.Notes(); len(n) != 1 || !strings.Contains(n[0], "aggregated") {
		t.Errorf("notes: %q", n)
	}
}

// TestBadInputs runs the catalogue testdata/bad/*.yaml (in the module root):
// each file's first line is "# want: <exact error message>".
func TestBadInputs(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "bad", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("only %d bad-input cases found", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			first, _ := bufio.NewReader(bytes.NewReader(data)).ReadString('\n')
			want, ok := strings.CutPrefix(strings.TrimRight(first, "\r\n"), "# want: ")
			if !ok {
				t.Fatalf("first line %q does not start with \"# want: \"", first)
			}
			_, err = Parse(data)
			if err == nil {
				t.Fatalf("Parse accepted it; want %q", want)
			}
			if err.Error() != want {
				t.Errorf("error\n got: %s\nwant: %s", err, want)
			}
		})
	}
}

// TestHugeFile checks that Load refuses a 100 MB file without reading it all.
// The file is sparse, so the test writes almost nothing to disk.
func TestHugeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := Load(path); !errors.Is(err, ErrTooLarge) || err.Error() != "scenario: file larger than 1 MiB" {
		t.Errorf("Load(100 MB) = %v", err)
	}
	if _, err := Parse(make([]byte, MaxFileSize+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Parse(1 MiB + 1) = %v", err)
	}
}

func TestStructuralErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		is             error
	}{
		{"empty", "", "scenario: empty document", ErrEmpty},
		{"comments only", "# nothing\n", "scenario: empty document", ErrEmpty},
		{"null", "~\n", "scenario: empty document", ErrEmpty},
		{"two documents", "start_year: 2026\n---\nstart_year: 2027\n", "scenario: more than one YAML document (remove the extra ---)", ErrMultipleDocs},
		{"list at top", "- 1\n", "scenario: the document must be a mapping of keys such as start_year, people, goal", ErrNotMapping},
		{"duplicate key", "start_year: 2026\nstart_year: 2027\n", "line 2: start_year: key listed twice (first on line 1)", ErrDuplicateKey},
		{"merge key", "goal: &g {convert: 1}\nconstraints:\n  <<: *g\n", "line 3: constraints.<<: unknown key", ErrUnknownKey},
		{"alias", "start_year: &y 2026\nhorizon_years: *y\n", "line 2: horizon_years: YAML anchors and aliases are not supported; write the value out", ErrAlias},
		{"tab indent", "start_year: 2026\n\tx: 1\n", "scenario: malformed YAML: line 2: found a tab character that violates indentation", ErrMalformedYAML},
		{"fraction for cents", "cash: 1.234\n", "line 1: cash: amount 1.234 has more than two decimal places (cents)", money.ErrPrecision},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v\nwant %s", err, tc.want)
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("%v is not %v", err, tc.is)
			}
		})
	}
}

func TestFieldErrorType(t *testing.T) {
	_, err := Parse([]byte("start_year: 2026\nfiling_status: single\npeople:\n  - id: a\n    birth_year: 1960\n    accounts:\n      - id: ira\n        kind: traditional_ira\n        balance: 10\n        basis: 20\n"))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path != "people[0].accounts[0].basis" || fe.Line != 10 {
		t.Fatalf("got %#v", err)
	}
	// A scenario built in code has no lines.
	s := &Scenario{StartYear: 2026, HorizonYears: 1, FilingStatus: Single, Objective: TotalTax,
		People:      []Person{{ID: "a", BirthYear: 1960}},
		Constraints: Constraints{IRMAA: IRMAAIgnore, RuleRegime: "current"}, Cash: -1}
	if err := s.Validate(); err == nil || err.Error() != "cash: negative amount -0.01" {
		t.Errorf("Validate = %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"1963-03-14", true}, {"2000-02-29", true}, {"1900-02-29", false}, {"1964-02-29", true},
		{"1963-02-30", false}, {"1963-13-01", false}, {"1963-3-14", false}, {"0000-01-01", false},
		{"1963-03-14T00:00:00Z", false}, {"", false},
	} {
		if _, ok := ParseDate(tc.in); ok != tc.ok {
			t.Errorf("ParseDate(%q) ok = %v, want %v", tc.in, ok, tc.ok)
		}
	}
	if d, _ := ParseDate("1963-03-14"); d.String() != "1963-03-14" {
		t.Errorf("String = %s", d)
	}
}
