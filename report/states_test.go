package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestStatesTable holds docs/states.md to what the parameter data generates
// (go test ./report -run TestStatesTable -update rewrites it).
func TestStatesTable(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatesTable(&b, 2025, 0.025); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "states.md")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run TestStatesTable -update)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("docs/states.md is out of date with the parameter data: run go test ./report -run TestStatesTable -update")
	}
}
