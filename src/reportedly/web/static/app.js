// Article page: clicking a highlight shows who said it, anonymity, hedges, date and relay chain.
(function () {
  "use strict";
  var dataEl = document.getElementById("att-data");
  if (!dataEl) return;
  var atts = JSON.parse(dataEl.textContent || "{}");
  var panel = document.getElementById("detail");
  function set(id, value) { document.getElementById(id).textContent = value; }
  function select(attId) {
    var a = atts[attId];
    if (!a) return;
    document.querySelectorAll(".hl.focus").forEach(function (el) { el.classList.remove("focus"); });
    document.querySelectorAll("li.att.selected").forEach(function (el) { el.classList.remove("selected"); });
    document.querySelectorAll(".hl").forEach(function (el) {
      if ((el.dataset.att || "").split(" ").indexOf(attId) >= 0) el.classList.add("focus");
    });
    var item = document.getElementById("att-" + attId);
    if (item) {
      item.classList.add("selected");
      panel.style.setProperty("--hue", item.style.getPropertyValue("--hue"));
    }
    set("d-speaker", a.speaker);
    set("d-anonymous", a.anonymous ? "yes" + (a.description ? " (" + a.description + ")" : "") : "no");
    set("d-kind", a.kind || "");
    set("d-hedges", a.hedges && a.hedges.length ? a.hedges.join(", ") : "none");
    set("d-date", a.date || "not stated");
    set("d-chain", a.chain && a.chain.length ? a.chain.join(" → ") : "direct to this outlet");
    var link = document.getElementById("d-link");
    if (a.speaker_id) {
      link.href = "/speakers/" + encodeURIComponent(a.speaker_id);
      link.hidden = false;
    } else {
      link.hidden = true;
    }
    panel.hidden = false;
  }
  document.getElementById("article").addEventListener("click", function (ev) {
    var el = ev.target.closest(".hl");
    if (el && el.dataset.att) select(el.dataset.att.split(" ")[0]);
  });
  document.querySelectorAll("li.att").forEach(function (li) {
    li.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) return;
      select(li.dataset.att);
    });
    li.addEventListener("keydown", function (ev) {
      if ((ev.key === "Enter" || ev.key === " ") && !ev.target.closest("a")) {
        ev.preventDefault();
        select(li.dataset.att);
        var first = document.querySelector(".hl.focus");
        if (first) first.scrollIntoView({block: "center", behavior: "smooth"});
      }
    });
  });
  var m = /^#att-(.+)$/.exec(window.location.hash);
  if (m) select(decodeURIComponent(m[1]));
})();
