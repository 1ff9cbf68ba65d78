// Package search finds the cheapest plans that move a goal's worth of money
// into Roth accounts, and proves how good the best of them is.
//
// # What it answers
//
// A plan has two levels. Its structure is the discrete part: which employer
// plans are moved whole (a split rollover under Notice 2014-54, a whole
// distribution to Roth, a split of the separately accounted after-tax
// subaccount) and in which year, when pre-1987 money moves, and whether a
// person rolls IRA pre-tax money into a plan. Its fill is the continuous
// part: how many whole dollars each source (a person's IRAs, a plan's
// pro-rata share) sends to Roth each year. rules states the law of every
// move and answers every question about it (Sources, Quote, Linear, Widen);
// objective gives each year's exact cost curve. The search holds no tax or
// Form 8606 arithmetic of its own.
//
// Every Result carries a certificate, as a MIP solver reports one: the best
// plan, replayed exactly through rules and scored by objective; Bound, a
// lower bound on the objective of every plan that reaches the goal; and Gap,
// their difference. Status is Optimal exactly when the gap is zero to the
// cent. Otherwise it is Feasible and Cause names what kept the search from
// closing the gap: a limit of Settings (time, nodes) or CauseUnresolved,
// where the splits the search makes could not raise some region's bound to
// its plan's cost (in practice the rounding of each year's tax to the cent,
// which the bounds must allow for). Infeasible is proven: no structure's
// relaxation reaches the goal.
//
// # The method
//
// Branch and bound, over structures and within each. A structure's plans
// are bounded through the "E-model" of each year: the year's added income
// is at least the structure's own moves' (projected with no fill) plus, per
// source, rules.Linear's lower line in the amount (its allowance for the
// forms' rounding taken off; for a later year widened by rules.Widen, whose
// lemma bounds how far any earlier fill can move a pro-rata ratio; above
// the knee where a conversion spends the last of the basis, the amount less
// rules.Linear.MaxNontaxable); the year's cost is at least the exact line of
// the curve segment holding that income, less the curve's rounding slack
// (objective.Curve.ExactLine, LineSlack), and never below the cost at the
// segment's start, since costs never fall as income rises; the conversions
// counted toward the goal are at most the sources' upper lines. A node
// narrows each year's income to an interval and each source's amount to a
// box. For any multipliers beta (the goal) and mu (each account's capacity
// across years) the Lagrangian
//
//	beta·goal − Σ mu·capacity + Σ over years of min(cost − beta·converted + mu·drawn)
//
// is at most the cost of any plan in the node. The multipliers come from
// merging the years' lower convex hulls of (converted, cost) by slope — the
// dual of the linear relaxation without capacities — or, when that merge
// draws an account past what it holds, from the node's linear programme
// (lp.go: the curve's convex hull on each interval, the goal, the
// capacities) solved by the package's own bounded simplex. Each year's
// minimum is then taken over the E-model, or exactly where the year's state
// is exact (the first year with one free source; any year whose sources
// have no basis), by scanning whole-dollar amounts; where a stretch's
// rounding repeats with a short period (objective.Curve.DollarPeriod) a
// period at each end settles the whole stretch. Floating point enters only
// the multipliers, which need not be optimal to give a valid bound, and the
// bound is rounded up to the cent only after a hundredth of a cent is taken
// off.
//
// A node whose relaxation takes a year's income across a stretch where its
// cost is not convex is split at the curve's breakpoint there; one whose
// bound rests on the fill drawing from a plan before the plan's whole move
// (which dilutes an IRA's ratio less than projected) has that draw's box
// split; one whose bound still falls short of its best plan has a box fixed
// at an end or a year's interval cut where the plan stops, up to
// Settings.SplitDepth splits deep. Nodes are taken least bound first, so a
// structure cut short by its budget leaves the best bound its budget
// allows. Each node's relaxation is also replayed as a plan (whole dollars,
// repaired toward the node's region), and the best plans are refined by
// moving dollars between their (year, source) cells: the search's one
// refiner, which improves plans and never touches a bound.
//
// # Why each pruning rule is sound
//
//   - A structure whose root bound is above the top-th best plan found holds
//     no plan that can enter the ranking; a node whose bound is above its
//     structure's best plan (or the top-th best) likewise. Both rest on the
//     Lagrangian above; TestSearchCases and internal/challenger's test, which
//     tries to beat every answer's Bound with plans made independently,
//     fail when a bound is invalid.
//   - A node is dropped as infeasible only when its linear programme stays
//     infeasible loosened by lpMargin (goal lowered, capacities and
//     intervals widened by a hundred dollars), far beyond the solver's
//     rounding; TestSimplexAgreesWithGonum holds the simplex to gonum's.
//   - Accounts with no basis now or ahead, no whole move, roll-in or
//     dilution are pooled into one source per year (pool.go): moving a
//     dollar between them changes no year's income or conversion, and their
//     capacities add because growth is the same for every account; this
//     only removes symmetric branches.
//   - The model lines are rules' own statements, tested against the forms
//     (rules' TestQuoteWorkedNumbers and FuzzQuotes check every quote lies
//     within its lines and every later quote within its widened lines); the
//     curve's lines and periods are objective's (TestCurveRandomHouseholds
//     checks every segment's slack and period on random households in every
//     state).
//   - Structures a limit left unexplored enter the bound with their root
//     bounds, or, past maxRootOnly structures, with the cost of the
//     household with no move at all (prepared.floor), which no plan can
//     undercut.
//
// # Determinism and limits
//
// Structures are solved in rounds of roundSize against the ranking as the
// round began, each with a node budget fixed then, and their results merged
// in order, so the answer does not depend on Settings.Workers or on timing;
// only the time limit and cancellation do. Every limit that can cut work is
// a Settings field; each ends the search with a Feasible status and its
// cause, never with a stronger claim.
package search
