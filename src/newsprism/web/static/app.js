/* The stories page: marks the stories changed since the reader's last visit, and follows the live
   alerts of `newsprism watch`. No inline script (the CSP forbids it): this file is served by the app.

   Last visit: the last change of any story when the page was rendered (data-seen, the server's
   record, not the browser's clock) is kept in localStorage; the next visit marks each story whose
   data-updated is after it. Both are written by the server in one format (ISO 8601 UTC,
   microseconds), so they compare as text.
   Alerts: server-sent events from /api/alerts/stream (the browser reconnects by itself when a stream
   ends, from the last id it saw); when streams are refused or unsupported, /api/alerts is polled. */
(function () {
  "use strict";
  var VISIT_KEY = "newsprism.lastVisit";
  var POLL_MS = 10000;
  var MAX_SHOWN = 30;

  function markUpdated() {
    var list = document.querySelector("ol.story-list[data-seen]");
    if (!list) { return; }
    var last = null;
    try { last = window.localStorage.getItem(VISIT_KEY); } catch (e) { return; }  // storage disabled
    if (last) {
      var items = list.querySelectorAll("li[data-updated]");
      for (var i = 0; i < items.length; i++) {
        if (items[i].getAttribute("data-updated") > last) {
          items[i].classList.add("updated");
          var mark = items[i].querySelector(".updated-mark");
          if (mark) { mark.hidden = false; }
        }
      }
    }
    var seen = list.getAttribute("data-seen");
    if (seen && (!last || seen > last)) {
      try { window.localStorage.setItem(VISIT_KEY, seen); } catch (e) { /* storage full or disabled */ }
    }
  }

  function followAlerts() {
    var panel = document.getElementById("alerts");
    if (!panel) { return; }
    var list = panel.querySelector(".alert-list");
    var after = Number(panel.getAttribute("data-after")) || 0;

    function add(alert) {
      if (!alert || alert.id <= after) { return; }
      after = alert.id;
      var item = document.createElement("li");
      item.className = "alert-item new";
      item.setAttribute("data-alert-id", String(alert.id));
      var link = document.createElement("a");
      link.href = "/stories/" + encodeURIComponent(alert.story_id);
      link.textContent = (alert.kind || "conflict") + ": " + (alert.explanation || alert.conflict_id);
      var when = document.createElement("span");
      when.className = "date";
      when.textContent = alert.at;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(when);
      list.insertBefore(item, list.firstChild);
      while (list.children.length > MAX_SHOWN) { list.removeChild(list.lastChild); }
    }

    function poll() {
      fetch("/api/alerts?after=" + after, { headers: { accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { data.items.forEach(add); } })
        .catch(function () { /* the server is away: try again later */ })
        .then(function () { window.setTimeout(poll, POLL_MS); });
    }

    if (!window.EventSource) { poll(); return; }
    var source = new EventSource("/api/alerts/stream?after=" + after);
    source.addEventListener("alert", function (event) { add(JSON.parse(event.data)); });
    source.onerror = function () {
      // CLOSED: refused (e.g. 503, too many streams), not a stream that ended (that one reconnects).
      if (source.readyState === EventSource.CLOSED) { poll(); }
    };
  }

  markUpdated();
  followAlerts();
})();
