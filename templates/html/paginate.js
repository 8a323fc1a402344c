/* Pagination of the page look: the flow is laid out once on the first sheet, clipped to the
   type area; every further sheet shows a copy of the flow moved up by whole pages. All heights
   are whole line pitches, so each cut falls between two lines. Copies are hidden from screen
   readers (aria-hidden, inert); without scripts the report shows as one long sheet. */
(function () {
  "use strict";
  function paginate() {
    var pages = document.querySelector(".look-page .pages");
    if (!pages) return 0;
    pages.querySelectorAll(".sheet.clone").forEach(function (s) { s.remove(); });
    pages.querySelectorAll(".page-fill").forEach(function (s) { s.remove(); });
    var first = pages.querySelector(".sheet");
    var area = first.querySelector(".type-area");
    var flow = area.querySelector(".flow");
    var style = getComputedStyle(document.body);
    var lines = parseInt(style.getPropertyValue("--lines"), 10) || 22;
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;line-height:var(--pitch);width:1px";
    probe.innerHTML = new Array(101).join("x<br>");
    flow.appendChild(probe);
    var pitch = probe.getBoundingClientRect().height / 100;
    probe.remove();
    var step = pitch * lines;
    document.documentElement.classList.add("paged");
    area.style.height = step + "px";
    // As in the DOCX: an own-line heading never ends a page; it moves down with its text.
    var top = flow.getBoundingClientRect().top;
    flow.querySelectorAll("h2, h3, h4, h5, h6").forEach(function (h) {
      var box = h.getBoundingClientRect();
      var last = Math.round((box.bottom - top) / pitch) - 1;
      if (last % lines === lines - 1 && h.nextElementSibling) {
        var fill = document.createElement("div");
        fill.className = "page-fill";
        fill.setAttribute("aria-hidden", "true");
        fill.style.height = pitch + "px";
        h.parentNode.insertBefore(fill, h);
      }
    });
    // The closing block (last body paragraph, attachment note, signature, date) never
    // breaks across pages: when it would, it starts on the next page.
    var keep = flow.querySelectorAll(".keep");
    if (keep.length) {
      var a = Math.round((keep[0].getBoundingClientRect().top - top) / pitch);
      var b = Math.round((keep[keep.length - 1].getBoundingClientRect().bottom - top) / pitch) - 1;
      if (Math.floor(a / lines) !== Math.floor(b / lines) && b - a < lines) {
        var hold = document.createElement("div");
        hold.className = "page-fill";
        hold.setAttribute("aria-hidden", "true");
        hold.style.height = (lines - (a % lines)) * pitch + "px";
        keep[0].parentNode.insertBefore(hold, keep[0]);
      }
    }
    // An attachment starts a page (GB/T 9704 8); the 版记 ends the last one, at its foot.
    function fillBefore(e, linesToFill) {
      if (linesToFill <= 0) return;
      var fill = document.createElement("div");
      fill.className = "page-fill";
      fill.setAttribute("aria-hidden", "true");
      fill.style.height = linesToFill * pitch + "px";
      e.parentNode.insertBefore(fill, e);
    }
    flow.querySelectorAll(".page-start, .page-foot").forEach(function (e) {
      var box = e.getBoundingClientRect();
      if (e.classList.contains("page-start")) {
        var at = Math.round((box.top - top) / pitch);
        fillBefore(e, at % lines ? lines - (at % lines) : 0);
      } else {
        var end = Math.round((box.bottom - top) / pitch) - 1;
        var height = Math.round(box.height / pitch);
        // Down to the page's last lines; a 版记 that does not fit goes to the next page's foot.
        fillBefore(e, height <= lines ? lines - 1 - (end % lines) : 0);
      }
    });
    var count = Math.max(1, Math.ceil((flow.getBoundingClientRect().height - 2) / step));
    for (var i = 1; i < count; i++) {
      var sheet = first.cloneNode(true);
      sheet.classList.add("clone");
      sheet.classList.remove("odd", "even");
      sheet.classList.add(i % 2 ? "even" : "odd");
      sheet.setAttribute("aria-hidden", "true");
      sheet.inert = true;
      sheet.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      var copy = sheet.querySelector(".flow");
      copy.classList.add("flow-shift");
      copy.style.transform = "translateY(" + (-i * step) + "px)";
      pages.appendChild(sheet);
    }
    var folio = flow.dataset.folio || "— {page} —";
    pages.querySelectorAll(".sheet").forEach(function (sheet, i) {
      sheet.querySelector(".folio").textContent = folio.replace("{page}", String(i + 1));
    });
    pages.dataset.pages = String(count);
    return count;
  }
  window.reportgenPaginate = paginate;
  paginate();
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(paginate);
})();
