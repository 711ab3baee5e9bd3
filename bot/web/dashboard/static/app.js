// FaceShift admin dashboard: a Telegram Mini App. Plain JavaScript, no build step, no third-party requests.
//
// Telegram opens the page with its launch parameters in the URL fragment (#tgWebAppData=...&tgWebAppThemeParams=
// ...), which never reaches a server. The page sends the signed initData with every API call
// (Authorization: tma <initData>); the bot checks it. telegram-web-app.js is not loaded (it would come from
// telegram.org): window.Telegram.WebApp is used only when a client already provides it.
(function () {
  "use strict";

  const OUTCOME_COLORS = {
    ok: "#2e9e5b", unusable_photo: "#e0a526", bad_image: "#c9b037", transient: "#e05d44", timeout: "#b04ad6",
    rate_limited: "#ef7d2d", operator: "#c62828", interrupted: "#7f8c99", cancelled: "#a0a7ae",
    photo_unavailable: "#8d6e63", unreachable: "#5c6bc0", queued: "#4fc3f7", running: "#0288d1",
  };
  const PALETTE = ["#2481cc", "#e05d44", "#2e9e5b", "#b04ad6", "#ef7d2d", "#00897b", "#c62828", "#5c6bc0",
    "#8d6e63", "#e0a526"];

  const launch = readLaunchParams();
  const charts = {};
  const state = { tab: "overview", person: null, loaded: {} };
  const $ = (id) => document.getElementById(id);

  // -- launch parameters and theme ---------------------------------------------------------------------

  function readLaunchParams() {
    const webApp = window.Telegram && window.Telegram.WebApp;
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    let initData = (webApp && webApp.initData) || fragment.get("tgWebAppData") || "";
    let theme = (webApp && webApp.themeParams && Object.keys(webApp.themeParams).length && webApp.themeParams) || null;
    if (!theme) {
      try { theme = JSON.parse(fragment.get("tgWebAppThemeParams") || "null"); } catch (e) { theme = null; }
    }
    try { // a reload inside Telegram may drop the fragment: keep what this tab was opened with
      if (initData) sessionStorage.setItem("faceshift.initData", initData);
      else initData = sessionStorage.getItem("faceshift.initData") || "";
      if (theme) sessionStorage.setItem("faceshift.theme", JSON.stringify(theme));
      else theme = JSON.parse(sessionStorage.getItem("faceshift.theme") || "null");
    } catch (e) { /* storage may be unavailable: the fragment is enough */ }
    if (webApp) {
      try { webApp.ready(); webApp.expand(); } catch (e) { /* an older client */ }
      try { webApp.onEvent("themeChanged", () => { applyTheme(webApp.themeParams); redrawCharts(); }); } catch (e) { /* idem */ }
    }
    return { initData: initData, theme: theme };
  }

  function applyTheme(theme) {
    const root = document.documentElement;
    if (!theme || typeof theme !== "object") return;
    for (const [key, value] of Object.entries(theme)) {
      if (typeof value === "string" && /^#[0-9a-fA-F]{3,8}$/.test(value)) {
        root.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), value);
      }
    }
    if (theme.bg_color) root.dataset.theme = luminance(theme.bg_color) < 0.5 ? "dark" : "light";
  }

  function luminance(hex) {
    let h = hex.replace("#", "");
    if (h.length === 3) h = h.split("").map((c) => c + c).join("");
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  // -- the API -----------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  async function api(path, body) {
    const options = { method: "GET", headers: { Authorization: "tma " + launch.initData }, cache: "no-store", credentials: "omit" };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch("api/" + path, options);
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (response.status === 401) {
      throw new ApiError("This dashboard session is not valid or has expired. Open it again with /admin in the chat with the bot.", 401);
    }
    if (response.status === 403) throw new ApiError("Only the bot's admins can use this dashboard.", 403);
    if (!response.ok) throw new ApiError(data.error || "The bot answered " + response.status + ".", response.status);
    return data;
  }

  function requestId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // -- small DOM helpers (text only: nothing from the API is ever parsed as HTML) ------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function fill(node, ...children) {
    node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  function table(node, headers, rows) {
    const head = el("tr", null, headers.map((h) => el("th", { class: h.num ? "num" : null }, h.label || h)));
    const body = rows.length
      ? rows.map((cells) => el("tr", null, cells.map((c, i) => el("td", { class: headers[i].num ? "num" : headers[i].wrap ? "wrap" : null }, c))))
      : [el("tr", null, el("td", { colspan: headers.length, class: "hint" }, "Nothing yet."))];
    fill(node, el("thead", null, head), el("tbody", null, body));
  }

  function card(label, value, sub, testid) {
    return el("div", { class: "card", "data-testid": testid }, el("div", { class: "label" }, label),
      el("div", { class: "value" }, value), sub ? el("div", { class: "sub" }, sub) : null);
  }

  const number = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
  const percent = (rate) => Math.round(rate * 100) + "%";
  const when = (ts) => (ts ? new Date(ts * 1000).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" }) : "–");
  const shortDay = (day) => day.slice(5);

  function personLabel(p) {
    const inner = [p.username ? "@" + p.username : null, "id " + p.id].filter(Boolean).join(", ");
    return p.first_name ? p.first_name + " (" + inner + ")" : inner;
  }

  let toastTimer = null;
  function toast(text) {
    const node = $("toast");
    node.textContent = text;
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { node.hidden = true; }, 3500);
  }

  function problem(error) {
    const node = $("problem");
    if (!error) { node.hidden = true; return; }
    node.textContent = error.message || String(error);
    node.hidden = false;
  }

  // -- charts ------------------------------------------------------------------------------------------

  function chart(id, config) {
    if (typeof window.Chart !== "function") return null;
    if (charts[id]) charts[id].destroy();
    const text = cssVar("--text") || "#111";
    const grid = cssVar("--hint") || "#999";
    window.Chart.defaults.color = text;
    window.Chart.defaults.borderColor = grid + "40";
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    config.options = Object.assign({
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 10, boxHeight: 10, font: { size: 11 } } } },
    }, config.options || {});
    charts[id] = new window.Chart($(id), config);
    charts[id].$config = config;
    return charts[id];
  }

  function redrawCharts() {
    for (const [id, existing] of Object.entries(charts)) chart(id, existing.$config);
  }

  function stackedBars(id, labels, series) {
    return chart(id, {
      type: "bar",
      data: { labels: labels, datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, stack: s.stack || "all" })) },
      options: { scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkipPadding: 8 } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  // -- overview ----------------------------------------------------------------------------------------

  async function loadOverview() {
    const data = await api("overview");
    const admin = data.admin;
    $("who").textContent = (admin.first_name || "") + (admin.username ? " @" + admin.username : "") + " · " + data.timezone;
    const today = data.summary.today;
    const period = data.summary.period;
    const queue = data.queue;
    fill($("cards"),
      card("Jobs today", number(today.jobs), percent(today.success_rate) + " succeeded", "today-jobs"),
      card("Charged / released today", number(today.charged) + " / " + number(today.released), "quota units", "today-money"),
      card("Queue now", number(queue.waiting) + " waiting", number(queue.running) + " running", "queue"),
      card("Last " + period.days + " days", number(period.jobs) + " jobs", percent(period.success_rate) + " succeeded", "period-jobs"),
      card("Charged / released", number(period.charged) + " / " + number(period.released), "last " + period.days + " days", "period-money"),
      card("Credits granted", number(period.credits_granted), "taken back " + number(period.credits_taken), "credits"),
    );
    $("period-label").textContent = "(last " + period.days + " days)";

    const labels = data.days.map((d) => shortDay(d.day));
    const outcomes = [];
    for (const d of data.days) for (const o of Object.keys(d.outcomes)) if (!outcomes.includes(o)) outcomes.push(o);
    outcomes.sort((a, b) => (a === "ok" ? -1 : b === "ok" ? 1 : a.localeCompare(b)));
    stackedBars("chart-jobs", labels, outcomes.map((o, i) => ({
      label: o, color: OUTCOME_COLORS[o] || PALETTE[i % PALETTE.length], data: data.days.map((d) => d.outcomes[o] || 0),
    })));

    const vendors = [];
    for (const d of data.days) for (const v of Object.keys(d.latency)) if (!vendors.includes(v)) vendors.push(v);
    vendors.sort();
    const latencySets = [];
    vendors.forEach((v, i) => {
      const color = PALETTE[i % PALETTE.length];
      latencySets.push({ label: v + " p50", data: data.days.map((d) => (d.latency[v] ? d.latency[v].p50_ms / 1000 : null)), borderColor: color, backgroundColor: color, spanGaps: true, tension: 0.2 });
      latencySets.push({ label: v + " p95", data: data.days.map((d) => (d.latency[v] ? d.latency[v].p95_ms / 1000 : null)), borderColor: color, backgroundColor: color, borderDash: [5, 4], spanGaps: true, tension: 0.2 });
    });
    chart("chart-latency", {
      type: "line", data: { labels: labels, datasets: latencySets },
      options: { scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 8 } }, y: { beginAtZero: true } } },
    });

    chart("chart-money", {
      type: "bar",
      data: { labels: labels, datasets: [
        { label: "charged", data: data.days.map((d) => d.charged), backgroundColor: "#2e9e5b" },
        { label: "released", data: data.days.map((d) => d.released), backgroundColor: "#7f8c99" },
      ] },
      options: { scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 8 } }, y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });

    renderStars(data.payments, labels);

    table($("operations"), ["operation", { label: "jobs", num: true }, { label: "ok", num: true }, { label: "outcomes", wrap: true }],
      period.operations.map((op) => [op.operation, number(op.jobs), percent(op.success_rate),
        Object.entries(op.outcomes).map(([k, v]) => k + " " + v).join(", ")]));
    const todayLatency = Object.fromEntries(today.latency.map((v) => [v.vendor, v]));
    table($("latency"), ["vendor", { label: "p50 today", num: true }, { label: "p95 today", num: true },
      { label: "p50 " + period.days + "d", num: true }, { label: "p95 " + period.days + "d", num: true }, { label: "jobs", num: true }],
      period.latency.map((v) => [v.vendor, ms(todayLatency[v.vendor] && todayLatency[v.vendor].p50_ms),
        ms(todayLatency[v.vendor] && todayLatency[v.vendor].p95_ms), ms(v.p50_ms), ms(v.p95_ms), number(v.calls)]));
    fill($("top-users"), period.top_users.length ? period.top_users.map((u) => el("li", null,
      el("button", { type: "button", onclick: () => openPerson(u.id) },
        el("span", null, personLabel(u)), el("span", { class: "meta" }, u.jobs + " jobs · " + u.charged + " charged"))))
      : el("li", { class: "hint" }, "Nobody yet."));
    document.body.dataset.overview = "ready";
  }

  function ms(value) {
    return value === undefined || value === null ? "–" : (value / 1000).toFixed(value < 10000 ? 2 : 1) + " s";
  }

  function renderStars(payments, labels) {
    const box = $("stars");
    if (!payments) { box.hidden = true; return; }
    box.hidden = false;
    fill($("stars-cards"),
      card("Stars received", "⭐ " + number(payments.received), "last " + labels.length + " days", "stars-received"),
      card("Stars refunded", "⭐ " + number(payments.refunded), "last " + labels.length + " days", "stars-refunded"));
    const days = payments.days || [];
    chart("chart-stars", {
      type: "bar",
      data: { labels: days.map((d) => shortDay(d.day)), datasets: [
        { label: "received", data: days.map((d) => d.received), backgroundColor: "#e0a526" },
        { label: "refunded", data: days.map((d) => d.refunded), backgroundColor: "#7f8c99" },
      ] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  // -- people ------------------------------------------------------------------------------------------

  async function search(query) {
    const data = await api("people?q=" + encodeURIComponent(query));
    fill($("results"), data.people.length ? data.people.map((p) => el("li", null,
      el("button", { type: "button", "data-person": p.id, onclick: () => openPerson(p.id) },
        el("span", null, personLabel(p), p.banned ? el("span", { class: "badge" }, " banned") : null),
        el("span", { class: "meta" }, p.known ? (p.credits === null ? "no account" : number(p.credits) + " credits") : "not seen yet"))))
      : el("li", { class: "hint" }, "Nobody matches “" + query + "”."));
  }

  async function openPerson(userId) {
    selectTab("people");
    const data = await api("people/" + userId);
    state.person = data;
    renderPerson(data);
    $("person").hidden = false;
    $("person").scrollIntoView({ block: "start" });
  }

  function renderPerson(data) {
    const p = data.person;
    const a = data.allowance;
    fill($("person-name"), personLabel(p), p.known ? null : el("span", { class: "hint" }, " · not seen by the bot yet"));
    fill($("person-cards"),
      card("Free edits today", a.daily_left + " left", a.daily_used + " used, " + a.daily_reserved + " held of " + a.daily_limit +
        (a.limit_overridden ? " (set by an admin)" : " (default)"), "person-allowance"),
      card("Credits", number(a.credits), a.credits_reserved ? a.credits_reserved + " held by running jobs" : "never expire", "person-credits"),
      card("Status", a.banned ? "banned" : "active", a.banned ? (a.ban_reason || "no reason given") : "last seen " + when(p.last_seen), "person-status"),
    );
    const name = personLabel(p);
    fill($("person-actions"),
      el("button", { type: "button", "data-action": "grant", onclick: () => confirmAction({
        action: "grant", title: "Grant credits", text: "Credits for " + name + " (negative: take back).",
        input: { label: "Credits", type: "number", value: "3" },
        body: (v) => ({ amount: parseInt(v, 10) }),
        done: (r) => (r.amount >= 0 ? "Granted " + r.amount : "Took back " + -r.amount) + " credits: " + name + " has " + r.result.allowance.credits + ".",
      }) }, "Grant…"),
      el("button", { type: "button", "data-action": "setlimit", onclick: () => confirmAction({
        action: "setlimit", title: "Daily limit", text: "Free edits per day for " + name + ". Empty: back to the default (" + a.default_limit + ").",
        input: { label: "Limit", type: "number", value: String(a.daily_limit) },
        body: (v) => ({ limit: v.trim() === "" ? null : parseInt(v, 10) }),
        done: (r) => "The daily limit of " + name + " is now " + r.result.allowance.daily_limit + ".",
      }) }, "Set limit…"),
      el("button", { type: "button", "data-action": "reset", onclick: () => confirmAction({
        action: "reset", title: "Reset today", text: "Give back the " + a.daily_used + " edits " + name + " used today?",
        body: () => ({}), done: (r) => "Gave back " + r.amount + " edits to " + name + ".",
      }) }, "Reset today"),
      a.banned
        ? el("button", { type: "button", "data-action": "unban", onclick: () => confirmAction({
          action: "unban", title: "Unban", text: "Let " + name + " use the bot again?",
          body: () => ({}), done: () => name + " is no longer banned.",
        }) }, "Unban")
        : el("button", { type: "button", class: "danger", "data-action": "ban", onclick: () => confirmAction({
          action: "ban", title: "Ban", text: "New requests from " + name + " will get a polite refusal and cost nothing.",
          input: { label: "Reason (optional)", type: "text", value: "" },
          body: (v) => ({ reason: v.trim() || null }), done: () => name + " is banned.",
        }) }, "Ban…"),
    );
    const paymentsBox = $("person-payments");
    if (data.payments) {
      paymentsBox.hidden = false;
      table($("payments"), ["when", { label: "stars", num: true }, "state", ""], data.payments.map((pay) => [
        when(pay.created_at), number(pay.amount), pay.refunded ? "refunded" : "paid",
        pay.refunded ? "" : el("button", { type: "button", class: "secondary", "data-action": "refund", onclick: () => confirmAction({
          action: "refund", title: "Refund", text: "Refund " + pay.amount + " Stars to " + name + "?",
          body: () => ({ charge_id: pay.charge_id }), done: () => "Refunded " + pay.amount + " Stars to " + name + ".",
        }) }, "Refund…"),
      ]));
    } else {
      paymentsBox.hidden = true;
    }
    table($("jobs"), ["when", "operation", "outcome", { label: "cost", num: true }, "vendor", { label: "time", num: true }],
      data.jobs.map((j) => [when(j.created_at), j.operation, j.outcome || j.status, j.cost, j.vendor || "–", ms(j.vendor_ms)]));
    table($("ledger"), ["when", "kind", { label: "amount", num: true }, "bucket", "by", { label: "note", wrap: true }],
      data.ledger.map((e) => [when(e.created_at), e.kind, e.amount, e.bucket || "–",
        e.admin_id !== null ? "admin " + e.admin_id : e.job_id ? "job " + e.job_id : "–", e.reason || ""]));
  }

  // -- confirmation: one request id per dialog, so a double click or a retry acts once ---------------------

  function confirmAction(spec) {
    const dialog = $("confirm");
    const person = state.person.person.id;
    const id = requestId();
    $("confirm-title").textContent = spec.title;
    $("confirm-text").textContent = spec.text;
    $("confirm-error").hidden = true;
    const input = $("confirm-input");
    $("confirm-label").hidden = !spec.input;
    if (spec.input) {
      $("confirm-label-text").textContent = spec.input.label;
      input.type = spec.input.type;
      input.value = spec.input.value;
    }
    const ok = $("confirm-ok");
    ok.disabled = false;
    $("confirm-form").onsubmit = async (event) => {
      event.preventDefault();
      if (ok.disabled) return;
      ok.disabled = true;
      try {
        const result = await api("people/" + person + "/" + spec.action, Object.assign({ request_id: id }, spec.body(input.value)));
        dialog.close();
        toast(result.repeated ? "Already done." : spec.done(result));
        await openPerson(person);
        if ($("results").children.length) await search($("q").value); // the list shows balances too
      } catch (error) {
        $("confirm-error").textContent = error.message;
        $("confirm-error").hidden = false;
        ok.disabled = false;
      }
    };
    $("confirm-cancel").onclick = () => dialog.close();
    dialog.showModal();
    if (spec.input) input.focus(); else ok.focus();
  }

  // -- vendors -----------------------------------------------------------------------------------------

  async function loadVendors() {
    const data = await api("vendors");
    table($("vendor-table"), ["vendor", { label: "limit", num: true }, { label: "waiting", num: true }, { label: "running", num: true },
      { label: "requests", num: true }, { label: "errors", wrap: true }],
      data.vendors.filter((v) => v.configured).map((v) => {
        const attempts = Object.entries(v.attempts);
        const total = attempts.reduce((sum, [, n]) => sum + n, 0);
        const errors = attempts.filter(([k]) => k !== "ok").map(([k, n]) => k + " " + n).join(", ");
        return [v.vendor, v.limit, v.waiting, v.running, number(total), errors || "none"];
      }));
    $("attempts-since").textContent = "Requests and errors (every attempt, retries included) since the bot started, " + when(data.attempts_since) + ".";
    const labels = data.days.map(shortDay);
    const keys = [];
    for (const e of data.errors) { const k = e.vendor + " · " + e.code; if (!keys.includes(k)) keys.push(k); }
    stackedBars("chart-errors", labels, keys.map((k, i) => ({
      label: k, color: PALETTE[i % PALETTE.length],
      data: data.days.map((day) => data.errors.filter((e) => e.day === day && e.vendor + " · " + e.code === k).reduce((s, e) => s + e.count, 0)),
    })));
    table($("error-table"), ["day", "vendor", "category", "code", { label: "jobs", num: true }],
      data.errors.slice().reverse().map((e) => [e.day, e.vendor, e.category, e.code, e.count]));
    document.body.dataset.vendors = "ready";
  }

  // -- tabs and start ----------------------------------------------------------------------------------

  const loaders = { overview: loadOverview, people: () => search($("q").value), vendors: loadVendors };

  function selectTab(name) {
    state.tab = name;
    for (const button of document.querySelectorAll(".tabs button")) button.setAttribute("aria-selected", String(button.dataset.tab === name));
    for (const panel of document.querySelectorAll("[data-panel]")) panel.hidden = panel.dataset.panel !== name;
    if (!state.loaded[name]) {
      state.loaded[name] = true;
      run(loaders[name]);
    }
  }

  async function run(job) {
    try {
      await job();
      problem(null);
    } catch (error) {
      problem(error);
    }
  }

  function start() {
    applyTheme(launch.theme);
    for (const button of document.querySelectorAll(".tabs button")) button.addEventListener("click", () => selectTab(button.dataset.tab));
    $("search").addEventListener("submit", (event) => { event.preventDefault(); run(() => search($("q").value)); });
    $("refresh").addEventListener("click", () => {
      run(async () => {
        await loaders[state.tab]();
        if (state.tab === "people" && state.person) await openPerson(state.person.person.id);
      });
    });
    if (!launch.initData) {
      problem(new Error("Open this dashboard from Telegram: send /admin to the bot and press the button."));
      return;
    }
    state.loaded.overview = true;
    run(loadOverview);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
