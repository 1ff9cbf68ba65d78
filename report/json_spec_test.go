package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// specExample returns the JSON example of the result section of
// docs/scenario.md.
func specExample(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join("..", "docs", "scenario.md")
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(md), "## The result")
	if !ok {
		t.Fatal("spec has no Result section")
	}
	_, after, ok = strings.Cut(after, "```json\n")
	if !ok {
		t.Fatal("spec Result section has no json block")
	}
	block, _, _ := strings.Cut(after, "```")
	return []byte(block)
}

// keyPaths lists every object key as a path ("strategies[].steps[].to[].account"),
// in document order, once each.
func keyPaths(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []string
	seen := map[string]bool{}
	var walk func(prefix string) error
	walk = func(prefix string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				p := strings.TrimPrefix(prefix+"."+k.(string), ".")
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
				if err := walk(p); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for dec.More() {
				if err := walk(prefix + "[]"); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	if err := walk(""); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJSONMatchesSpecFieldNamesAndOrder(t *testing.T) {
	spec := keyPaths(t, specExample(t))
	var b bytes.Buffer
	if err := WriteJSON(&b, fixtureInput()); err != nil {
		t.Fatal(err)
	}
	got := keyPaths(t, b.Bytes())
	// Every key of the spec appears, in the spec's relative order.
	pos := map[string]int{}
	for i, p := range got {
		pos[p] = i
	}
	last := -1
	for _, p := range spec {
		i, ok := pos[p]
		if !ok {
			t.Errorf("key %s of the spec is missing", p)
			continue
		}
		if i < last {
			t.Errorf("key %s is out of the spec's order", p)
		}
		last = i
	}
	// Extra keys only where the writer documents them.
	allowed := regexp.MustCompile(`^(status|stats.*|obvious.*|saving|max_reachable|reason|strategies\[\]\.steps\[\]\.cash_used|strategies\[\]\.years\[\]\.form_8606_by_person.*|summary|(strategies\[\]|obvious)\.years\[\]\.(stops|why|next_1000.*))$`)
	specSet := map[string]bool{}
	for _, p := range spec {
		specSet[p] = true
	}
	for _, p := range got {
		if !specSet[p] && !allowed.MatchString(p) {
			t.Errorf("key %s is not in the spec", p)
		}
	}
}

func TestJSONMoneyAndRates(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, fixtureInput()); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	var doc any
	dec := json.NewDecoder(&b)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	money := regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)
	ratio := regexp.MustCompile(`^[01]\.[0-9]{5}$`)
	notMoney := map[string]bool{"summary": true, "stops": true, "why": true, "scenario": true, "status": true, "action": true, "from": true, "account": true, "rule": true, "text": true, "reason": true, "person": true}
	var check func(key string, v any, path string)
	check = func(key string, v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				check(k, x, path+"."+k)
			}
		case []any:
			for i, x := range v {
				check(key, x, fmt.Sprintf("%s[%d]", path, i))
			}
		case string:
			switch {
			case key == "line10":
				if !ratio.MatchString(v) {
					t.Errorf("%s = %q: want five decimals", path, v)
				}
			case key == "requires" || key == "warnings" || notMoney[key]:
			default:
				if !money.MatchString(v) {
					t.Errorf("%s = %q: money must be a string with exactly two decimals", path, v)
				}
			}
		case json.Number:
			if key != "rank" && key != "year" && key != "order" && key != "marginal_rate" &&
				key != "rate" && key != "structures" && key != "pruned" && key != "evaluations" && key != "elapsed_ms" {
				t.Errorf("%s = %s: only ranks, years, orders, counts and rates are numbers", path, v)
			}
		}
	}
	check("", doc, "$")
	if !strings.Contains(text, `"marginal_rate": 0.24`) {
		t.Error("marginal_rate must be a number")
	}
}
