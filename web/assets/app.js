// optimize serve: the household form, runs with live progress, and the
// comparison of two variants. No framework and nothing fetched from
// elsewhere: the page works offline.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

const PLAN_KINDS = ["401k", "403b", "governmental_457b"];
const KINDS = [["401k", "401(k)"], ["403b", "403(b)"], ["governmental_457b", "governmental 457(b)"], ["traditional_ira", "traditional IRA"], ["roth_ira", "Roth IRA"]];
const PLAN_MONEY = [["pretax", "Pre-tax"], ["after_tax_contributions", "After-tax contributions"], ["after_tax_earnings", "Earnings on after-tax"], ["pre1987_after_tax", "Pre-1987 after-tax"], ["designated_roth", "Designated Roth"]];
const PLAN_FLAGS = [["separate_after_tax_account", "after-tax money is its own subaccount"], ["allows_in_plan_roth_rollover", "allows in-plan Roth rollovers"], ["accepts_ira_roll_in", "accepts IRA roll-ins"]];
const INCOME = ["year", "wages", "other_ordinary", "qualified_dividends", "long_term_gains", "social_security", "itemized_deductions"];
const STATES = ["AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN", "KS",
  "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV",
  "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY"];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (v === true) e.setAttribute(k, "");
    else if (v !== false && v != null) e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function field(label, name, attrs = {}) {
  return el("label", {}, label, el("input", Object.assign({ name, inputmode: "decimal" }, attrs)));
}

// ---- the form ----

function addPerson(p = {}) {
  const box = $("#people");
  const i = box.children.length;
  const fs = el("fieldset", { class: "box person" },
    el("legend", { text: i === 0 ? "Person" : "Spouse" }),
    el("div", { class: "row" },
      el("label", {}, "Id", el("input", { name: "id", placeholder: i === 0 ? "client" : "spouse", value: p.id || "" })),
      el("label", {}, "Birth date", el("input", { name: "birth_date", type: "date", value: p.birth_date || "" })),
      el("label", {}, "or birth year", el("input", { name: "birth_year", type: "number", min: "1900", max: "2100", value: p.birth_year || "" })),
      el("label", { class: "check" }, el("input", { name: "separated_from_service", type: "checkbox", checked: !!p.separated_from_service }), "separated from service"),
      i > 0 ? el("button", { type: "button", class: "link remove-person", text: "remove" }) : null),
    el("div", { class: "accounts" }),
    el("button", { type: "button", class: "secondary add-account", text: "Add an account" }));
  box.append(fs);
  for (const a of p.accounts || []) addAccount(fs, a);
  renumber();
  return fs;
}

function addAccount(person, a = {}) {
  const row = el("div", { class: "acct" });
  const kind = el("select", { name: "kind" }, ...KINDS.map(([v, t]) => el("option", { value: v, text: t, selected: v === (a.kind || "401k") })));
  const sep = el("select", { name: "separated_from_service" },
    el("option", { value: "", text: "as the person" }), el("option", { value: "true", text: "yes" }), el("option", { value: "false", text: "no" }));
  if (a.separated_from_service != null) sep.value = String(a.separated_from_service);
  const plan = el("div", { class: "kindonly plan" },
    ...PLAN_MONEY.map(([n, t]) => field(t, n, { value: a[n] || "" })),
    el("label", {}, "Separated from this employer", sep),
    el("label", {}, "In service, may pay out",
      el("span", {}, ...["after_tax", "pretax", "roth"].map(s => el("label", { class: "check" },
        el("input", { type: "checkbox", name: "in_service_sources", value: s, checked: (a.in_service_sources || []).includes(s) }), s)))),
    ...PLAN_FLAGS.map(([n, t]) => el("label", { class: "check" }, el("input", { type: "checkbox", name: n, checked: !!a[n] }), t)));
  const ira = el("div", { class: "kindonly ira" },
    field("Balance", "balance", { value: a.balance || "" }),
    field("Basis (Form 8606 line 14)", "basis", { value: a.basis || "" }));
  const roth = el("div", { class: "kindonly roth" },
    el("label", {}, "First contribution year", el("input", { name: "first_contribution_year", type: "number", value: a.first_contribution_year || "" })));
  row.append(
    el("label", {}, "Account id", el("input", { name: "id", value: a.id || "", placeholder: "acme-401k" })),
    el("label", {}, "Label (in sentences)", el("input", { name: "label", value: a.label || "", placeholder: "Acme 401(k)" })),
    el("label", {}, "Kind", kind), plan, ira, roth,
    el("button", { type: "button", class: "link remove-account", text: "remove" }));
  const show = () => {
    const k = kind.value;
    plan.hidden = !PLAN_KINDS.includes(k);
    ira.hidden = PLAN_KINDS.includes(k);
    roth.hidden = k !== "roth_ira";
  };
  kind.addEventListener("change", show);
  show();
  $(".accounts", person).append(row);
  renumber();
  return row;
}

function addIncome(y = {}) {
  const tr = el("tr", {}, ...INCOME.map(n => el("td", {}, el("input", {
    name: n, value: y[n] != null ? y[n] : (n === "year" ? $('[name="start_year"]').value : ""),
    inputmode: n === "year" ? "numeric" : "decimal", "aria-label": n.replace(/_/g, " "),
  }))), el("td", {}, el("button", { type: "button", class: "link remove-income", text: "×" })));
  $("#income").append(tr);
  renumber();
  return tr;
}

// addResidence adds a row of the residence: the first is where the
// household lives in the first year, each later one a move.
function addResidence(r = {}) {
  const tr = el("tr", {},
    el("td", {}, el("select", { name: "state", "aria-label": "state" }, ...STATES.map(c => el("option", { value: c, text: c, selected: c === r.state })))),
    el("td", {}, el("input", { name: "from_year", type: "number", min: "2024", max: "2100", value: r.from_year || "", "aria-label": "from year" })),
    el("td", {}, el("input", { name: "full_year", type: "checkbox", checked: !!r.full_year, "aria-label": "resident from January 1" })),
    el("td", {}, el("button", { type: "button", class: "link remove-residence", text: "×" })));
  $("#residence").append(tr);
  renumber();
  return tr;
}

// renumber gives every input its path in the scenario format, the path the
// parser's messages name, so that an error can point at its field.
function renumber() {
  $$("#people > .person").forEach((p, i) => {
    for (const inp of $$(":scope > .row input", p)) inp.dataset.path = `people[${i}].${inp.name}`;
    $$(".acct", p).forEach((a, j) => {
      for (const inp of $$("input, select", a)) inp.dataset.path = `people[${i}].accounts[${j}].${inp.name}`;
    });
  });
  $$("#income tr").forEach((tr, i) => { for (const inp of $$("input", tr)) inp.dataset.path = `income[${i}].${inp.name}`; });
  $$("#residence tr").forEach((tr, i) => {
    for (const inp of $$("input, select", tr)) inp.dataset.path = `residence[${i}].${inp.name}`;
    // The first row has no year: it is where the household starts.
    for (const n of ["from_year", "full_year"]) $(`[name="${n}"]`, tr).hidden = i === 0;
  });
  $("#add-person").hidden = $$("#people > .person").length >= 2;
}

const val = (root, name) => { const e = $(`[name="${name}"]`, root); return e ? e.value.trim() : ""; };
const num = s => (s === "" ? undefined : Number(s));

// scenario reads the form into the scenario format (money as strings, so
// that the server parses it exactly).
function scenario() {
  const f = $("#household-form");
  const s = {};
  const put = (obj, key, v) => { if (v !== undefined && v !== "") obj[key] = v; };
  put(s, "name", val(f, "name"));
  put(s, "start_year", num(val(f, "start_year")));
  put(s, "horizon_years", num(val(f, "horizon_years")));
  s.filing_status = val(f, "filing_status");
  s.people = $$("#people > .person").map(p => {
    const o = {};
    put(o, "id", val($(".row", p), "id"));
    put(o, "birth_date", val($(".row", p), "birth_date"));
    put(o, "birth_year", num(val($(".row", p), "birth_year")));
    o.separated_from_service = $('.row [name="separated_from_service"]', p).checked;
    o.accounts = $$(".acct", p).map(a => {
      const k = val(a, "kind");
      const acct = {};
      put(acct, "id", val(a, "id"));
      put(acct, "label", val(a, "label"));
      acct.kind = k;
      if (PLAN_KINDS.includes(k)) {
        for (const [n] of PLAN_MONEY) put(acct, n, val(a, n));
        for (const [n] of PLAN_FLAGS) acct[n] = $(`[name="${n}"]`, a).checked;
        const sep = val(a, "separated_from_service");
        if (sep !== "") acct.separated_from_service = sep === "true";
        acct.in_service_sources = $$('[name="in_service_sources"]:checked', a).map(c => c.value);
      } else {
        put(acct, "balance", val(a, "balance"));
        put(acct, "basis", val(a, "basis"));
        if (k === "roth_ira") put(acct, "first_contribution_year", num(val(a, "first_contribution_year")));
      }
      return acct;
    });
    return o;
  });
  put(s, "cash", val(f, "cash"));
  s.income = $$("#income tr").map(tr => {
    const y = {};
    for (const n of INCOME) put(y, n, n === "year" ? num(val(tr, n)) : val(tr, n));
    return y;
  });
  const residence = $$("#residence tr").map((tr, i) => {
    const r = { state: val(tr, "state") };
    if (i > 0) {
      put(r, "from_year", num(val(tr, "from_year")));
      if ($('[name="full_year"]', tr).checked) r.full_year = true;
    }
    return r;
  });
  if (residence.length > 0) s.residence = residence;
  s.goal = {};
  put(s.goal, "convert", val(f, "goal.convert"));
  s.objective = val(f, "objective");
  s.assumptions = {};
  for (const n of ["discount_rate", "growth_rate", "inflation", "state_tax_rate"]) put(s.assumptions, n, num(val(f, "assumptions." + n)));
  s.constraints = { irmaa: val(f, "constraints.irmaa") };
  put(s.constraints, "max_marginal_rate", num(val(f, "constraints.max_marginal_rate")));
  return s;
}

// fill puts a scenario (the server's form JSON) into the form.
function fill(s) {
  const f = $("#household-form");
  const set = (name, v) => { const e = $(`[name="${name}"]`, f); if (e) e.value = v == null ? "" : v; };
  set("name", s.name); set("start_year", s.start_year); set("horizon_years", s.horizon_years);
  set("filing_status", s.filing_status); set("cash", s.cash);
  $("#people").replaceChildren();
  for (const p of s.people || []) addPerson(p);
  $("#income").replaceChildren();
  for (const y of s.income || []) addIncome(y);
  $("#residence").replaceChildren();
  for (const r of s.residence || []) addResidence(r);
  set("goal.convert", (s.goal || {}).convert);
  set("objective", s.objective);
  const a = s.assumptions || {};
  for (const n of ["discount_rate", "growth_rate", "inflation", "state_tax_rate"]) set("assumptions." + n, a[n]);
  const c = s.constraints || {};
  set("constraints.irmaa", c.irmaa || "ignore");
  set("constraints.max_marginal_rate", c.max_marginal_rate == null ? "" : String(c.max_marginal_rate));
}

// ---- talking to the server ----

async function post(url, body, asText = false) {
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const data = asText && r.ok ? await r.text() : await r.json();
  return { ok: r.ok, status: r.status, data };
}

function showError(box, e, where = "") {
  $$(".invalid").forEach(x => x.classList.remove("invalid"));
  let msg = e.error || String(e);
  if (e.field && !where) {
    const inp = $(`[data-path="${CSS.escape(e.field)}"]`);
    if (inp) { inp.classList.add("invalid"); inp.focus(); }
    msg = msg.replace(/^line \d+: /, "");
  }
  box.replaceChildren(el("div", { class: "error", text: where + msg }));
}

function showTab(name) {
  for (const t of $$(".tab")) t.classList.toggle("active", t.dataset.tab === name);
  for (const p of $$(".pane")) p.classList.toggle("active", p.id === name);
}

// follow listens to a run's events, calling onProgress and resolving with
// the "done" payload (rejecting on "failed").
function follow(id, onProgress) {
  return new Promise((resolve, reject) => {
    const es = new EventSource(`/api/jobs/${id}/events`);
    es.addEventListener("progress", ev => onProgress(JSON.parse(ev.data)));
    es.addEventListener("done", ev => { es.close(); resolve(JSON.parse(ev.data)); });
    es.addEventListener("failed", ev => { es.close(); reject(JSON.parse(ev.data)); });
    es.onerror = () => { es.close(); reject({ error: "the connection to the server was lost" }); };
  });
}

async function run() {
  const msgs = $("#messages");
  msgs.replaceChildren();
  const body = { scenario: scenario(), top: num($("#top").value) || 5, time_limit_s: num($("#time-limit").value) || 30, frontier: $("#with-frontier").checked };
  const r = await post("/api/run", body);
  if (!r.ok) { showError(msgs, r.data); return; }
  showTab("results");
  $("#bestline").hidden = true;
  $("#report").replaceChildren();
  const prog = $("#progress");
  prog.hidden = false;
  try {
    const out = await follow(r.data.id, p => {
      $("#progress-phase").textContent = `Step ${p.step} of ${p.steps}: ${p.detail}…`;
      $("#progress-elapsed").textContent = `${p.elapsed_s.toFixed(1)} s`;
      $("#progress-bar").style.width = `${Math.round(100 * (p.step - 0.5) / p.steps)}%`;
    });
    prog.hidden = true;
    $("#report").innerHTML = out.html; // the server's report, escaped by it
    if (out.best_total) { $("#best-total").textContent = out.best_total; $("#bestline").hidden = false; }
  } catch (e) {
    prog.hidden = true;
    showError($("#report"), e);
  }
}

// ---- comparison ----

async function formYAML() {
  const r = await post("/api/save", scenario(), true);
  if (!r.ok) { showError($("#compare-messages"), r.data, "the form: "); return null; }
  return r.data;
}

function compareTable(a, b) {
  const ra = JSON.parse(JSON.stringify(a.result)), rb = JSON.parse(JSON.stringify(b.result));
  const sa = ra.strategies[0] || {}, sb = rb.strategies[0] || {};
  const rows = [["Total tax", "total_tax"], ["Federal", "federal_tax"], ["State", "state_tax"], ["IRMAA", "irmaa"], ["Converted", "converted"], ["Taxable", "taxable"], ["Basis to Roth", "basis_to_roth"], ["Basis left", "basis_left"], ["Cash needed", "cash_needed"]];
  const money = v => v == null ? "" : "$" + Number(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const t = el("table", { class: "compare" }, el("thead", {}, el("tr", {}, el("th", { text: "Rank 1" }), el("th", { class: "num", text: "Variant A" }), el("th", { class: "num", text: "Variant B" }), el("th", { class: "num", text: "B − A" }))));
  const tb = el("tbody");
  tb.append(el("tr", {}, el("td", { text: "Status" }), el("td", { class: "num", text: a.status }), el("td", { class: "num", text: b.status }), el("td")));
  for (const [label, key] of rows) {
    const va = sa[key], vb = sb[key];
    const d = va != null && vb != null ? Number(vb) - Number(va) : null;
    const cls = d == null || d === 0 || key === "converted" || key === "basis_to_roth" ? "num" : "num" + (d < 0 ? " better" : "");
    tb.append(el("tr", { "data-key": key }, el("td", { text: label }), el("td", { class: "num", "data-side": "a", text: money(va) }), el("td", { class: "num", "data-side": "b", text: money(vb) }), el("td", { class: cls, text: d == null ? "" : (d > 0 ? "+" : "") + money(d).replace("$-", "−$") })));
  }
  t.append(tb);
  const side = (name, x, s) => el("div", { class: "side" }, el("h3", { text: name + ": " + (x.name || "") }),
    el("ol", {}, ...(s.steps || []).map(st => el("li", { text: `${st.year}: ${st.text}` }))),
    el("ul", {}, ...(s.years || []).map(y => el("li", { text: y.why || `${y.year}: ${y.added_taxable}` }))));
  return el("div", {}, t, el("div", { class: "compare-grid" }, side("Variant A", a, sa), side("Variant B", b, sb)));
}

async function runCompare() {
  const msgs = $("#compare-messages");
  msgs.replaceChildren();
  $("#compare-result").replaceChildren();
  const body = { a: $("#variant-a").value, b: $("#variant-b").value, top: 1, time_limit_s: num($("#time-limit").value) || 30 };
  const r = await post("/api/compare", body);
  if (!r.ok) { showError(msgs, r.data, r.data.side ? `variant ${r.data.side.toUpperCase()}: ` : ""); return; }
  const prog = $("#compare-progress");
  prog.hidden = false;
  try {
    const out = await follow(r.data.id, p => {
      $("#compare-phase").textContent = p.detail + "…";
      $("#compare-elapsed").textContent = `${p.elapsed_s.toFixed(1)} s`;
    });
    prog.hidden = true;
    $("#compare-result").replaceChildren(compareTable(out.a, out.b));
  } catch (e) {
    prog.hidden = true;
    showError(msgs, e);
  }
}

// ---- wiring ----

document.addEventListener("DOMContentLoaded", () => {
  for (const t of $$(".tab")) t.addEventListener("click", () => showTab(t.dataset.tab));
  $("#add-person").addEventListener("click", () => addPerson());
  $("#add-income").addEventListener("click", () => addIncome());
  $("#people").addEventListener("click", ev => {
    const b = ev.target;
    if (b.classList.contains("add-account")) addAccount(b.closest(".person"));
    if (b.classList.contains("remove-account")) { b.closest(".acct").remove(); renumber(); }
    if (b.classList.contains("remove-person")) { b.closest(".person").remove(); renumber(); }
  });
  $("#income").addEventListener("click", ev => {
    if (ev.target.classList.contains("remove-income")) { ev.target.closest("tr").remove(); renumber(); }
  });
  $("#add-residence").addEventListener("click", () => addResidence());
  $("#residence").addEventListener("click", ev => {
    if (ev.target.classList.contains("remove-residence")) { ev.target.closest("tr").remove(); renumber(); }
  });
  $("#run").addEventListener("click", run);
  $("#validate").addEventListener("click", async () => {
    const r = await post("/api/validate", scenario());
    if (r.data.valid) $("#messages").replaceChildren(el("div", { class: "ok", text: "ok: the household is valid" }));
    else showError($("#messages"), r.data);
  });
  $("#save").addEventListener("click", async () => {
    const r = await post("/api/save", scenario(), true);
    if (!r.ok) { showError($("#messages"), r.data); return; }
    const a = el("a", { href: URL.createObjectURL(new Blob([r.data], { type: "application/yaml" })), download: (val(document, "name") || "scenario").replace(/[^\w.-]+/g, "-") + ".yaml" });
    document.body.append(a); a.click(); a.remove();
  });
  $("#load-file").addEventListener("change", async ev => {
    const file = ev.target.files[0];
    if (!file) return;
    const r = await post("/api/load", await file.text());
    if (!r.ok) { showError($("#messages"), r.data, file.name + ": "); return; }
    fill(r.data);
    $("#messages").replaceChildren(el("div", { class: "ok", text: "loaded " + file.name }));
    ev.target.value = "";
  });
  $("#form-to-a").addEventListener("click", async () => { const y = await formYAML(); if (y != null) $("#variant-a").value = y; });
  $("#a-to-b").addEventListener("click", () => { $("#variant-b").value = $("#variant-a").value; });
  $("#run-compare").addEventListener("click", runCompare);
  addPerson();
  addIncome();
});
