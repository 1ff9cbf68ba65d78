package web

import (
	"encoding/json"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/scenario"
)

// inputError is a scenario that does not parse or validate, said as the CLI
// says it: the field's path, its line when the text has lines, the message.
type inputError struct {
	Valid bool   `json:"valid"`
	Error string `json:"error,omitempty"`
	Field string `json:"field,omitempty"`
	Line  int    `json:"line,omitempty"`
}

// parseScenario reads a scenario from YAML or JSON text with the CLI's
// parser and validator.
func parseScenario(data []byte) (*scenario.Scenario, *inputError) {
	sc, err := scenario.Parse(data)
	if err == nil {
		return sc, nil
	}
	out := &inputError{Error: err.Error()}
	var fe *scenario.FieldError
	if errors.As(err, &fe) {
		out.Field, out.Line = fe.Path, fe.Line
	}
	return nil, out
}

// formJSON turns a scenario into the JSON the form is filled from: the
// scenario format's keys, every key written (scenario.Encode), money as
// decimal strings.
func formJSON(sc *scenario.Scenario) ([]byte, error) {
	y, err := scenario.Encode(sc)
	if err != nil {
		return nil, err
	}
	var v any
	if err := yaml.Unmarshal(y, &v); err != nil {
		return nil, fmt.Errorf("web: reading the encoded scenario: %w", err)
	}
	return json.Marshal(jsonable(v))
}

// jsonable turns the maps yaml decodes into ones encoding/json takes, and
// dates into their YYYY-MM-DD text.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = jsonable(x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = jsonable(x)
		}
		return v
	case interface{ Format(string) string }:
		return v.Format("2006-01-02")
	}
	return v
}
