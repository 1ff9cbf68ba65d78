package cli

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/rothpath/optimize/scenario"
)

func TestSchemaIsDraft202012AndClosed(t *testing.T) {
	code, out, _ := runCLI(t, "", "schema")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", s["$schema"])
	}
	// Every object with properties rejects unknown keys.
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["properties"]; ok && v["additionalProperties"] != false {
				t.Errorf("%s: additionalProperties must be false", path)
			}
			for k, x := range v {
				walk(path+"/"+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"/[]", x)
			}
		}
	}
	walk("#", s)

	// The properties are exactly the yaml keys of the scenario types.
	defs := s["$defs"].(map[string]any)
	props := func(v any) []string {
		var keys []string
		for k := range v.(map[string]any)["properties"].(map[string]any) {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return keys
	}
	for _, tc := range []struct {
		name string
		typ  reflect.Type
		node any
	}{
		{"scenario", reflect.TypeFor[scenario.Scenario](), s},
		{"person", reflect.TypeFor[scenario.Person](), defs["person"]},
		{"account", reflect.TypeFor[scenario.Account](), defs["account"]},
		{"income_year", reflect.TypeFor[scenario.IncomeYear](), defs["income_year"]},
		{"residence", reflect.TypeFor[scenario.Residence](), defs["residence"]},
		{"assumptions", reflect.TypeFor[scenario.Assumptions](), s["properties"].(map[string]any)["assumptions"]},
		{"constraints", reflect.TypeFor[scenario.Constraints](), s["properties"].(map[string]any)["constraints"]},
		{"goal", reflect.TypeFor[scenario.Goal](), s["properties"].(map[string]any)["goal"]},
	} {
		var want []string
		for i := range tc.typ.NumField() {
			if tag := tc.typ.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
				want = append(want, strings.Split(tag, ",")[0])
			}
		}
		sort.Strings(want)
		if got := props(tc.node); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: schema has %v, the type has %v", tc.name, got, want)
		}
	}
}

// Every property of the schema, at every level, says what it means.
func TestSchemaDescribesEveryField(t *testing.T) {
	var s map[string]any
	if err := json.Unmarshal(scenarioSchema, &s); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		if props, ok := m["properties"].(map[string]any); ok {
			for k, p := range props {
				n++
				if d, _ := p.(map[string]any)["description"].(string); len(d) < 10 {
					t.Errorf("%s.%s has no description", path, k)
				}
				walk(path+"."+k, p)
			}
		}
		if defs, ok := m["$defs"].(map[string]any); ok {
			for k, d := range defs {
				walk("$defs."+k, d)
			}
		}
	}
	walk("#", s)
	if n < 40 {
		t.Errorf("walked %d properties; the walk is broken", n)
	}
}

// The schema's ranges are the scenario's supported ranges (scenario
// /limits.go states them; this keeps the hand-written schema in step).
func TestSchemaRangesAreTheSupportedRanges(t *testing.T) {
	var s map[string]any
	if err := json.Unmarshal(scenarioSchema, &s); err != nil {
		t.Fatal(err)
	}
	at := func(path ...string) map[string]any {
		v := any(s)
		for _, p := range path {
			v = v.(map[string]any)[p]
		}
		return v.(map[string]any)
	}
	num := func(m map[string]any, k string) float64 {
		v, ok := m[k].(float64)
		if !ok {
			t.Errorf("%v has no %s", m, k)
		}
		return v
	}
	for _, tc := range []struct {
		node     map[string]any
		min, max float64
	}{
		{at("properties", "start_year"), scenario.FirstTaxYear, scenario.MaxYear},
		{at("properties", "horizon_years"), 1, scenario.MaxHorizon},
		{at("$defs", "year"), scenario.MinYear, scenario.MaxYear},
		{at("$defs", "person", "properties", "birth_year"), scenario.MinBirthYear, scenario.MaxYear},
		{at("properties", "assumptions", "properties", "discount_rate"), scenario.MinDiscountRate, scenario.MaxDiscountRate},
		{at("properties", "assumptions", "properties", "growth_rate"), scenario.MinGrowthRate, scenario.MaxGrowthRate},
		{at("properties", "assumptions", "properties", "inflation"), scenario.MinInflation, scenario.MaxInflation},
		{at("properties", "assumptions", "properties", "state_tax_rate"), scenario.MinStateTaxRate, scenario.MaxStateTaxRate},
		{at("$defs", "money")["oneOf"].([]any)[0].(map[string]any), 0, float64(scenario.MaxAmount) / 100},
	} {
		if lo, hi := num(tc.node, "minimum"), num(tc.node, "maximum"); lo != tc.min || hi != tc.max {
			t.Errorf("%v: %v..%v, want %v..%v", tc.node, lo, hi, tc.min, tc.max)
		}
	}
	if n := num(at("$defs", "person", "properties", "accounts"), "maxItems"); n != scenario.MaxAccounts {
		t.Errorf("accounts maxItems %v, want %d", n, scenario.MaxAccounts)
	}
}
