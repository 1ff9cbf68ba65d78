package objective

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// Filing status indexes into the per-status arrays of YearParams.
const (
	stSingle = iota
	stJoint
	stSeparate
	stHead
	stSurviving
	numStatus
)

// statusNames are the keys of the parameter files, in index order.
var statusNames = [numStatus]string{
	"single", "married_joint", "married_separate", "head_of_household", "qualifying_surviving_spouse",
}

// statusIndex maps a filing status to its index; ok is false for an unknown one.
func statusIndex(s scenario.FilingStatus) (int, bool) {
	switch s {
	case scenario.Single:
		return stSingle, true
	case scenario.MarriedJoint:
		return stJoint, true
	case scenario.MarriedSeparate:
		return stSeparate, true
	case scenario.HeadOfHousehold:
		return stHead, true
	case scenario.QualifyingSurvivingSpouse:
		return stSurviving, true
	}
	return 0, false
}

// MaxBrackets is the number of ordinary rate brackets (10% .. 37%).
const MaxBrackets = 7

// MaxIRMAATiers is the number of IRMAA tiers above the standard premium.
const MaxIRMAATiers = 5

// Schedule is one filing status's ordinary rate schedule: Top[k] is the top
// of bracket k (taxable income), RateBP[k] its rate in basis points; the
// last bracket (index MaxBrackets-1) has no top.
type Schedule struct {
	Top    [MaxBrackets - 1]money.Cents
	RateBP [MaxBrackets]int64
}

// IRMAATiers is one filing status's IRMAA table for a premium year: tier k
// (1-based) applies to MAGI greater than Threshold[k-1] (the top tier: greater
// than or equal to), with monthly surcharges PartB[k-1] and PartD[k-1].
type IRMAATiers struct {
	N         int
	Threshold [MaxIRMAATiers]money.Cents
	PartB     [MaxIRMAATiers]money.Cents
	PartD     [MaxIRMAATiers]money.Cents
}

// YearParams holds every figure of one tax year (for IRMAA: one premium
// year), resolved from params/*.yaml. Arrays are indexed by filing status.
// It is read-only once built and shared through the cache of ParamsFor.
type YearParams struct {
	Year int

	Brackets          [numStatus]Schedule
	StandardDeduction [numStatus]money.Cents
	AdditionalAged    [numStatus]money.Cents // per person 65+ or blind (IRC 63(f))
	SeniorAmount      [numStatus]money.Cents // per person 65+ (IRC 151(f)); 0 outside 2025-2028
	SeniorThreshold   [numStatus]money.Cents
	SeniorRateBP      int64 // 6% phase-out (IRC 151(f)(2))
	GainsTop0         [numStatus]money.Cents
	GainsTop15        [numStatus]money.Cents
	NIITThreshold     [numStatus]money.Cents
	NIITRateBP        int64
	SSBase            [numStatus]money.Cents // IRC 86(c)(1)
	SSAdjustedBase    [numStatus]money.Cents // IRC 86(c)(2)
	IRMAA             [numStatus]IRMAATiers

	// Projected names each figure that was not published for Year but
	// projected by indexing from the last published year, e.g.
	// "ordinary_brackets (from 2026)". Empty for published years.
	Projected []string
}
