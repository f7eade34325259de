// Small behaviours, no build step.
//
// Drafts. Forms marked data-autosave keep a draft of what was typed, so a lost connection or a
// reload does not lose the work. The draft is personal data, so:
// - it is kept only in this tab (sessionStorage), encrypted (AES-GCM) with a key the server puts
//   in each page of the signed-in user (<meta name="pokpong-draft-key">); signed out, no page
//   carries the key and what is left cannot be read;
// - drafts of another user are removed as soon as a page of a different user opens;
// - signing out removes every draft (and the server answers the sign-out with Clear-Site-Data);
// - a draft is removed once the server accepted the form (<body data-form-accepted>), even when
//   the answer leads back to the same form; after a rejection the server's copy is shown;
// - passwords, files and hidden fields are never stored; without Web Crypto (plain HTTP) nothing is;
// - drafts in localStorage, left by older versions, are removed on every page.
// htmx keeps no copy of pages in the browser either (historyCacheSize 0, in base.html).
(function () {
  "use strict";
  var PREFIX = "pokpong-draft:";
  var SUBMITTED = "pokpong-submitted";
  var subtle = window.crypto && window.crypto.subtle;

  function draftKeys(storage) {
    var keys = [];
    try {
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && key.indexOf(PREFIX) === 0) keys.push(key);
      }
    } catch (e) { /* storage blocked */ }
    return keys;
  }

  function removeDrafts(storage, keep) {
    draftKeys(storage).forEach(function (key) {
      if (!keep || !keep(key)) storage.removeItem(key);
    });
  }

  function forgetEverything() {
    try {
      removeDrafts(window.localStorage);
      removeDrafts(window.sessionStorage);
      window.sessionStorage.removeItem(SUBMITTED);
      window.sessionStorage.removeItem("htmx-history-cache");
    } catch (e) { /* storage blocked */ }
    // The offline work's records and cached pages (static/js/offline.js) go too.
    try { window.indexedDB.deleteDatabase("pokpong-offline"); } catch (e) { /* none */ }
    if (window.caches) caches.keys().then(function (names) { names.forEach(function (n) { caches.delete(n); }); });
  }

  function bytes(base64) {
    return Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
  }

  function base64(buffer) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(buffer)));
  }

  function storable(el) {
    return el.name && el.type !== "password" && el.type !== "file" && el.type !== "hidden";
  }

  function read(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!storable(el)) return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) data[el.name] = (data[el.name] || []).concat([el.value]);
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function fill(form, data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!storable(el) || !(el.name in data)) return;
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = data[el.name].indexOf(el.value) !== -1;
      } else {
        el.value = data[el.name];
      }
    });
  }

  function save(key, name, form) {
    var iv = window.crypto.getRandomValues(new Uint8Array(12));
    var plain = new TextEncoder().encode(JSON.stringify(read(form)));
    return subtle.encrypt({ name: "AES-GCM", iv: iv }, key, plain).then(function (sealed) {
      var value = JSON.stringify({ iv: base64(iv), data: base64(sealed) });
      try { window.sessionStorage.setItem(name, value); } catch (e) { /* storage full or blocked */ }
    });
  }

  function restore(key, name, form) {
    var raw = window.sessionStorage.getItem(name);
    if (!raw || form.querySelector(".error, .form-errors")) return Promise.resolve();
    var stored = JSON.parse(raw);
    return subtle.decrypt({ name: "AES-GCM", iv: bytes(stored.iv) }, key, bytes(stored.data))
      .then(function (plain) { fill(form, JSON.parse(new TextDecoder().decode(plain))); })
      .catch(function () { window.sessionStorage.removeItem(name); });
  }

  function keepDrafts(meta) {
    var owned = PREFIX + meta.dataset.owner + ":";
    removeDrafts(window.sessionStorage, function (key) { return key.indexOf(owned) === 0; });
    var submitted = window.sessionStorage.getItem(SUBMITTED);
    window.sessionStorage.removeItem(SUBMITTED);
    if (submitted && document.body.hasAttribute("data-form-accepted")) {
      window.sessionStorage.removeItem(submitted);
    }
    var forms = document.querySelectorAll("form[data-autosave]");
    if (!forms.length || !subtle) return;
    subtle.importKey("raw", bytes(meta.content), "AES-GCM", false, ["encrypt", "decrypt"])
      .then(function (key) {
        Array.prototype.forEach.call(forms, function (form) {
          var name = owned + form.dataset.autosave;
          restore(key, name, form).then(function () {
            form.addEventListener("input", function () { save(key, name, form); });
            form.addEventListener("change", function () { save(key, name, form); });
            form.addEventListener("submit", function () {
              window.sessionStorage.setItem(SUBMITTED, name);
            });
          });
        });
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    try {
      removeDrafts(window.localStorage);
      window.sessionStorage.removeItem("htmx-history-cache");
      var meta = document.querySelector('meta[name="pokpong-draft-key"]');
      if (meta) keepDrafts(meta);
    } catch (e) { /* storage blocked: no drafts */ }
    document.addEventListener("submit", function (event) {
      if (event.target.hasAttribute && event.target.hasAttribute("data-signout")) forgetEverything();
    });
  });
})();

// htmx does not swap error answers; a "too many requests" answer carries a message to show.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 429) { event.detail.shouldSwap = true; event.detail.isError = false; }
});

// Confirmation (casepage). A form with data-confirm="question" asks in a <dialog> before it is
// sent, then posts confirmed=1; data-confirm-yes / data-confirm-no label the two buttons. Without
// JavaScript (or <dialog>) the server asks on a page of its own (pokpong/core/confirm.py).
(function () {
  "use strict";
  var dialog = null;

  function button(text, className, value) {
    var b = document.createElement("button");
    b.type = "submit";
    b.className = className;
    b.value = value;
    b.textContent = text;
    return b;
  }

  function ask(form) {
    if (dialog) dialog.remove();
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-question");
    var question = document.createElement("p");
    question.id = "confirm-question";
    question.textContent = form.dataset.confirm;
    var choice = document.createElement("form");
    choice.method = "dialog";
    choice.className = "actions";
    choice.appendChild(button(form.dataset.confirmYes || "OK", "button", "yes"));
    choice.appendChild(button(form.dataset.confirmNo || "Cancel", "button-secondary", "no"));
    dialog.appendChild(question);
    dialog.appendChild(choice);
    document.body.appendChild(dialog);
    dialog.addEventListener("close", function () {
      if (dialog.returnValue !== "yes") return;
      var confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "confirmed";
      confirmed.value = "1";
      form.appendChild(confirmed);
      form.submit();
    });
    dialog.showModal();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-confirm")) return;
    if (typeof HTMLDialogElement !== "function") return; // the server asks instead
    if (form.querySelector('input[name="confirmed"]')) return;
    event.preventDefault();
    ask(form);
  });
})();

// The menu (a <details> in the header, usable without JavaScript) closes with Escape or a tap
// outside it, as a menu does.
document.addEventListener("keydown", function (event) {
  var menu = document.querySelector("details[data-menu][open]");
  if (menu && event.key === "Escape") {
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});
document.addEventListener("click", function (event) {
  var menu = document.querySelector("details[data-menu][open]");
  if (menu && !menu.contains(event.target)) menu.open = false;
});

// --- lists: long selects can be filtered by typing; a district select shows only the districts
// of the province chosen in the field it follows. Without JavaScript both stay plain selects
// (the districts grouped by province) and the server still checks the district's province.
(function () {
  "use strict";

  function words(text) { return (text || "").toLocaleLowerCase(); }

  function filterOptions(select, query) {
    var q = words(query).trim();
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var text = words(option.text + " " + (option.getAttribute("data-search") || ""));
      option.hidden = q !== "" && text.indexOf(q) === -1;
    });
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
  }

  function addFilter(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "select-filter";
    box.setAttribute("aria-label", select.getAttribute("data-filter"));
    box.placeholder = select.getAttribute("data-filter");
    box.setAttribute("aria-controls", select.id);
    box.addEventListener("input", function () { filterOptions(select, box.value); });
    select.parentNode.insertBefore(box, select);
  }

  function followProvince(select) {
    var parent = select.form && select.form.elements[select.getAttribute("data-within")];
    if (!parent || !parent.options) return;
    function show() {
      var chosen = parent.value ? parent.options[parent.selectedIndex].text : "";
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var other = chosen !== "" && group.label !== chosen;
        group.hidden = other;
        group.disabled = other;
      });
      var current = select.options[select.selectedIndex];
      if (current && current.parentNode.disabled) select.value = "";
    }
    parent.addEventListener("change", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), addFilter);
    Array.prototype.forEach.call(document.querySelectorAll("select[data-within]"), followProvince);
  });
})();

// Long selects (countries) come with their common options and the current choice only (daily):
// the others are fetched when the user types in the filter box or taps "Show every country".
// Without JavaScript that link reloads the page with every option (core/forms.py PinnedSelect).
(function () {
  "use strict";

  function loadMore(select, then) {
    var url = select.getAttribute("data-more");
    if (!url) return;
    select.removeAttribute("data-more");
    var query = (url.indexOf("?") === -1 ? "?" : "&") + "leave_out=" + encodeURIComponent(select.value);
    fetch(url + query, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        select.insertAdjacentHTML("beforeend", html);
        var link = document.querySelector('a.show-all-options[data-for="' + select.id + '"]');
        if (link) link.remove();
        var box = select.previousElementSibling;
        if (box && box.classList.contains("select-filter")) box.dispatchEvent(new Event("input"));
        if (then) then();
      })
      .catch(function () { select.setAttribute("data-more", url); }); // the link still reloads
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.show-all-options") : null;
    if (!link) return;
    var select = document.getElementById(link.getAttribute("data-for"));
    if (!select || !select.getAttribute("data-more")) return;
    event.preventDefault();
    loadMore(select, function () { select.focus(); });
  });

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("select-filter") || !box.value.trim()) return;
    var select = document.getElementById(box.getAttribute("aria-controls"));
    if (select && select.getAttribute("data-more")) loadMore(select);
  });
})();
