// newsfuse report: clicking a fact (or one of its evidence chips) scrolls every source column
// to the fact's evidence and flashes it; clicking highlighted source text finds the fact in
// the report. Facts carry data-target="<fact>" (or "<fact>.e<k>" for one piece of evidence);
// marks carry data-fact="<fact> <fact>.e<k> ..." for every fact covering that run of text.
// With many sources the columns scroll sideways: a fact's sources are brought to the front, and
// the picker (buttons with data-col="<article>") brings any one column into view.
(function () {
  "use strict";

  function flash(el, cls) {
    el.classList.remove(cls);
    void el.offsetWidth; // restart the animation when the same fact is clicked twice
    el.classList.add(cls);
  }

  function showEvidence(token, origin, instant) {
    var behavior = instant ? "auto" : "smooth";
    var story = origin.closest(".story");
    if (!story) return;
    story.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    story.querySelectorAll(".fact.active").forEach(function (f) { f.classList.remove("active"); });
    var fact = origin.closest(".fact");
    if (fact) fact.classList.add("active");

    var marks = story.querySelectorAll('mark[data-fact~="' + token + '"]');
    var reached = new Set();
    marks.forEach(function (mark) {
      var box = mark.closest(".text");
      if (!reached.has(box)) {
        reached.add(box);
        // The first span of the fact in this source goes a third of the way down its column.
        box.scrollTo({ top: Math.max(0, mark.offsetTop - box.clientHeight / 3), behavior: behavior });
      }
      mark.classList.add("current");
      flash(mark, "flash");
    });
    // Say so where a source has nothing for this fact, rather than leaving it where it was; the
    // sources that have it come first, so that the ones in view are the ones to read.
    var cols = story.querySelector(".cols");
    story.querySelectorAll(".col").forEach(function (col) {
      var has = reached.has(col.querySelector(".text"));
      col.classList.toggle("silent", marks.length > 0 && !has);
      col.classList.remove("picked");
      col.style.order = marks.length > 0 && !has ? "1" : "";
      var pick = story.querySelector('.pick[data-col="' + CSS.escape(col.getAttribute("data-article")) + '"]');
      if (pick) {
        pick.classList.toggle("has", marks.length > 0 && has);
        pick.classList.toggle("none", marks.length > 0 && !has);
      }
    });
    if (cols && marks.length) cols.scrollTo({ left: 0, behavior: behavior });
    // When the layout is stacked (narrow screens) the sources may be off screen.
    var aside = story.querySelector(".sources");
    if (aside && marks.length) {
      var r = aside.getBoundingClientRect();
      if (r.top > window.innerHeight || r.bottom < 0) aside.scrollIntoView({ behavior: behavior, block: "start" });
    }
  }

  function showFact(mark) {
    var story = mark.closest(".story");
    var tokens = (mark.getAttribute("data-fact") || "").split(" ");
    var facts = [];
    tokens.forEach(function (t) {
      if (t.indexOf(".") >= 0) return;
      var f = story.querySelector('.report [data-target="' + t + '"]');
      if (f) facts.push(f);
    });
    if (!facts.length) return;
    facts[0].scrollIntoView({ behavior: "smooth", block: "center" });
    facts.forEach(function (f) { flash(f, "flash-fact"); });
  }

  function showColumn(pick) {
    var story = pick.closest(".story");
    var col = story.querySelector('.col[data-article="' + CSS.escape(pick.getAttribute("data-col")) + '"]');
    var cols = story.querySelector(".cols");
    if (!col || !cols) return;
    story.querySelectorAll(".col.picked").forEach(function (c) { c.classList.remove("picked"); });
    col.classList.add("picked");
    cols.scrollTo({ left: col.offsetLeft, behavior: "smooth" });
  }

  document.addEventListener("click", function (event) {
    var pick = event.target.closest(".pick[data-col]");
    if (pick) {
      showColumn(pick);
      return;
    }
    var target = event.target.closest("[data-target]");
    if (target) {
      showEvidence(target.getAttribute("data-target"), target);
      return;
    }
    var mark = event.target.closest("mark[data-fact]");
    if (mark && !window.getSelection().toString()) showFact(mark);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    var target = event.target.closest(".fact[data-target]");
    if (!target || event.target.tagName === "BUTTON") return;
    event.preventDefault();
    showEvidence(target.getAttribute("data-target"), target);
  });

  // A link such as report.html#fact=s1f3 opens the page on that fact.
  var m = /^#fact=([\w.-]+)$/.exec(window.location.hash);
  if (m) {
    var el = document.querySelector('[data-target="' + m[1] + '"]');
    if (el) {
      el.scrollIntoView({ block: "center" });
      showEvidence(m[1], el, true);
    }
  }
})();
