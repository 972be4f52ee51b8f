/* No lost work on the article form (templates/admin/news/article/change_form.html).

   1. Leaving the form with unsaved changes asks first (the browser's own "leave page?" dialog).
   2. While the form changes, its title, summary and body are kept in this browser's
      localStorage under a key of the user and the article ("cchc:draft:<user>:<article|new>").
      When the form opens again with such a copy that differs from what the server holds (the
      tab was closed, the session expired during typing and the login brought the user back), a
      bar offers "Khôi phục" (put the copy back into the form) or "Bỏ qua" (throw it away).
   3. The copy is thrown away once a save succeeds: the submit remembers the key for this tab
      (sessionStorage), and the next page that shows a success message removes it.
*/
(function () {
  "use strict";
  var PENDING = "cchc:draft:pending";

  function store(kind) {
    try { return window[kind]; } catch (error) { return null; }
  }
  var local = store("localStorage");
  var session = store("sessionStorage");
  if (!local) { return; }

  function clearSavedDraft() {
    var key = session && session.getItem(PENDING);
    if (key && document.querySelector(".messagelist .success") && !document.querySelector(".errornote")) {
      local.removeItem(key);
      session.removeItem(PENDING);
    }
  }

  function whenEditorReady(callback) {
    var tries = 0;
    (function look() {
      var editable = document.querySelector("#article_form .ck-editor__editable");
      if (editable && editable.ckeditorInstance) { callback(editable.ckeditorInstance); return; }
      if (++tries < 200) { window.setTimeout(look, 50); } else { callback(null); }
    })();
  }

  function setUp(config, editor) {
    var form = document.getElementById("article_form");
    var key = "cchc:draft:" + config.dataset.user + ":" + (config.dataset.article || "new");
    var title = document.getElementById("id_title");
    var summary = document.getElementById("id_summary");
    var changed = false;
    var submitting = false;

    function values() {
      return {
        title: title ? title.value : "",
        summary: summary ? summary.value : "",
        body: editor ? editor.getData() : ""
      };
    }
    var initial = values();

    function same(a, b) {
      return a.title === b.title && a.summary === b.summary && a.body === b.body;
    }

    function keep() {
      changed = true;
      var now = values();
      if (same(now, initial)) { return; }
      now.savedAt = new Date().toISOString();
      try { local.setItem(key, JSON.stringify(now)); } catch (error) { /* storage full */ }
    }

    function offer(draft) {
      var bar = document.getElementById("article-draft-restore");
      bar.querySelector(".article-draft-restore__when").textContent =
        new Date(draft.savedAt).toLocaleString("vi-VN");
      bar.hidden = false;
      bar.querySelector("[data-draft=restore]").addEventListener("click", function () {
        if (title) { title.value = draft.title; }
        if (summary) { summary.value = draft.summary; }
        if (editor) { editor.setData(draft.body); }
        bar.hidden = true;
        changed = true;
      });
      bar.querySelector("[data-draft=discard]").addEventListener("click", function () {
        local.removeItem(key);
        bar.hidden = true;
      });
    }

    var saved = null;
    try { saved = JSON.parse(local.getItem(key) || "null"); } catch (error) { saved = null; }
    // A copy equal to the form (a form shown again with errors, say) needs no offer; it stays
    // until a successful save, so a tab closed now still loses nothing.
    if (saved && !same(saved, initial)) {
      offer(saved);
    }

    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    if (editor) { editor.model.document.on("change:data", keep); }
    form.addEventListener("submit", function () {
      submitting = true;
      keep();
      if (session) { session.setItem(PENDING, key); }
    });
    window.addEventListener("beforeunload", function (event) {
      if (!changed || submitting || same(values(), initial)) { return; }
      event.preventDefault();
      event.returnValue = "";
    });
  }

  function start() {
    clearSavedDraft();
    var config = document.getElementById("article-draft");
    if (!config || !document.getElementById("article_form")) { return; }
    whenEditorReady(function (editor) { setUp(config, editor); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
