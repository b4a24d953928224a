// The dossier page's evidence panel: a click on anything with data-ev shows the report sentences
// it rests on, highlighted. Report text is set with textContent only: nothing from a report runs.
"use strict";
(function () {
  const dataNode = document.getElementById("page-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const body = document.getElementById("evidence-body");
  const hint = document.getElementById("evidence-hint");
  let selected = null;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // marks are [start, end) in code points (Python's offsets): index the text by code point
  function highlighted(text, ranges) {
    const chars = Array.from(text);
    const sorted = ranges.filter((r) => r[1] > r[0]).sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    const box = element("div", "report-text");
    let at = 0;
    for (const [start, end] of merged) {
      if (start > at) box.appendChild(document.createTextNode(chars.slice(at, start).join("")));
      box.appendChild(element("mark", null, chars.slice(start, end).join("")));
      at = end;
    }
    if (at < chars.length) box.appendChild(document.createTextNode(chars.slice(at).join("")));
    return box;
  }

  function show(key, source) {
    const marks = (data.evidence || {})[key];
    if (!marks || !body) return;
    if (selected) selected.classList.remove("selected");
    selected = source;
    if (source) source.classList.add("selected");
    const byDoc = new Map();
    for (const [docId, start, end] of marks) {
      if (!byDoc.has(docId)) byDoc.set(docId, []);
      byDoc.get(docId).push([start, end]);
    }
    body.replaceChildren();
    if (hint) hint.hidden = true;
    if (byDoc.size === 0) {
      body.appendChild(element("p", "none", "No sentence recorded for this."));
      return;
    }
    for (const [docId, ranges] of byDoc) {
      const doc = data.documents[docId];
      if (!doc) continue;
      const section = element("section", "evidence-doc");
      section.dataset.doc = docId;
      section.appendChild(element("h3", null, doc.label));
      const meta = element("p", "meta", doc.outlet + ", " + doc.published + " ");
      // the server sends only http(s) URLs here; checked again so that no other scheme becomes a link
      if (doc.url && /^https?:\/\//i.test(doc.url)) {
        const link = element("a", "original", "original");
        link.href = doc.url;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        meta.appendChild(link);
      }
      section.appendChild(meta);
      section.appendChild(highlighted(doc.text, ranges));
      if (doc.truncated) section.appendChild(element("p", "note", "The report is longer; the page shows its beginning."));
      body.appendChild(section);
    }
    // scroll the panel, not the page, to the first mark (in the one-column layout, the page)
    const aside = document.getElementById("evidence");
    const first = body.querySelector("mark");
    if (aside && aside.scrollHeight > aside.clientHeight + 1) {
      aside.scrollTop = first
        ? first.getBoundingClientRect().top - aside.getBoundingClientRect().top + aside.scrollTop - aside.clientHeight / 3
        : 0;
    } else if (first) {
      first.scrollIntoView({ block: "center" });
    }
  }

  function activate(event) {
    const target = event.target instanceof Element ? event.target.closest("[data-ev]") : null;
    if (!target) return;
    show(target.getAttribute("data-ev"), target);
  }

  document.addEventListener("click", activate);
  document.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target instanceof Element
        && event.target.matches("tr[data-ev], circle[data-ev]")) {
      event.preventDefault();
      activate(event);
    }
  });
  window.triangulateShow = show;
})();
