// Live conferences: the participant's live page, the moderator console and the projector views.
//
// One Socket.IO connection per page (the vendored client in static/vendor/socket.io/). On every
// connect and reconnect the page asks to join; the acknowledgement carries a full snapshot that
// replaces the page's state. Pushed updates carry the round's version: older ones are dropped.
// A vote whose acknowledgement does not arrive in time is sent again with the same payload: the
// server counts it once and answers "duplicate". Timers count down to the absolute end time,
// corrected by the server's clock. WebSocket first; without it Socket.IO falls back to
// long-polling. No inline scripts (CSP): the page's settings and texts come in a JSON data block.
(function () {
  "use strict";

  var configElement = document.getElementById("conference-config");
  if (!configElement || typeof window.io !== "function") return;
  var cfg = JSON.parse(configElement.textContent);
  var T = cfg.texts || {};
  var ACK_TIMEOUT_MS = cfg.ack_timeout_ms || 5000;
  var VOTE_ATTEMPTS = 6;

  // Figures in the page's language, as the server writes them ("3,5" and "1.250" in German).
  var LANG = document.documentElement.lang || "de";
  function formatNumber(value, digits) {
    if (!window.Intl) return digits === undefined ? String(value) : Number(value).toFixed(digits);
    return new Intl.NumberFormat(LANG, digits === undefined ? {} :
      { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }

  function t(key, values) {
    var text = T[key] || key;
    if (values) {
      Object.keys(values).forEach(function (name) {
        var value = values[name];
        text = text.split("%(" + name + ")s").join(typeof value === "number" ? formatNumber(value) : String(value));
      });
    }
    return text;
  }

  // "1 vote" and "2 votes": the page brings both forms of each count (key and key + "_one").
  function count(key, n) {
    return n === 1 && T[key + "_one"] ? T[key + "_one"] : t(key, { n: n });
  }

  // Text typed by people loses bidi embeddings and overrides (U+202A-U+202E), as on the server's pages:
  // "\u202egnp.exe" would show as "exe.png" and turn the text after it around.
  function plain(value) {
    return String(value).replace(/[\u202A-\u202E]/g, "");
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = plain(value);
      else if (name === "className") node.className = value;
      else if (name.indexOf("on") === 0) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : plain(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(plain(child)) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // --- the connection ------------------------------------------------------------------------

  var status = document.querySelector("[data-live-status]");
  function setStatus(key, kind) {
    if (!status) return;
    status.textContent = t(key);
    status.dataset.state = kind;
  }

  var socket = window.io({
    auth: cfg.token ? { token: cfg.token } : {},
    transports: cfg.transports || ["websocket", "polling"],
    tryAllTransports: true,
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10000,
    randomizationFactor: 0.5,
    timeout: 5000
  });
  window.conferenceSocket = socket;  // for tests and the browser console

  // Clock: the server's time minus ours, from the latest message that carried server_time.
  var clockOffset = 0;
  function syncClock(serverTime) {
    if (!serverTime) return;
    var parsed = Date.parse(serverTime);
    if (!isNaN(parsed)) clockOffset = parsed - Date.now();
  }
  function serverNow() { return Date.now() + clockOffset; }

  // Emit with an acknowledgement and a timeout; calls back (error, answer).
  function request(event, payload, callback) {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, function (err, answer) {
      if (err) { callback({ error: "timeout", message: t("timeout") }); return; }
      if (!answer || answer.ok === false) { callback(answer || { error: "error" }); return; }
      callback(null, answer);
    });
  }

  var onJoin = null;  // set by the page: called on every (re)connect
  socket.on("connect", function () {
    setStatus("connected", "connected");
    if (onJoin) onJoin();
  });
  var superseded = false;
  socket.on("disconnect", function () {
    if (!superseded) setStatus("reconnecting", "reconnecting");
  });
  // Opened once too often elsewhere (another device, another tab): this page stops and says why.
  socket.on("superseded", function (msg) {
    superseded = true;
    socket.io.opts.reconnection = false;
    setStatus("superseded", "refused");
    var box = document.querySelector("[data-live-error]");
    if (box) { box.hidden = false; box.textContent = (msg && msg.message) || t("superseded"); }
  });
  socket.on("connect_error", function (err) {
    if (err && err.data && err.data.error) {
      setStatus("refused", "refused");
      var box = document.querySelector("[data-live-error]");
      if (box) { box.hidden = false; box.textContent = err.data.message || t("refused"); }
      socket.io.opts.reconnection = false;
      return;
    }
    // No connection with WebSocket first (a proxy may block it): from now on start with
    // long-polling and let Socket.IO upgrade to WebSocket where it can.
    if (socket.io.opts.transports[0] === "websocket") socket.io.opts.transports = ["polling", "websocket"];
    setStatus("reconnecting", "reconnecting");
  });
  socket.io.on("reconnect_attempt", function () { setStatus("reconnecting", "reconnecting"); });

  // --- announcements -----------------------------------------------------------------------

  var announcementList = document.querySelector("[data-announcements]");
  var seenAnnouncements = {};
  function showAnnouncement(a) {
    if (!announcementList || seenAnnouncements[a.id]) return;
    seenAnnouncements[a.id] = true;
    var time = a.created_at ? new Date(a.created_at).toLocaleTimeString(document.documentElement.lang || undefined,
      { hour: "2-digit", minute: "2-digit" }) : "";
    var item = el("li", { className: "announcement", "data-announcement-id": a.id }, [
      el("span", { className: "announcement-time", text: time }),
      " ",
      el("span", { className: "announcement-text", text: a.text })
    ]);
    announcementList.insertBefore(item, announcementList.firstChild);
    var region = announcementList.closest("[data-announcement-region]");
    if (region) region.hidden = false;
  }
  socket.on("announcement", function (a) {
    syncClock(a.server_time);
    if (cfg.table_id !== undefined && cfg.table_id !== null && a.table_id !== null && a.table_id !== cfg.table_id &&
        cfg.view !== "console") return;
    showAnnouncement(a);
  });

  // --- rendering of tallies -------------------------------------------------------------------

  // One figure per item for the bars, and a caption.
  function figures(round, tally, items) {
    var rows = [];
    var byId = {};
    ((tally && tally.items) || []).forEach(function (entry) { byId[entry.id] = entry; });
    items.forEach(function (item) {
      var entry = byId[item.id] || {};
      var value, caption;
      switch (round.method) {
        case "dots": value = entry.dots || 0; caption = count("n_dots", value); break;
        case "approval": value = entry.approvals || 0; caption = count("n_approvals", value); break;
        case "single": value = entry.votes || 0; caption = count("n_votes", value); break;
        case "ranking": value = entry.points || 0; caption = count("n_points", value); break;
        case "agreement":
          value = entry.mean === null || entry.mean === undefined ? 0 : entry.mean;
          caption = entry.mean === null || entry.mean === undefined ? "–" :
            t("mean", { mean: formatNumber(Number(entry.mean), 1) }) + " · " + count("n_votes", entry.count || 0);
          break;
        default: value = entry.count || 0; caption = formatNumber(value);
      }
      rows.push({ item: item, value: value, caption: caption, histogram: entry.histogram });
    });
    return rows;
  }

  function renderBars(container, round, tally, items, large) {
    clear(container);
    if (!round) return;
    if (!tally) {
      container.appendChild(el("p", { className: "muted", text: t("results_after_close") }));
      return;
    }
    if (!items || !items.length) items = (tally.items || []).map(function (i) { return { id: i.id, label: i.label }; });
    var rows = figures(round, tally, items);
    var max = round.method === "agreement" ? 5 : Math.max.apply(null, [1].concat(rows.map(function (r) { return r.value; })));
    var list = el("ol", { className: "tally-bars" + (large ? " tally-bars-large" : "") });
    rows.forEach(function (row) {
      var bar = el("span", { className: "tally-bar-fill" });
      bar.style.width = (max ? (100 * row.value / max) : 0).toFixed(1) + "%";  // CSSOM: allowed by the CSP
      list.appendChild(el("li", { className: "tally-row", "data-item-id": row.item.id, "data-value": row.value }, [
        el("span", { className: "tally-label", text: row.item.label }),
        el("span", { className: "tally-bar", "aria-hidden": "true" }, [bar]),
        el("span", { className: "tally-value", text: row.caption })
      ]));
    });
    container.appendChild(list);
    container.appendChild(el("p", { className: "tally-ballots muted", "data-ballots": tally.ballots || 0,
      text: t("n_ballots", { n: tally.ballots || 0 }) }));
  }

  // --- timers --------------------------------------------------------------------------------

  var timers = [];  // {node, getRound}
  function formatRemaining(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function renderTimers() {
    timers.forEach(function (timer) {
      var round = timer.getRound();
      if (!round || round.state !== "open" || !round.ends_at) {
        timer.node.textContent = round && round.state === "open" ? t("no_time_limit") : "";
        timer.node.dataset.remaining = "";
        return;
      }
      var remaining = Date.parse(round.ends_at) - serverNow();
      timer.node.textContent = formatRemaining(remaining);
      timer.node.dataset.remaining = String(Math.max(0, Math.ceil(remaining / 1000)));
      timer.node.classList.toggle("timer-ending", remaining < 30000);
    });
  }
  window.setInterval(renderTimers, 250);

  // --- state of one view (a table, or the plenary) ---------------------------------------------

  function newState() { return { round: null, tally: null, own_ballot: null, version: 0, items: [], table: null }; }

  // Apply a full snapshot: it replaces everything.
  function applySnapshot(state, snap) {
    syncClock(snap.server_time);
    // A push may have overtaken this answer: an older snapshot of the same round changes nothing.
    if (state.round && snap.round && snap.round.id === state.round.id && (snap.version || 0) < state.version) {
      return;
    }
    state.conference = snap.conference;
    state.table = snap.table;
    state.items = snap.items || [];
    state.round = snap.round;
    state.tally = snap.tally;
    state.own_ballot = snap.own_ballot;
    state.version = snap.version || 0;
    state.can_steer = !!snap.can_steer;
    (snap.announcements || []).slice().reverse().forEach(showAnnouncement);
  }

  // A pushed round change: newer versions of the same round win, and a newer round replaces an older.
  function applyRoundUpdate(state, msg) {
    syncClock(msg.server_time);
    var incoming = msg.round;
    if (state.round && incoming.id === state.round.id) {
      if (msg.version < state.version) return false;
    } else if (state.round && incoming.id < state.round.id) {
      return false;
    } else {
      state.own_ballot = null;
      if (msg.items) state.items = msg.items;
    }
    state.round = incoming;
    state.tally = msg.tally;
    state.version = msg.version;
    return true;
  }

  function applyTally(state, msg) {
    syncClock(msg.server_time);
    if (!state.round || msg.round_id !== state.round.id || msg.version < state.version) return false;
    state.tally = msg.tally;
    state.version = msg.version;
    return true;
  }

  function sameScope(msg, tableId) {
    return (msg.table_id === null || msg.table_id === undefined ? null : msg.table_id) === tableId;
  }

  // --- the participant's ballot form -------------------------------------------------------------

  function ballotForm(state, onSubmit) {
    var round = state.round, items = state.items, settings = round.settings || {};
    var form = el("form", { className: "ballot", "data-method": round.method, novalidate: true });
    var hint = el("p", { className: "ballot-hint muted" });
    form.appendChild(hint);
    var getPayload;

    if (round.method === "dots") {
      var total = settings.dots || 5, cap = settings.max_per_item || total;
      var dots = {};
      hint.textContent = t("dots_hint", { n: total, k: cap });
      var left = el("p", { className: "dots-left", "data-dots-left": total, text: t("dots_left", { n: total }) });
      var refresh = function () {
        var used = Object.keys(dots).reduce(function (sum, k) { return sum + dots[k]; }, 0);
        left.textContent = t("dots_left", { n: total - used });
        left.dataset.dotsLeft = String(total - used);
        form.querySelectorAll("[data-dot-count]").forEach(function (node) {
          node.textContent = String(dots[node.dataset.dotCount] || 0);
        });
        form.querySelectorAll("button[data-dot-add]").forEach(function (b) {
          b.disabled = used >= total || (dots[b.dataset.dotAdd] || 0) >= cap;
        });
        form.querySelectorAll("button[data-dot-remove]").forEach(function (b) {
          b.disabled = !(dots[b.dataset.dotRemove] || 0);
        });
      };
      var list = el("ul", { className: "ballot-items" });
      items.forEach(function (item) {
        list.appendChild(el("li", { className: "ballot-item" }, [
          el("span", { className: "ballot-label", text: item.label }),
          el("span", { className: "dot-controls" }, [
            el("button", { type: "button", className: "button button-small", "data-dot-remove": item.id,
              "aria-label": t("remove_dot", { item: item.label }), text: "−",
              onclick: function () { dots[item.id] = Math.max(0, (dots[item.id] || 0) - 1); refresh(); } }),
            el("output", { "data-dot-count": item.id, text: "0" }),
            el("button", { type: "button", className: "button button-small", "data-dot-add": item.id,
              "aria-label": t("add_dot", { item: item.label }), text: "+",
              onclick: function () { dots[item.id] = (dots[item.id] || 0) + 1; refresh(); } })
          ])
        ]));
      });
      form.appendChild(list);
      form.appendChild(left);
      refresh();
      getPayload = function () {
        var chosen = {};
        Object.keys(dots).forEach(function (k) { if (dots[k] > 0) chosen[k] = dots[k]; });
        return { dots: chosen };
      };
    } else if (round.method === "approval" || round.method === "single") {
      var multiple = round.method === "approval";
      hint.textContent = t(multiple ? "approval_hint" : "single_hint");
      var fieldset = el("fieldset", { className: "ballot-items" }, [el("legend", { className: "visually-hidden", text: round.title })]);
      items.forEach(function (item) {
        fieldset.appendChild(el("label", { className: "ballot-item" }, [
          el("input", { type: multiple ? "checkbox" : "radio", name: "choice", value: item.id }),
          " ", item.label
        ]));
      });
      form.appendChild(fieldset);
      getPayload = function () {
        var checked = Array.prototype.map.call(form.querySelectorAll("input[name=choice]:checked"),
          function (input) { return Number(input.value); });
        return multiple ? { items: checked } : { item: checked.length ? checked[0] : null };
      };
    } else if (round.method === "ranking") {
      var depth = Math.min(settings.depth || 3, items.length);
      hint.textContent = t("ranking_hint", { n: depth });
      var selects = [];
      for (var place = 1; place <= depth; place++) {
        var select = el("select", { name: "place" + place, "data-place": place },
          [el("option", { value: "", text: "—" })].concat(items.map(function (item) {
            return el("option", { value: item.id, text: item.label });
          })));
        selects.push(select);
        form.appendChild(el("label", { className: "ballot-item" }, [t("place_n", { n: place }) + " ", select]));
      }
      getPayload = function () {
        return { ranking: selects.map(function (s) { return s.value ? Number(s.value) : null; })
          .filter(function (v) { return v !== null; }) };
      };
    } else if (round.method === "agreement") {
      hint.textContent = t("agreement_hint");
      var scale = [1, 2, 3, 4, 5];
      items.forEach(function (item) {
        var group = el("fieldset", { className: "agreement-scale" }, [el("legend", { text: item.label })]);
        scale.forEach(function (value) {
          group.appendChild(el("label", { className: "agreement-step" }, [
            el("input", { type: "radio", name: "agree-" + item.id, value: value, "data-item": item.id }),
            " ", t("agreement_" + value)
          ]));
        });
        form.appendChild(group);
      });
      getPayload = function () {
        var ratings = {};
        form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
          ratings[input.dataset.item] = Number(input.value);
        });
        return { ratings: ratings };
      };
    }

    var message = el("p", { className: "ballot-message", role: "status", "aria-live": "polite" });
    var button = el("button", { type: "submit", className: "button button-primary", text: t("cast_vote") });
    form.appendChild(el("p", {}, [button]));
    form.appendChild(message);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      message.textContent = t("sending");
      onSubmit(getPayload(), function (error) {
        button.disabled = false;
        message.textContent = error ? (error.message || t("error")) : "";
      });
    });
    return form;
  }

  function describeBallot(state) {
    var ballot = state.own_ballot, byId = {};
    state.items.forEach(function (item) { byId[item.id] = item.label; });
    if (!ballot) return "";
    if (ballot.dots) return Object.keys(ballot.dots).map(function (k) { return byId[k] + ": " + ballot.dots[k]; }).join(", ");
    if (ballot.items) return ballot.items.map(function (k) { return byId[k]; }).join(", ");
    if (ballot.item !== undefined) return byId[ballot.item] || "";
    if (ballot.ranking) return ballot.ranking.map(function (k, i) { return (i + 1) + ". " + byId[k]; }).join(", ");
    if (ballot.ratings) return Object.keys(ballot.ratings).map(function (k) { return byId[k] + ": " + t("agreement_" + ballot.ratings[k]); }).join(", ");
    return "";
  }

  // Send a vote; on an acknowledgement timeout send the very same payload again.
  function sendVote(roundId, payload, done) {
    var attempt = 0;
    var message = { round_id: roundId, payload: payload, sent_at: Date.now() };
    function tryOnce() {
      attempt += 1;
      if (!socket.connected) {
        // The next connect re-joins first; the vote follows.
        socket.once("connect", function () { window.setTimeout(tryOnce, 200); });
        return;
      }
      socket.timeout(ACK_TIMEOUT_MS).emit("cast_vote", message, function (err, answer) {
        if (err) {
          if (attempt < VOTE_ATTEMPTS) { tryOnce(); return; }
          done({ error: "timeout", message: t("timeout") });
          return;
        }
        if (!answer || answer.ok === false) { done(answer || { error: "error" }); return; }
        done(null, answer);
      });
    }
    tryOnce();
  }

  // --- the participant's live page -------------------------------------------------------------

  function canVote(state) {
    var p = state.participant, round = state.round;
    if (!p || !round) return false;
    if (p.kind !== "expert" && p.kind !== "citizen") return false;
    return round.table_id === null || round.table_id === undefined || round.table_id === p.table_id;
  }

  // One panel of the live page: the participant's table, or the plenary.
  function participantPanel(panel, tableId) {
    var state = newState();
    var heading = panel.querySelector("[data-round-title]");
    var meta = panel.querySelector("[data-round-state]");
    var timer = panel.querySelector("[data-timer]");
    var ballotBox = panel.querySelector("[data-ballot]");
    var results = panel.querySelector("[data-results]");
    var optional = panel.hasAttribute("data-optional");
    timers.push({ node: timer, getRound: function () { return state.round; } });

    function render() {
      var round = state.round;
      panel.dataset.version = String(state.version);
      panel.dataset.roundId = round ? String(round.id) : "";
      panel.dataset.roundState = round ? round.state : "none";
      if (optional) panel.hidden = !round || round.state === "draft";
      if (!round || round.state === "draft") {
        heading.textContent = t("no_round");
        meta.textContent = t("no_round_hint");
        clear(ballotBox);
        clear(results);
        renderTimers();
        return;
      }
      heading.textContent = plain(round.title);
      meta.textContent = t("state_" + round.state) + " · " + t("method_" + round.method);
      clear(ballotBox);
      if (state.own_ballot) {
        ballotBox.appendChild(el("p", { className: "ballot-done", "data-own-ballot": "1" }, [
          el("strong", { text: t("vote_counted") }), " ", describeBallot(state)
        ]));
      } else if (round.state === "open" && canVote(state)) {
        ballotBox.appendChild(ballotForm(state, function (payload, finish) {
          sendVote(round.id, payload, function (error, answer) {
            finish(error);
            if (error) return;
            if (state.round && state.round.id === round.id) {
              state.own_ballot = answer.own_ballot || payload;
              render();
            }
          });
        }));
      } else if (round.state === "closed") {
        ballotBox.appendChild(el("p", { className: "muted", text: t("round_closed") }));
      }
      renderBars(results, round, state.tally, state.items, false);
      renderTimers();
    }

    function join() {
      request("join_table", { table_id: tableId }, function (error, answer) {
        if (error) {
          if (error.error === "timeout" && socket.connected) { window.setTimeout(join, 1000); return; }
          var box = document.querySelector("[data-live-error]");
          if (box) { box.hidden = false; box.textContent = error.message || t("error"); }
          return;
        }
        applySnapshot(state, answer.snapshot);
        state.participant = answer.snapshot.participant;
        render();
      });
    }
    socket.on("round_update", function (msg) {
      if (sameScope(msg, tableId) && applyRoundUpdate(state, msg)) render();
    });
    socket.on("tally", function (msg) {
      if (!sameScope(msg, tableId) || !applyTally(state, msg)) return;
      panel.dataset.version = String(state.version);
      renderBars(results, state.round, state.tally, state.items, false);
    });
    render();
    return join;
  }

  function participantPage(root) {
    var joins = [];
    var seatedAt = null;
    root.querySelectorAll("[data-panel]").forEach(function (panel) {
      var raw = panel.dataset.tableId;
      if (raw) seatedAt = Number(raw);
      joins.push(participantPanel(panel, raw ? Number(raw) : null));
    });
    onJoin = function () { joins.forEach(function (join) { join(); }); };
    // Seats were assigned, rotated or moved by hand: ask for our own table; a new one means a new page.
    socket.on("seats_changed", function () {
      request("join_table", {}, function (error, answer) {
        if (error) return;
        var table = answer.snapshot && answer.snapshot.table;
        var now = table ? table.id : null;
        if (now !== seatedAt) window.location.reload();
      });
    });
  }

  // --- the projector -----------------------------------------------------------------------------

  function projectorPage(root) {
    var state = newState();
    var tableId = cfg.table_id === undefined ? null : cfg.table_id;
    var heading = root.querySelector("[data-round-title]");
    var timer = root.querySelector("[data-timer]");
    var results = root.querySelector("[data-results]");
    var meta = root.querySelector("[data-round-state]");
    timers.push({ node: timer, getRound: function () { return state.round; } });
    function render() {
      root.dataset.version = String(state.version);
      root.dataset.roundState = state.round ? state.round.state : "none";
      heading.textContent = state.round ? plain(state.round.title) : t("no_round");
      meta.textContent = state.round ? t("state_" + state.round.state) + " · " + t("method_" + state.round.method) : "";
      renderBars(results, state.round, state.tally, state.items, true);
      renderTimers();
    }
    onJoin = function join() {
      request("join_table", { conference_id: cfg.conference_id, table_id: tableId, projector: true }, function (error, answer) {
        if (error) { if (socket.connected) window.setTimeout(join, 2000); return; }
        applySnapshot(state, answer.snapshot);
        render();
      });
    };
    socket.on("round_update", function (msg) { if (sameScope(msg, tableId) && applyRoundUpdate(state, msg)) render(); });
    socket.on("tally", function (msg) { if (sameScope(msg, tableId) && applyTally(state, msg)) render(); });
    render();
  }

  // --- the moderator console ------------------------------------------------------------------

  function consolePage(root) {
    var grid = root.querySelector("[data-tables]");
    var views = {};  // table id (or "plenary") -> {state, node parts}
    var feedback = root.querySelector("[data-console-feedback]");

    function say(error, okText) {
      if (!feedback) return;
      feedback.textContent = error ? (error.message || t("error")) : okText;
      feedback.dataset.kind = error ? "error" : "ok";
    }

    function command(event, payload, okText) {
      request(event, payload, function (error) { say(error, okText); });
    }

    function viewFor(key) { return views[key === null || key === undefined ? "plenary" : key]; }

    function renderView(view) {
      var state = view.state, round = state.round;
      view.node.dataset.version = String(state.version);
      view.node.dataset.roundState = round ? round.state : "none";
      view.roundTitle.textContent = round ? plain(round.title) : t("no_round");
      view.roundState.textContent = round ? t("state_" + round.state) + " · " + t("method_" + round.method) : "";
      renderBars(view.results, round, state.tally, state.items, false);
      clear(view.actions);
      if (round && round.state === "open") {
        view.actions.appendChild(el("button", { type: "button", className: "button button-small", "data-action": "close",
          text: t("close_round"), onclick: function () { command("close_round", { round_id: round.id }, t("done")); } }));
        view.actions.appendChild(el("button", { type: "button", className: "button button-small", "data-action": "extend",
          text: t("extend_round"), onclick: function () { command("extend_round", { round_id: round.id, seconds: 60 }, t("done")); } }));
      }
      if (round && round.state === "draft") {
        view.actions.appendChild(el("button", { type: "button", className: "button button-small button-primary",
          "data-action": "open", "data-round": round.id, text: t("open_named", { title: round.title }),
          onclick: function () { command("open_round", { round_id: round.id }, t("done")); } }));
      }
      renderTimers();
    }

    function renderPresence(view) {
      clear(view.people);
      var online = 0;
      view.participants.forEach(function (p) {
        if (p.online) online += 1;
        view.people.appendChild(el("li", { className: p.online ? "online" : "offline", "data-participant": p.id,
          "data-online": p.online ? "1" : "0" }, [
          el("span", { className: "presence-dot", "aria-hidden": "true" }),
          " " + p.name + (p.online ? "" : " (" + t("offline") + ")")
        ]));
      });
      view.onlineCount.textContent = t("n_online", { n: online, total: view.participants.length });
      view.onlineCount.dataset.online = String(online);
      view.onlineCount.hidden = view.key === "plenary";  // everybody votes there; the tables show who is online
    }

    function build(consoleState) {
      clear(grid);
      views = {};
      var tables = consoleState.tables || [];
      if (consoleState.plenary) tables = [consoleState.plenary].concat(tables);
      tables.forEach(function (entry) {
        var key = entry.table ? entry.table.id : "plenary";
        var node = el("section", { className: "console-table card", "data-table": key });
        var view = {
          node: node, key: key, state: newState(),
          participants: (entry.participants || []).map(function (p) {
            return { id: p.id, name: p.display_name || p.name, online: !!p.online };
          }),
          roundTitle: el("h3", { className: "console-round" }),
          roundState: el("p", { className: "muted console-round-state" }),
          timer: el("p", { className: "timer", "data-timer": "" }),
          results: el("div", { className: "console-results" }),
          actions: el("div", { className: "console-actions" }),
          people: el("ul", { className: "presence-list" }),
          onlineCount: el("p", { className: "online-count" })
        };
        view.state.items = entry.items || [];
        view.state.round = entry.round || null;
        view.state.tally = entry.tally || null;
        view.state.version = entry.version || 0;
        timers.push({ node: view.timer, getRound: function () { return view.state.round; } });
        var title = entry.table ? entry.table.topic : t("plenary");
        var links = el("p", { className: "console-links" });
        if (entry.projector_url) links.appendChild(el("a", { href: entry.projector_url, target: "_blank", text: t("projector") }));
        node.appendChild(el("h2", { text: title }));
        node.appendChild(view.onlineCount);
        node.appendChild(view.roundTitle);
        node.appendChild(view.roundState);
        node.appendChild(view.timer);
        node.appendChild(view.results);
        node.appendChild(view.actions);
        node.appendChild(links);
        node.appendChild(el("details", {}, [el("summary", { text: t("who_is_here") }), view.people]));
        grid.appendChild(node);
        views[key] = view;
        renderView(view);
        renderPresence(view);
      });
    }

    onJoin = function join() {
      request("join_console", { conference_id: cfg.conference_id }, function (error, answer) {
        if (error) { say(error); if (socket.connected && error.error === "timeout") window.setTimeout(join, 1000); return; }
        syncClock(answer.console.server_time);
        build(answer.console);
        (answer.console.announcements || []).slice().reverse().forEach(showAnnouncement);
      });
    };

    socket.on("round_update", function (msg) {
      var view = viewFor(msg.table_id);
      if (!view) return;
      if (applyRoundUpdate(view.state, msg)) renderView(view);
    });
    socket.on("tally", function (msg) {
      var view = viewFor(msg.table_id);
      if (view && applyTally(view.state, msg)) renderView(view);
    });
    socket.on("presence", function (msg) {
      var view = viewFor(msg.table_id);
      if (!view) return;
      var found = view.participants.filter(function (p) { return p.id === msg.participant_id; })[0];
      if (found) found.online = msg.online;
      else view.participants.push({ id: msg.participant_id, name: msg.name, online: msg.online });
      renderPresence(view);
    });
    socket.on("seats_changed", function () { if (onJoin) onJoin(); });  // seats moved: fresh console state

    // Forms: open a round at every table, close all, extend all, announce.
    var openAll = root.querySelector("[data-open-all]");
    if (openAll) openAll.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(openAll);
      var settings = {};
      if (data.get("dots")) settings.dots = Number(data.get("dots"));
      if (data.get("max_per_item")) settings.max_per_item = Number(data.get("max_per_item"));
      var template = {
        title: String(data.get("title") || ""),
        method: String(data.get("method") || ""),
        settings: settings,
        results_visibility: String(data.get("results_visibility") || "live"),
        duration_seconds: data.get("duration_minutes") ? Math.round(Number(data.get("duration_minutes")) * 60) : null
      };
      var target = String(data.get("target") || "all");
      if (target === "all") {
        command("open_rounds", { conference_id: cfg.conference_id, template: template, table_ids: null }, t("done"));
      } else {
        command("create_round", { conference_id: cfg.conference_id, template: template, open: true,
          table_id: target === "plenary" ? null : Number(target) }, t("done"));
      }
    });
    root.querySelectorAll("[data-all-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.dataset.allAction;
        if (action === "close") command("close_rounds", { conference_id: cfg.conference_id }, t("done"));
        if (action === "extend") command("extend_rounds", { conference_id: cfg.conference_id, seconds: 60 }, t("done"));
      });
    });
    var announce = root.querySelector("[data-announce]");
    if (announce) announce.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(announce);
      var target = String(data.get("table_id") || "");
      request("announce", { conference_id: cfg.conference_id, text: String(data.get("text") || ""),
        table_id: target ? Number(target) : null }, function (error) {
        say(error, t("announced"));
        if (!error) announce.reset();
      });
    });
  }

  var root = document.querySelector("[data-live-view]");
  if (!root) return;
  var view = root.dataset.liveView;
  cfg.view = view;
  if (view === "participant") participantPage(root);
  else if (view === "projector") projectorPage(root);
  else if (view === "console") consolePage(root);
})();
