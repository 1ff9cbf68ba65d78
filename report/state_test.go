package report

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// movingScenario is a single 62-year-old in California who moves to Texas
// during 2028.
func movingScenario(t *testing.T) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Parse([]byte(`
start_year: 2026
horizon_years: 4
filing_status: single
people:
  - id: client
    birth_year: 1964
    accounts:
      - {id: ira, kind: traditional_ira, balance: 400000}
income:
  - {year: 2026, other_ordinary: 40000}
residence:
  - state: CA
  - {state: TX, from_year: 2028}
goal:
  convert: 200000
`))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestStateFigures(t *testing.T) {
	st, err := StateFigures(movingScenario(t))
	if err != nil || st == nil {
		t.Fatalf("%v %v", st, err)
	}
	want := "Residence: California 2026–2027; 2028, the year of the move from California to Texas (a part-year: the added income is taxed as if received while resident in whichever of the two taxes it more); Texas 2029."
	if got := st.residenceText(); got != want {
		t.Errorf("residence:\n got %s\nwant %s", got, want)
	}
	notes := strings.Join(st.notes(), "\n")
	if !strings.Contains(notes, "Texas has no individual income tax.") || !strings.Contains(notes, "California: retirement income:") {
		t.Errorf("notes:\n%s", notes)
	}
	// In 2029 (Texas) a conversion costs no state tax; in 2026 California
	// taxes it.
	if _, s, ok := st.cost(2029, money.Dollars(50000)); !ok || s != 0 {
		t.Errorf("2029 state cost %v %v", s, ok)
	}
	if _, s, ok := st.cost(2026, money.Dollars(50000)); !ok || s <= 0 {
		t.Errorf("2026 state cost %v %v", s, ok)
	}
	if _, _, ok := st.cost(2031, 1); ok {
		t.Error("a year outside the horizon has a cost")
	}
	sc := movingScenario(t)
	sc.Assumptions.StateTaxRate = 0.05
	if st, err := StateFigures(sc); st != nil || err != nil {
		t.Errorf("flat rate override: %v %v", st, err)
	}
}

// TestGoldenPlanState renders the fixture strategy for a household that
// moves from California to Texas: the state section, the federal and state
// parts of each year's added tax. It is a test of layout: the fixture's
// strategy and household (whose explanations are federal only: it has no
// residence) are not the moving household's; the CLI's goldens of
// examples/move-california-to-texas.yaml hold a real plan's state figures.
func TestGoldenPlanState(t *testing.T) {
	in := fixtureInput()
	st, err := StateFigures(movingScenario(t))
	if err != nil {
		t.Fatal(err)
	}
	in.State = st
	for _, tc := range []struct {
		format Format
		file   string
	}{
		{Table, "plan-state.txt"}, {JSON, "plan-state.json"}, {Markdown, "plan-state.md"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.format, in); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.file, b.Bytes())
		})
	}
}

// movingInput is the report of the moving household, as plan and optimize
// serve build it.
func movingInput(t *testing.T) Input {
	t.Helper()
	sc := movingScenario(t)
	res, err := search.Search(context.Background(), sc, search.Settings{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Strategies) == 0 {
		t.Fatalf("no strategy: %+v", res)
	}
	return InputFor(sc, res)
}

// The client report shows the state income tax where the plan report does:
// the assumption, the federal and state parts of each year (which add up to
// the year's added tax), the state section and its disclosure; the JSON
// carries the same parts, and the next $1,000 bears state tax in California
// and none in Texas.
func TestClientReportShowsStateTax(t *testing.T) {
	in := movingInput(t)
	if in.State == nil {
		t.Fatal("InputFor gave no state income tax for a residence")
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, in, nil); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"State income tax: each state&#39;s own, by residence: CA from 2026; TX from 2028 (the year of the move a part-year in both states)",
		`<th class="num">Added tax</th><th class="num">Federal</th><th class="num">State</th>`,
		"<h2>State income tax</h2>",
		"Texas has no individual income tax.",
		"State income tax follows each state&#39;s own forms",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the client report lacks %q", want)
		}
	}
	b.Reset()
	if err := WriteJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	var res struct {
		Strategies []struct {
			Years []struct {
				Year       int
				AddedTax   string                 `json:"added_tax"`
				FederalTax string                 `json:"federal_tax"`
				StateTax   string                 `json:"state_tax"`
				Next       struct{ State string } `json:"next_1000"`
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	for _, y := range res.Strategies[0].Years {
		added, fed, st := money.MustParse(y.AddedTax), money.MustParse(y.FederalTax), money.MustParse(y.StateTax)
		if fed+st != added {
			t.Errorf("%d: federal %s + state %s != added tax %s", y.Year, fed, st, added)
		}
		if ca := y.Year <= 2028; ca == (y.Next.State == "0.00") { // 2028: the move, taxed as in California
			t.Errorf("%d: the next $1,000 bears %s of state tax", y.Year, y.Next.State)
		}
	}
}

// In every state and DC a plan's report holds together: each year's federal
// and state parts add up to its added tax, and a year said to stop at a
// state threshold stops within two dollars below a point where the state
// tax on the next dollar rises or steps up (the cost of $100 more after it
// exceeds the cost of the $100 before it in state tax).
func TestEveryStateReportAddsUp(t *testing.T) {
	stateStops := 0
	for _, code := range scenario.StateCodes {
		t.Run(code, func(t *testing.T) {
			sc, err := scenario.Parse([]byte(`
start_year: 2026
horizon_years: 3
filing_status: married_joint
people:
  - {id: a, birth_year: 1961, separated_from_service: true, accounts: [{id: ira, kind: traditional_ira, balance: 500000, basis: 20000}]}
  - {id: b, birth_year: 1963, accounts: []}
income:
  - {year: 2026, other_ordinary: 60000, social_security: 30000, qualified_dividends: 8000}
residence:
  - state: ` + code + `
goal:
  convert: 240000
`))
			if err != nil {
				t.Fatal(err)
			}
			res, err := search.Search(context.Background(), sc, search.Settings{Workers: 1, Top: 1})
			if err != nil || len(res.Strategies) == 0 {
				t.Fatalf("%v %+v", err, res)
			}
			in := InputFor(sc, res)
			var b bytes.Buffer
			if err := WriteHTML(&b, in, nil); err != nil || !strings.Contains(b.String(), "<h2>State income tax</h2>") {
				t.Fatalf("html: %v", err)
			}
			e := newExplainer(in)
			s := &res.Strategies[0]
			for _, y := range e.explain(s, sc.Goal.Convert) {
				i := y.Year - sc.StartYear
				var added money.Cents
				for _, sy := range s.Years {
					if sy.Year == y.Year {
						fed, st, ok := in.State.cost(y.Year, sy.AddedTaxable)
						if !ok || fed+st != sy.AddedTax {
							t.Errorf("%d: federal %s + state %s != added tax %s", y.Year, fed, st, sy.AddedTax)
						}
						added = sy.AddedTaxable
					}
				}
				for _, stop := range y.Stops {
					if stop.Kind != StopThreshold || stop.Threshold.Kind != objective.StateRise {
						continue
					}
					stateStops++
					at := stop.Threshold.Added
					if d := at - added; d < 0 || d >= atThreshold {
						t.Errorf("%d: stops at %s, %s from the state threshold at %s", y.Year, added, d, at)
					}
					before, after := e.model.NextCost(i, at-money.Dollars(100), money.Dollars(100)), e.model.NextCost(i, at, money.Dollars(100))
					if after.State <= before.State {
						t.Errorf("%d: no rise of the state tax at %s: %s then %s", y.Year, at, before.State, after.State)
					}
				}
			}
		})
	}
	t.Logf("%d years stop at a state threshold", stateStops)
	if stateStops == 0 {
		t.Error("no year stops at a state threshold: the check above checked nothing")
	}
}
