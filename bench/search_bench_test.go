package bench

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// BenchmarkSeed000FiveYears is the single-household target: under 5 ms/op
// on one core (run with -cpu 1).
func BenchmarkSeed000FiveYears(b *testing.B) {
	sc, err := Seed000FiveYears("..")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := search.Search(ctx, sc, search.Settings{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// batchSize and batchWorkers: the batch target is 10,000 realistic
// households in under 20 s on two cores (run with -cpu 2 -benchtime 1x).
const (
	batchSize    = 10_000
	batchWorkers = 2
)

// BenchmarkGenerated10k searches the batch as rank does: a pool of workers,
// each running single-worker searches. One op is the whole batch.
func BenchmarkGenerated10k(b *testing.B) {
	hs := make([]*scenario.Scenario, batchSize)
	for i := range hs {
		hs[i] = Generate(uint64(i), RealisticShape)
	}
	var slowest time.Duration
	for b.Loop() {
		s, err := searchBatch(hs, batchWorkers)
		if err != nil {
			b.Fatal(err)
		}
		slowest = max(slowest, s)
	}
	b.ReportMetric(float64(batchSize*b.N)/b.Elapsed().Seconds(), "households/s")
	b.ReportMetric(float64(slowest)/1e6, "slowest-ms")
}

// searchBatch searches every household with workers goroutines and returns
// the slowest single search (the tail decides the batch's length).
func searchBatch(hs []*scenario.Scenario, workers int) (time.Duration, error) {
	ctx := context.Background()
	next := make(chan *scenario.Scenario)
	var (
		mu      sync.Mutex
		slowest time.Duration
		first   error
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sc := range next {
				start := time.Now()
				_, err := search.Search(ctx, sc, search.Settings{Top: 1, Workers: 1})
				took := time.Since(start)
				mu.Lock()
				slowest = max(slowest, took)
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	for _, sc := range hs {
		next <- sc
	}
	close(next)
	wg.Wait()
	return slowest, first
}

