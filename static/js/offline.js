// Offline work (issue 22): only on /offline/. No framework, no build step.
//
// - Preparing the phone: the user chooses a passphrase; a key is derived from it (PBKDF2-SHA-256,
//   310,000 rounds, a random salt) and kept only in this page's memory while it is open (never
//   stored; the CryptoKey is not extractable). The page and its static files go to the Cache
//   Storage and a service worker (/offline/sw.js) answers from there without a connection.
// - Every record typed is kept in IndexedDB sealed with AES-GCM under that key (a fresh IV each
//   time); only its id, kind, state and time are in clear.
// - A wrong passphrase five times, the "delete" button, or signing out (here, in pokpong.js, and
//   the server's Clear-Site-Data) deletes the database, the caches and the service worker.
// - Sync: records are sent one by one (persons first, so a screening can name a person registered
//   offline) to /offline/sync/, which runs the online forms and policy; its answer per record
//   is kept (sealed) and shown. A record keeps its random id, so a retry never duplicates it.
(function () {
  "use strict";
  var root = document.getElementById("offline-app");
  if (!root) return;
  var DB = "pokpong-offline", CACHE = "pokpong-offline-v1", TRIES = 5, ROUNDS = 310000;
  var ORDER = { person: 0, screening: 1, follow_up: 2 };
  var STATES = { created: "synced", conflict: "conflict", invalid: "invalid", duplicate: "duplicate", refused: "refused" };
  var subtle = window.crypto && window.crypto.subtle;
  var enc = new TextEncoder(), dec = new TextDecoder();
  var key = null, db = null, syncing = false;

  function $(id) { return document.getElementById(id); }
  function msg(name) { return root.getAttribute("data-msg-" + name) || name; }
  function say(text) { $("offline-status").textContent = text; }
  function show(id) {
    ["offline-setup", "offline-unlock", "offline-work"].forEach(function (s) { $(s).hidden = s !== id; });
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function req(r) {
    return new Promise(function (ok, ko) {
      r.onsuccess = function () { ok(r.result); };
      r.onerror = function () { ko(r.error); };
    });
  }
  function open() {
    var r = indexedDB.open(DB, 1);
    r.onupgradeneeded = function () {
      r.result.createObjectStore("meta");
      r.result.createObjectStore("records", { keyPath: "id" });
    };
    return req(r).then(function (d) {
      d.onversionchange = function () { d.close(); }; // another page deletes it: let it
      db = d;
    });
  }
  function store(name, mode) { return db.transaction(name, mode || "readonly").objectStore(name); }
  function putLock(lock) { return req(store("meta", "readwrite").put(lock, "lock")); }
  function putRecord(record) { return req(store("records", "readwrite").put(record)); }

  function derive(passphrase, salt) {
    return subtle.importKey("raw", enc.encode(passphrase), "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return subtle.deriveKey({ name: "PBKDF2", salt: salt, iterations: ROUNDS, hash: "SHA-256" },
          base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      });
  }
  function seal(value) {
    var iv = window.crypto.getRandomValues(new Uint8Array(12));
    return subtle.encrypt({ name: "AES-GCM", iv: iv }, key, enc.encode(JSON.stringify(value)))
      .then(function (data) { return { iv: iv, data: data }; });
  }
  function unseal(box, withKey) {
    return subtle.decrypt({ name: "AES-GCM", iv: box.iv }, withKey || key, box.data)
      .then(function (plain) { return JSON.parse(dec.decode(plain)); });
  }

  function wipe() {
    key = null;
    if (db) { db.close(); db = null; }
    var jobs = [req(indexedDB.deleteDatabase(DB)).catch(function () {})];
    if (window.caches) {
      jobs.push(caches.keys().then(function (names) { return Promise.all(names.map(function (n) { return caches.delete(n); })); }));
    }
    if (navigator.serviceWorker) {
      jobs.push(navigator.serviceWorker.getRegistrations().then(function (found) {
        return Promise.all(found.map(function (r) { return r.unregister(); }));
      }));
    }
    return Promise.all(jobs).then(open);
  }

  function cacheApp() {
    var jobs = [];
    if (navigator.serviceWorker) {
      jobs.push(navigator.serviceWorker.register(root.dataset.sw, { scope: root.dataset.scope }));
    }
    if (window.caches) {
      jobs.push(caches.open(CACHE).then(function (cache) { return cache.addAll(root.dataset.cache.split(" ")); }));
    }
    return Promise.all(jobs).catch(function () { /* stays usable online */ });
  }

  function prepare(event) {
    event.preventDefault();
    var first = $("new-passphrase").value, again = $("new-passphrase-again").value;
    var error = $("prepare-error");
    if (first.length < 8) { error.textContent = msg("short"); return; }
    if (first !== again) { error.textContent = msg("mismatch"); return; }
    error.textContent = "";
    var salt = window.crypto.getRandomValues(new Uint8Array(16));
    derive(first, salt).then(function (derived) { key = derived; return seal("pokpong"); })
      .then(function (check) { return putLock({ salt: salt, check: check, failures: 0, owner: root.dataset.owner }); })
      .then(cacheApp)
      .then(function () { event.target.reset(); unlocked(); say(msg("prepared")); });
  }

  function unlock(event) {
    event.preventDefault();
    var field = $("passphrase"), error = $("unlock-error");
    req(store("meta").get("lock")).then(function (lock) {
      return derive(field.value, lock.salt).then(function (derived) {
        return unseal(lock.check, derived).then(function () {
          key = derived;
          lock.failures = 0;
          return putLock(lock).then(function () { field.value = ""; error.textContent = ""; unlocked(); });
        }, function () {
          lock.failures += 1;
          field.value = "";
          if (lock.failures >= TRIES) {
            return wipe().then(function () { error.textContent = ""; show("offline-setup"); say(msg("wiped")); });
          }
          error.textContent = msg("wrong") + " " + (TRIES - lock.failures);
          return putLock(lock);
        });
      });
    });
  }

  function unlocked() {
    show("offline-work");
    say(navigator.onLine ? msg("online") : msg("offline"));
    render().then(function () { if (navigator.onLine) { cacheApp(); sync(); } });
  }

  function read(form) {
    var fields = {}, env = {};
    each(form.elements, function (el) {
      if (!el.name || ((el.type === "checkbox" || el.type === "radio") && !el.checked)) return;
      var target = el.name.indexOf("__") === 0 ? env : fields, name = el.name.replace(/^__/, "");
      if (name in target) target[name] = [].concat(target[name], el.value);
      else target[name] = el.value;
    });
    return { fields: fields, env: env };
  }

  function fill(form, plain) {
    form.reset();
    each(form.elements, function (el) {
      if (!el.name) return;
      var source = el.name.indexOf("__") === 0 ? plain.env : plain.fields;
      var value = source[el.name.replace(/^__/, "")];
      if (el.type === "checkbox" || el.type === "radio") el.checked = [].concat(value).indexOf(el.value) !== -1;
      else if (value !== undefined) el.value = value;
    });
  }

  function label(kind, data, form) {
    var f = data.fields;
    if (kind === "person") {
      return [f.given_name_lo, f.family_name_lo].join(" ").trim() || [f.given_name_latin, f.family_name_latin].join(" ").trim();
    }
    if (kind === "screening") {
      var who = form.elements.__person_ref;
      return (data.env.person_ref && who.selectedOptions[0] ? who.selectedOptions[0].text : data.env.person_code) || "";
    }
    var visit = form.elements.__visit.selectedOptions[0];
    return visit ? visit.text : "";
  }

  function keep(event) {
    var form = event.target, kind = form.getAttribute("data-offline-kind");
    if (!kind) return;
    event.preventDefault();
    var data = read(form);
    if (kind === "follow_up") {
      var visit = form.elements.__visit.selectedOptions[0];
      data.env.base = visit ? visit.getAttribute("data-base") : "";
    }
    var record = { id: form.dataset.editing || window.crypto.randomUUID(), kind: kind, state: "unsynced", at: Date.now() };
    seal({ fields: data.fields, env: data.env, label: label(kind, data, form) }).then(function (box) {
      record.box = box;
      return putRecord(record);
    }).then(function () {
      form.reset();
      delete form.dataset.editing;
      form.querySelector(".form-errors").hidden = true;
      var confirm = form.querySelector("[data-confirm-field]");
      if (confirm) confirm.hidden = true;
      say(msg("kept"));
      return render();
    }).then(function () { if (navigator.onLine) sync(); });
  }

  function fieldLabel(form, name) {
    var el = form.elements[name];
    var first = el && (el.id ? el : el[0]);
    var found = first && form.querySelector('label[for="' + first.id + '"]');
    return found ? found.textContent.replace(/[:：]\s*$/, "") + ": " : "";
  }

  function correct(record, plain) {
    var form = document.querySelector('form[data-offline-kind="' + record.kind + '"]');
    if (!form) return;
    fill(form, plain);
    form.dataset.editing = record.id;
    var box = form.querySelector(".form-errors"), result = plain.result || {};
    box.textContent = "";
    Object.keys(result.errors || {}).forEach(function (name) {
      result.errors[name].forEach(function (text) {
        var p = document.createElement("p");
        p.textContent = (name === "__all__" ? "" : fieldLabel(form, name)) + text;
        box.appendChild(p);
      });
    });
    (result.candidates || []).forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = msg("duplicate") + " " + text;
      box.appendChild(p);
    });
    box.hidden = !box.childNodes.length;
    var confirm = form.querySelector("[data-confirm-field]");
    if (confirm) confirm.hidden = record.state !== "duplicate";
    form.parentNode.open = true;
    form.scrollIntoView();
  }

  function line(record, plain) {
    var li = document.createElement("li"), result = plain.result || {};
    li.className = "offline-record offline-" + record.state;
    li.setAttribute("data-state", record.state);
    var states = { unsynced: msg("unsynced"), synced: msg("synced"), invalid: msg("invalid"),
      duplicate: msg("duplicate") + " " + (result.candidates || []).join("; "),
      conflict: msg("conflict"), refused: msg("refused") };
    li.textContent = msg(record.kind.replace("_", "-")) + ": " + plain.label + " — " + (states[record.state] || "");
    if (result.code && (record.state === "synced" || record.state === "conflict")) {
      var code = document.createElement(result.url ? "a" : "span");
      code.className = "offline-code";
      code.textContent = result.code;
      if (result.url) code.href = result.url;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(code);
    }
    if (record.state === "invalid" || record.state === "duplicate") {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-link";
      button.textContent = msg("correct");
      button.addEventListener("click", function () { correct(record, plain); });
      li.appendChild(document.createTextNode(" "));
      li.appendChild(button);
    }
    return li;
  }

  function render() {
    return req(store("records").getAll()).then(function (records) {
      records.sort(function (a, b) { return a.at - b.at; });
      return Promise.all(records.map(function (r) { return unseal(r.box).then(function (p) { return [r, p]; }); }));
    }).then(function (pairs) {
      var list = $("offline-records"), persons = $("screening_person");
      list.textContent = "";
      each(persons.querySelectorAll("option[data-offline]"), function (o) { o.remove(); });
      pairs.forEach(function (pair) {
        list.appendChild(line(pair[0], pair[1]));
        if (pair[0].kind === "person" && pair[0].state !== "refused") {
          var option = new Option(pair[1].label + " (" + msg("registered") + ")", pair[0].id);
          option.setAttribute("data-offline", "");
          persons.appendChild(option);
        }
      });
      if (!pairs.length) {
        var none = document.createElement("li");
        none.textContent = msg("none");
        list.appendChild(none);
      }
    });
  }

  function send(record, csrf) {
    return unseal(record.box).then(function (plain) {
      var body = { client_id: record.id, kind: record.kind, fields: plain.fields };
      Object.keys(plain.env).forEach(function (name) { if (plain.env[name]) body[name] = plain.env[name]; });
      return fetch(root.dataset.sync, {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" }
      }).then(function (response) {
        if (response.redirected || response.status === 403) throw new Error("sign-in");
        return response.json();
      }).then(function (answer) {
        var state = STATES[answer.status];
        if (!state) return null; // waiting or to retry later: stays to send
        record.state = state;
        plain.result = answer;
        if (state === "synced" || state === "conflict") plain.fields = {}; // kept by the server now
        return seal(plain).then(function (box) { record.box = box; return putRecord(record); });
      });
    });
  }

  function sync() {
    if (syncing || !key || !navigator.onLine) return Promise.resolve();
    syncing = true;
    say(msg("syncing"));
    return fetch(root.dataset.sync, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok || response.redirected) throw new Error("sign-in");
        return response.json();
      })
      .then(function (token) {
        return req(store("records").getAll()).then(function (records) {
          var todo = records.filter(function (r) { return r.state === "unsynced"; });
          todo.sort(function (a, b) { return ORDER[a.kind] - ORDER[b.kind] || a.at - b.at; });
          return todo.reduce(function (done, r) { return done.then(function () { return send(r, token.csrf); }); }, Promise.resolve());
        });
      })
      .then(function () { say(msg("online")); }, function (error) {
        say(error && error.message === "sign-in" ? msg("sign-in") : msg("sync-failed"));
      })
      .then(function () { syncing = false; return render(); });
  }

  function clearSent() {
    req(store("records").getAll()).then(function (records) {
      return Promise.all(records.filter(function (r) { return r.state === "synced" || r.state === "conflict"; })
        .map(function (r) { return req(store("records", "readwrite").delete(r.id)); }));
    }).then(render);
  }

  function start() {
    if (!subtle || !window.indexedDB || !window.crypto.randomUUID) { say(msg("unsupported")); return; }
    say(navigator.onLine ? msg("online") : msg("offline"));
    open().then(function () { return req(store("meta").get("lock")); }).then(function (lock) {
      if (lock && root.dataset.owner && lock.owner !== root.dataset.owner) {
        return wipe().then(function () { show("offline-setup"); say(msg("other-user")); });
      }
      show(lock ? "offline-unlock" : "offline-setup");
    });
    $("offline-prepare").addEventListener("submit", prepare);
    $("offline-unlock-form").addEventListener("submit", unlock);
    $("offline-work").addEventListener("submit", keep);
    $("offline-sync").addEventListener("click", sync);
    $("offline-clear").addEventListener("click", clearSent);
    $("offline-wipe").addEventListener("click", function () {
      if (window.confirm(msg("confirm-wipe"))) wipe().then(function () { show("offline-setup"); say(msg("wiped")); });
    });
    window.addEventListener("online", function () { say(msg("online")); sync(); });
    window.addEventListener("offline", function () { say(msg("offline")); });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
