package rules

import "github.com/rothpath/optimize/scenario"

// birth returns the birth year and month; with only birth_year given, July 1
// is assumed (shared/spec/scenario.md).
func birth(p *scenario.Person) (year, month int) {
	if !p.BirthDate.IsZero() {
		return p.BirthDate.Year, p.BirthDate.Month
	}
	return p.BirthYear, 7
}

// reaches59HalfBy reports whether a person born in (year, month) is 59½ on or
// before December 31 of y. Born January to June: 59½ falls in July to
// December of year+59; born July to December: in year+60. A move that needs
// 59½ in the year it is reached must be carried out after that date: the
// Effect says so with ReqAge59Half.
func reaches59HalfBy(birthYear, birthMonth, y int) bool {
	if birthMonth <= 6 {
		return birthYear+59 <= y
	}
	return birthYear+60 <= y
}
