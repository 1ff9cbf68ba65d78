package report

// FrontierCut says that a limit ended a frontier run early: the search of
// the point at index From, and of any after it, was cut short, so their tax
// is the best found, not proven the least; goals above the last point were
// not computed. Reason says what stopped the run ("the time limit (1s)").
type FrontierCut struct {
	From   int
	Reason string
}

// notProvenMark follows a tax that is not proven the least.
const notProvenMark = " (not proven)"

// marks reports whether point i is past the cut (false without a cut).
func (c *FrontierCut) marks(i int) bool { return c != nil && i >= c.From }

func (c *FrontierCut) sentence() string {
	return c.Reason + " ended the run: a figure marked \"(not proven)\" is the least found, not proven the least," +
		" and goals above the last row were not computed"
}
