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
      if ((el.dataset.att || "").split(" ").indexOf(attId) >= 0) {
        el.classList.add("focus");
        var fold = el.closest("details");  // a highlight in folded page furniture: unfold it
        if (fold) fold.open = true;
      }
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

// Article page: every entity mention names its entity on hover; clicking a mention (or an entity in
// the list) marks every mention of that entity, clicking it again clears the marks.
(function () {
  "use strict";
  var article = document.getElementById("article");
  if (!article) return;
  var focused = null;
  function first(el) { return (el.dataset.ent || "").split(" ")[0]; }
  function each(id, fn) {
    document.querySelectorAll("[data-ent]").forEach(function (el) {
      if ((el.dataset.ent || "").split(" ").indexOf(id) >= 0) fn(el);
    });
  }
  function focusEntity(id) {
    document.querySelectorAll(".ent-focus").forEach(function (el) { el.classList.remove("ent-focus"); });
    focused = id === focused ? null : id;
    if (focused) each(focused, function (el) {
      el.classList.add("ent-focus");
      var fold = el.closest("details");
      if (fold) fold.open = true;
    });
  }
  article.addEventListener("click", function (ev) {
    var el = ev.target.closest(".ent");
    if (el) focusEntity(first(el));
  });
  article.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest(".ent");
    if (el) each(first(el), function (m) { m.classList.add("ent-hover"); });
  });
  article.addEventListener("mouseout", function (ev) {
    var el = ev.target.closest(".ent");
    if (el) document.querySelectorAll(".ent-hover").forEach(function (m) { m.classList.remove("ent-hover"); });
  });
  document.querySelectorAll("li.ent-item").forEach(function (li) {
    function pick() {
      focusEntity(li.dataset.ent);
      var mention = article.querySelector(".ent.ent-focus");
      if (mention) mention.scrollIntoView({block: "center", behavior: "smooth"});
    }
    li.addEventListener("click", pick);
    li.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); }
    });
  });
})();
