package rules

// Requires is a bitmask of what a move needs of the plan or the person, so
// the report can list the conditions a strategy rests on.
type Requires uint16

// Requirement bits.
const (
	ReqDistribution    Requires = 1 << iota // the plan must allow the distribution (separated from service)
	ReqInServiceAfter                       // in service: the plan allows distributing after-tax money
	ReqInServicePretax                      // in service: the plan allows distributing pre-tax money
	ReqInServiceRoth                        // in service: the plan allows distributing designated Roth money
	ReqAge59Half                            // carry out on or after the person's 59½ date
	ReqSplit                                // the plan must send one distribution to several destinations
	ReqSubaccount                           // the plan separately accounts for after-tax money
	ReqInPlanRoth                           // the plan allows in-plan Roth rollovers
	ReqAcceptsRollIn                        // the receiving plan accepts rollovers in
	ReqCashMakeUp                           // household cash makes up the 20% withheld within 60 days
	ReqSameYear                             // no IRA flows by December 31 beyond the strategy's own (Form 8606 line 6)
	numReqs
)

// Each calls f with every bit set, lowest first.
func (r Requires) Each(f func(bit Requires)) {
	for i := 0; Requires(1<<i) < numReqs; i++ {
		if r&(1<<i) != 0 {
			f(1 << i)
		}
	}
}
