// Package web is `optimize serve`: a local web app for planners, served by
// the binary itself. One page (html/template, with its script and style
// sheet embedded: no CDN, it works offline) holds a household form (people,
// accounts with labels, income by year, goal and assumptions; load and save
// the scenario YAML), a run with live progress, the client report of
// package report (ranked strategies with steps, per-year charts and Form
// 8606 lines, the frontier with the goal marked), and a side-by-side
// comparison of two variants of a household.
//
// The form is sent as JSON, which is YAML, so the scenario parser and
// validator of package scenario read it exactly as they read a file: the
// messages are the CLI's. The server listens on localhost unless told
// otherwise; it keeps runs in memory and forgets them after a while.
//
// Routes:
//
//	GET  /                     the app
//	GET  /assets/...           its script and style sheet
//	POST /api/validate         scenario (YAML or JSON) -> {"valid", "error", "field", "line"}
//	POST /api/load             scenario YAML -> the form's JSON
//	POST /api/save             the form's JSON -> scenario YAML (a download)
//	POST /api/run              {"scenario", "top", "time_limit_s", "frontier"} -> {"id"}
//	POST /api/compare          {"a", "b", "top", "time_limit_s"} -> {"id"}
//	GET  /api/jobs/{id}/events server-sent events: "progress", then "done" or "failed"
package web
