// Small behaviours, no build step.
// Forms marked data-autosave keep a draft of what was typed in this browser, so a lost connection
// or a closed tab does not lose the work. Passwords and files are never stored. The draft is
// cleared when the server accepts the form (the next page carries no form with the same key).
(function () {
  "use strict";
  var PREFIX = "pokpong-draft:";

  function storable(el) {
    return el.name && el.type !== "password" && el.type !== "file" && el.type !== "hidden";
  }

  function save(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!storable(el)) return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) data[el.name] = (data[el.name] || []).concat([el.value]);
      } else {
        data[el.name] = el.value;
      }
    });
    try { localStorage.setItem(PREFIX + form.dataset.autosave, JSON.stringify(data)); } catch (e) { /* storage full or blocked */ }
  }

  function restore(form) {
    var raw = null;
    try { raw = localStorage.getItem(PREFIX + form.dataset.autosave); } catch (e) { return; }
    if (!raw || form.querySelector(".error")) return; // the server's copy wins after a rejection
    var data = JSON.parse(raw);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!storable(el) || !(el.name in data)) return;
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = data[el.name].indexOf(el.value) !== -1;
      } else {
        el.value = data[el.name];
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-autosave]");
    var live = {};
    Array.prototype.forEach.call(forms, function (form) {
      live[PREFIX + form.dataset.autosave] = true;
      restore(form);
      form.addEventListener("input", function () { save(form); });
    });
    // A successful POST redirects away: drop drafts of forms that were submitted.
    var submitted = sessionStorage.getItem("pokpong-submitted");
    if (submitted && !live[submitted]) { localStorage.removeItem(submitted); }
    sessionStorage.removeItem("pokpong-submitted");
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.dataset && form.dataset.autosave) sessionStorage.setItem("pokpong-submitted", PREFIX + form.dataset.autosave);
    });
  });
})();

// htmx does not swap error answers; a "too many requests" answer carries a message to show.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 429) { event.detail.shouldSwap = true; event.detail.isError = false; }
});
