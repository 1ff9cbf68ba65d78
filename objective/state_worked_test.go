package objective

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// stateCase is one worked figure of testdata/states/<code>.yaml: a household
// in a state, its baseline income, the income a move adds, and the state's
// tax without and with it, worked by hand in the file's comments from the
// state's own rate schedule, forms and instructions.
type stateCase struct {
	Name     string            `yaml:"name"`
	Year     int               `yaml:"year"`
	Status   string            `yaml:"status"`
	Born     []string          `yaml:"born"` // birth dates (YYYY-MM-DD) or years
	Income   map[string]string `yaml:"income"`
	Added    string            `yaml:"added"`
	Without  string            `yaml:"without"`
	With     string            `yaml:"with"`
	Holders  []int             `yaml:"holders"` // who holds the IRA (default: the first person)
	Leaving  string            `yaml:"leaving"` // a part-year: the state left this year
	Override float64           `yaml:"override"`
}

type stateCaseFile struct {
	Cases []stateCase `yaml:"cases"`
}

// TestStateWorked runs every state's worked figures.
func TestStateWorked(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "states", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no worked state figures: %v", err)
	}
	for _, f := range files {
		code := strings.ToUpper(strings.TrimSuffix(filepath.Base(f), ".yaml"))
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cf stateCaseFile
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&cf); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(cf.Cases) == 0 {
			t.Errorf("%s: no cases", f)
		}
		for _, c := range cf.Cases {
			t.Run(code+"/"+c.Name, func(t *testing.T) {
				without, with := c.run(t, code)
				if want := money.MustParse(c.Without); without != want {
					t.Errorf("tax without the move %v, want %v", without, want)
				}
				if want := money.MustParse(c.With); with != want {
					t.Errorf("tax with the move %v, want %v", with, want)
				}
			})
		}
	}
}

// run returns the state's tax for the baseline and with the added income:
// the model's baseline figure and that figure plus YearCost's state cost.
func (c *stateCase) run(t *testing.T, code string) (without, with money.Cents) {
	t.Helper()
	sc := &scenario.Scenario{
		StartYear: c.Year, HorizonYears: 1, FilingStatus: scenario.FilingStatus(c.Status),
		Objective:   scenario.TotalTax,
		Assumptions: scenario.Assumptions{Inflation: 0.025, StateTaxRate: c.Override},
		Constraints: scenario.Constraints{IRMAA: scenario.IRMAAIgnore, RuleRegime: scenario.DefaultRuleRegime},
		Residence:   []scenario.Residence{{State: code}},
	}
	if c.Leaving != "" {
		sc.StartYear--
		sc.HorizonYears = 2
		sc.Residence = []scenario.Residence{{State: c.Leaving}, {State: code, FromYear: c.Year}}
	}
	holders := c.Holders
	if holders == nil {
		holders = []int{0}
	}
	for j, b := range c.Born {
		p := scenario.Person{ID: string(rune('a' + j))}
		if d, ok := scenario.ParseDate(b); ok {
			p.BirthDate = d
		} else {
			p.BirthYear = atoi(t, b)
		}
		for _, h := range holders {
			if h == j {
				p.Accounts = []scenario.Account{{ID: p.ID + "-ira", Kind: scenario.KindTraditionalIRA, Balance: money.Dollars(2000000)}}
			}
		}
		sc.People = append(sc.People, p)
	}
	in := scenario.IncomeYear{Year: sc.StartYear}
	for k, v := range c.Income {
		a := money.MustParse(v)
		switch k {
		case "wages":
			in.Wages = a
		case "other_ordinary":
			in.OtherOrdinary = a
		case "qualified_dividends":
			in.QualifiedDividends = a
		case "long_term_gains":
			in.LongTermGains = a
		case "social_security":
			in.SocialSecurity = a
		case "itemized_deductions":
			in.ItemizedDeductions = a
		default:
			t.Fatalf("unknown income %q", k)
		}
	}
	sc.Income = []scenario.IncomeYear{in}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, sc)
	i := c.Year - sc.StartYear
	y := &m.years[i]
	if y.states[0] == nil && c.Override == 0 {
		t.Fatal("no state modelled")
	}
	base := y.stateBC[0]
	if c.Leaving != "" || c.Override != 0 {
		base = 0 // these cases give the cost only: "without" is 0
	}
	cost := m.YearCost(i, money.MustParse(c.Added), 0).State
	return base, base + cost
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a year: %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}
