package search

import (
	"context"
	"testing"
)

// BenchmarkSeed000FiveYears: the seed case over a 5-year horizon, one worker.
func BenchmarkSeed000FiveYears(b *testing.B) {
	sc := loadScenario(b, "../examples/seed000-split-rollover.yaml")
	sc.HorizonYears = 5
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Search(context.Background(), sc, Settings{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
