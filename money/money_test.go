package money

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want Cents
		err  error
	}{
		{"350000", 35000000, nil},
		{"350000.00", 35000000, nil},
		{"0.5", 50, nil},
		{".25", 25, nil},
		{"-12.34", -1234, nil},
		{"+7", 700, nil},
		{"1.500", 150, nil},
		{"1.005", 0, ErrPrecision},
		{"1e5", 0, ErrExponent},
		{"1,000", 0, ErrSyntax},
		{"", 0, ErrSyntax},
		{"12.", 0, ErrSyntax},
		{"abc", 0, ErrSyntax},
		{"NaN", 0, ErrNotANumber},
		{"100000000001", 0, ErrRange},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if err != c.err || (err == nil && got != c.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestFormat(t *testing.T) {
	if s := Cents(2401400).String(); s != "24014.00" {
		t.Errorf("String = %q", s)
	}
	if s := Cents(-5).String(); s != "-0.05" {
		t.Errorf("String = %q", s)
	}
	if s := Cents(35000000).Grouped(); s != "$350,000.00" {
		t.Errorf("Grouped = %q", s)
	}
	if s := Cents(-123456789).Grouped(); s != "-$1,234,567.89" {
		t.Errorf("Grouped = %q", s)
	}
}

// Notice 2014-54 worked numbers as quoted in seed 001, example 2: $50,000 from
// a $90,000 subaccount holding $50,000 of contributions is $27,777.78 after-tax.
func TestProRataSubaccount(t *testing.T) {
	got := ProRata(Dollars(50000), Dollars(50000), Dollars(90000))
	if got != 2777778 {
		t.Fatalf("after-tax part = %v, want 27777.78", got)
	}
	// Seed 001 example 1: $50,000 of a $250,000 plan with $50,000 after-tax.
	if got := ProRata(Dollars(50000), Dollars(50000), Dollars(250000)); got != Dollars(10000) {
		t.Fatalf("after-tax part = %v, want 10000.00", got)
	}
}

// Form 8606 line 10 examples from rules.md: 15,000 / 400,000 = 0.0375;
// 15,000 / 750,000 = 0.02; Pub 590-B "Bill King" 2,000 / 2,400 = .83333.
func TestRatioOf(t *testing.T) {
	cases := []struct {
		part, whole Cents
		want        string
	}{
		{Dollars(15000), Dollars(400000), "0.03750"},
		{Dollars(15000), Dollars(750000), "0.02000"},
		{Dollars(2000), Dollars(2400), "0.83333"},
		{Dollars(7000), Dollars(7000), "1.00000"},
		{Dollars(8000), Dollars(7000), "1.00000"},
		{0, Dollars(7000), "0.00000"},
		{Dollars(2), Dollars(3), "0.66667"},
	}
	for _, c := range cases {
		if got := RatioOf(c.part, c.whole).String(); got != c.want {
			t.Errorf("RatioOf(%v, %v) = %s, want %s", c.part, c.whole, got, c.want)
		}
	}
	if got := RatioOf(Dollars(15000), Dollars(400000)).Apply(Dollars(150000)); got != Dollars(5625) {
		t.Errorf("line 11 = %v, want 5625.00", got)
	}
}

func TestMulDivRounding(t *testing.T) {
	cases := []struct{ a, n, d, want int64 }{
		{5, 1, 2, 3}, {-5, 1, 2, -3}, {4, 1, 3, 1}, {5, 1, 3, 2}, {7, 1, 7, 1},
		{1 << 62, 3, 4, 3 << 60},
	}
	for _, c := range cases {
		if got := mulDivHalfUp(c.a, c.n, c.d); got != c.want {
			t.Errorf("mulDivHalfUp(%d,%d,%d) = %d, want %d", c.a, c.n, c.d, got, c.want)
		}
	}
}

func TestMulDivCeil(t *testing.T) {
	cases := []struct{ a, n, d, want int64 }{
		{5, 1, 2, 3}, {4, 1, 2, 2}, {0, 7, 3, 0}, {1, 5, 1_000_000, 1}, {1_000_000, 5, 1_000_000, 5},
		{int64(MaxAmount), 5, 1_000_000, int64(MaxAmount) / 200_000},
	}
	for _, c := range cases {
		if got := MulDivCeil(Cents(c.a), c.n, c.d); got != Cents(c.want) {
			t.Errorf("MulDivCeil(%d,%d,%d) = %d, want %d", c.a, c.n, c.d, got, c.want)
		}
	}
}

// FuzzProRata holds the 128-bit arithmetic against shopspring/decimal.
func FuzzProRata(f *testing.F) {
	f.Add(int64(5000000), int64(5000000), int64(9000000))
	f.Add(int64(1), int64(1), int64(2))
	f.Add(int64(MaxAmount), int64(MaxAmount-1), int64(MaxAmount))
	f.Fuzz(func(t *testing.T, amount, part, whole int64) {
		amount, part, whole = clamp(amount), clamp(part), clamp(whole)
		if whole == 0 || part > whole {
			return
		}
		got := ProRata(Cents(amount), Cents(part), Cents(whole))
		exact := decimal.NewFromInt(amount).Mul(decimal.NewFromInt(part)).
			DivRound(decimal.NewFromInt(whole), 8)
		want := exact.Round(0) // decimal rounds half away from zero
		if !want.Equal(decimal.NewFromInt(int64(got))) {
			t.Fatalf("ProRata(%d,%d,%d) = %d, decimal says %s", amount, part, whole, got, exact)
		}
		if got > Cents(amount) {
			t.Fatalf("pro-rata share %d above amount %d", got, amount)
		}
	})
}

// FuzzParse: whatever Parse accepts formats back to the same decimal value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "350000.00", "-1.5", "1e3", ".5", "12.345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		d, derr := decimal.NewFromString(strings.TrimSpace(s)) // Parse trims surrounding space
		if derr != nil {
			t.Fatalf("Parse accepted %q that decimal rejects: %v", s, derr)
		}
		if !d.Equal(c.Decimal()) {
			t.Fatalf("Parse(%q) = %s, decimal says %s", s, c, d)
		}
		back, err := Parse(c.String())
		if err != nil || back != c {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
	})
}

func clamp(v int64) int64 {
	if v < 0 {
		v = -(v + 1)
	}
	return v % (int64(MaxAmount) + 1)
}
