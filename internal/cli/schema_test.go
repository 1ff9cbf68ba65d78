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
