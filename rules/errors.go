package rules

import "errors"

// Sentinel errors. Apply wraps them in a *MoveError naming the account, so a
// caller tests the reason cheaply with errors.Is and a person reads the
// sentence from Error().
var (
	ErrInService       = errors.New("rules: in-service distribution not allowed while employed")
	ErrAge59Half       = errors.New("rules: in-service distribution before age 59½")
	ErrExceedsBalance  = errors.New("rules: amount exceeds what the source holds")
	ErrNotPositive     = errors.New("rules: amount must be positive")
	ErrNoCash          = errors.New("rules: household cash does not cover the withholding make-up")
	ErrNoSubaccount    = errors.New("rules: plan does not separately account for after-tax money")
	ErrNoInPlanRoth    = errors.New("rules: plan does not allow in-plan Roth rollovers")
	ErrNoRollIn        = errors.New("rules: plan does not accept rollovers")
	ErrClosed          = errors.New("rules: the plan account was closed by a full distribution after separation")
	ErrBasisRollIn     = errors.New("rules: only pre-tax IRA money can be rolled into a plan")
	ErrAfterTaxToPlan  = errors.New("rules: after-tax money can go only to a plan that separately accounts for it")
	ErrWrongPerson     = errors.New("rules: accounts belong to different people")
	ErrYear            = errors.New("rules: move outside the open tax year")
	ErrBadMove         = errors.New("rules: malformed move")
	ErrBadScenario     = errors.New("rules: scenario not usable")
	ErrUnknownAccount  = errors.New("rules: unknown account id")
	ErrRollExceedsDist = errors.New("rules: 60-day rollover exceeds the distribution")
)

// MoveError says why a move was refused: the sentinel reason, the account
// and a fixed detail. Apply returns a pointer to an error held by the State
// (no allocation in the hot loop); it stays valid until the next refused move
// on the same State. Keep it longer with Clone.
type MoveError struct {
	Reason  error  // one of the Err* sentinels
	Account string // id of the account the move touches
	Detail  string // a fixed phrase, e.g. "source pretax"; may be empty
}

func (e *MoveError) Error() string {
	msg := e.Reason.Error()
	// "rules: acme-401k: in-service distribution ..." reads better than
	// "rules: in-service ...: acme-401k".
	const pfx = "rules: "
	if len(msg) >= len(pfx) && msg[:len(pfx)] == pfx {
		msg = msg[len(pfx):]
	}
	s := pfx + e.Account + ": " + msg
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Unwrap returns the sentinel reason.
func (e *MoveError) Unwrap() error { return e.Reason }

// Clone returns a copy that later moves will not overwrite.
func (e *MoveError) Clone() error {
	c := *e
	return &c
}

// fail fills the State's error buffer and returns it.
func (s *State) fail(reason error, account, detail string) error {
	s.err = MoveError{Reason: reason, Account: account, Detail: detail}
	return &s.err
}
