package bench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// memoryTarget is the most a run of optimize may hold on hostile input:
// peak resident memory of the whole process.
const memoryTarget = 200 << 20

// hostileFiles are inputs made to cost memory: at the 10 MiB the issue
// names (refused by size), and at the 1 MiB cap arranged for the largest
// YAML tree the structure cap lets through (about 50,000 structural
// characters spread over 1 MiB: long scalars in a flow list, in a block
// list, as the keys of a mapping, or deeply nested).
func hostileFiles(b *testing.B, dir string) map[string]string {
	b.Helper()
	fill := func(unit string, size int) string {
		return strings.Repeat(unit, size/len(unit))
	}
	long := strings.Repeat("x", 20)
	files := map[string]string{
		"list-10MiB.yaml":      "[" + fill("1,", 10<<20-3) + "1]",
		"block-10MiB.yaml":     fill("- 1\n", 10<<20),
		"flow-1MiB.yaml":       "[" + fill(long+",", 1<<20-len(long)-3) + long + "]",
		"block-1MiB.yaml":      fill("- "+long+"\n", 1<<20-10),
		"map-1MiB.yaml":        mappingOf(long, 1<<20-10),
		"nested-1MiB.yaml":     strings.Repeat("[", 20_000) + fill("x", 1<<20-40_010) + strings.Repeat("]", 20_000),
		"quoted-commas-1.yaml": `name: "` + fill(",", 1<<20-20) + `"`,
	}
	paths := map[string]string{}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		paths[name] = p
	}
	return paths
}

// mappingOf is a mapping of distinct long keys, size bytes.
func mappingOf(key string, size int) string {
	var sb strings.Builder
	for i := 0; sb.Len() < size-len(key)-16; i++ {
		fmt.Fprintf(&sb, "%s%d: 1\n", key, i)
	}
	return sb.String()
}

// buildBinary builds a command of the module for the benchmark.
func buildBinary(b *testing.B, pkg string) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), filepath.Base(pkg))
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		b.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// peakRSS runs optimize through peakrss (see bench/peakrss) and returns
// its peak resident memory in bytes and its exit status.
func peakRSS(b *testing.B, peakrss, bin string, args ...string) (int64, int) {
	b.Helper()
	cmd := exec.Command(peakrss, append([]string{bin}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		b.Fatal(err)
	}
	text := strings.TrimSpace(stderr.String())
	var rss int64
	if _, err := fmt.Sscanf(text[strings.LastIndexByte(text, '\n')+1:], "peakrss %d", &rss); err != nil {
		b.Fatalf("peakrss: %q", text)
	}
	return rss, code
}

// BenchmarkHostileMemory measures the peak resident memory of optimize on
// hostile inputs: validate and plan on each file, and rank over six of the
// 10 MiB lists and over six copies of each 1 MiB file, with the default
// workers and with the most (64). Each must stay under 200 MB. Run it with
//
//	go test -run '^$' -bench HostileMemory -benchtime 3x ./bench
func BenchmarkHostileMemory(b *testing.B) {
	bin, peakrss := buildBinary(b, "../cmd/optimize"), buildBinary(b, "./peakrss")
	dir := b.TempDir()
	files := hostileFiles(b, dir)
	// Six copies of each kind, for rank.
	sixOf := func(name string) []string {
		var out []string
		data, err := os.ReadFile(files[name])
		if err != nil {
			b.Fatal(err)
		}
		for i := range 6 {
			p := filepath.Join(dir, fmt.Sprintf("six-%s-%d.yaml", strings.TrimSuffix(name, ".yaml"), i))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				b.Fatal(err)
			}
			out = append(out, p)
		}
		return out
	}
	type run struct {
		name string
		args []string
	}
	var runs []run
	for _, n := range []string{"list-10MiB.yaml", "block-10MiB.yaml", "flow-1MiB.yaml", "block-1MiB.yaml", "map-1MiB.yaml", "nested-1MiB.yaml", "quoted-commas-1.yaml"} {
		if _, ok := files[n]; !ok {
			b.Fatalf("no %s", n)
		}
		six := sixOf(n)
		base := strings.TrimSuffix(n, ".yaml")
		runs = append(runs,
			run{"validate/" + base, []string{"validate", files[n]}},
			run{"plan/" + base, []string{"plan", files[n]}},
			run{"rank-six/" + base, append([]string{"rank", "-o", "json"}, six...)},
			run{"rank-six-64-workers/" + base, append([]string{"rank", "-o", "json", "--workers", "64"}, six...)},
		)
	}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			var peak int64
			for b.Loop() {
				rss, code := peakRSS(b, peakrss, bin, r.args...)
				if code != 2 && code != 1 { // every input is refused: bad input, or rows of it
					b.Fatalf("exit %d", code)
				}
				peak = max(peak, rss)
			}
			b.ReportMetric(float64(peak)/(1<<20), "MB-peak")
			if peak > memoryTarget {
				b.Errorf("peak %d MB, target under %d MB", peak>>20, memoryTarget>>20)
			}
		})
	}
}
