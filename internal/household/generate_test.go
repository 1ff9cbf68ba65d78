package household

import "testing"

func TestGenerateValid(t *testing.T) {
	for n := uint64(0); n < 300; n++ {
		for _, sh := range []Shape{{Tiny: true, MaxDims: 2}, {Plans: -1, Couples: true}} {
			sc := Generate(n, sh)
			if err := sc.Validate(); err != nil {
				t.Fatal(err)
			}
		}
	}
}
