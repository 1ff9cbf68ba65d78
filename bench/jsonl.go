package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/scenario"
)

// WriteJSONLines writes households 0..n-1 of the shape as JSON Lines, one
// scenario per line, for `optimize rank -`.
func WriteJSONLines(w io.Writer, n uint64, sh Shape) error {
	bw := bufio.NewWriter(w)
	for i := range n {
		line, err := ScenarioJSON(Generate(i, sh))
		if err != nil {
			return err
		}
		bw.Write(line)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ScenarioJSON is scenario.Encode's canonical YAML as one line of JSON: the
// spec's keys in the spec's order, money kept as the quoted decimal strings
// Encode writes ("350000.00"), so nothing passes through float64.
func ScenarioJSON(sc *scenario.Scenario) ([]byte, error) {
	y, err := scenario.Encode(sc)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(y, &doc); err != nil {
		return nil, fmt.Errorf("bench: re-reading encoded scenario: %w", err)
	}
	var b bytes.Buffer
	if err := writeJSON(&b, &doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeJSON writes a YAML node tree as compact JSON, keeping key order
// (encoding/json would sort a map's keys).
func writeJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return fmt.Errorf("bench: encoded scenario has %d documents", len(n.Content))
		}
		return writeJSON(b, n.Content[0])
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, n.Content[i].Value)
			b.WriteByte(':')
			if err := writeJSON(b, n.Content[i+1]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeJSON(b, c); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float", "!!bool", "!!null":
			b.WriteString(n.Value) // Encode writes these in forms JSON shares
		default: // strings, and dates, which the parser reads from strings
			writeString(b, n.Value)
		}
	default:
		return fmt.Errorf("bench: unexpected YAML node kind %v in an encoded scenario", n.Kind)
	}
	return nil
}

func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s) // a string always marshals
	b.Write(q)
}
