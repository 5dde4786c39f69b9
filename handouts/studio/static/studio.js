// The studio's pages, kept live: product tabs and zoom on a sequence's page, and after every rebuild (the server's
// /events) the new page images, the errors and warnings, and the sequences list, all without reloading the page,
// so the tab, the zoom and the scroll position stay as they were. Written for the studio; no libraries needed.
(function () {
  "use strict";

  const body = document.body;
  const page = body.dataset.page;
  if (page !== "sequence" && page !== "sequences") return;

  // -- a sequence's page: tabs and zoom

  function imageSource(slug, product, number, version, scale) {
    return "/sequences/" + encodeURIComponent(slug) + "/" + product + "/" + number + ".png?v=" + version +
      "&scale=" + scale;
  }

  function remember(name, value) {
    const address = new URL(window.location.href);
    address.searchParams.set(name, value);
    history.replaceState(null, "", address.pathname + address.search + address.hash);
    const field = document.querySelector('form.controls input[type="hidden"][name="' + name + '"]');
    if (field) field.value = value;
  }

  function currentScale() {
    const pressed = document.querySelector('button[data-zoom][aria-pressed="true"]');
    return pressed ? pressed.dataset.scale : "2";
  }

  function showProduct(name) {
    for (const tab of document.querySelectorAll("button[data-product-tab]")) {
      tab.setAttribute("aria-selected", tab.dataset.productTab === name ? "true" : "false");
    }
    for (const section of document.querySelectorAll("section.product")) {
      section.hidden = section.dataset.product !== name;
    }
    remember("product", name);
  }

  function sizeImage(img, scale) {
    img.width = Math.round(parseFloat(img.dataset.w) * parseFloat(scale));
    img.height = Math.round(parseFloat(img.dataset.h) * parseFloat(scale));
  }

  function setZoom(button) {
    for (const other of document.querySelectorAll("button[data-zoom]")) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    }
    const products = document.getElementById("products");
    products.className = "products zoom-" + button.dataset.zoom;
    const scale = button.dataset.scale;
    for (const img of document.querySelectorAll("img.page")) {
      sizeImage(img, scale);
      img.src = imageSource(body.dataset.slug, img.dataset.product, img.dataset.page, body.dataset.version, scale);
    }
    remember("zoom", button.dataset.zoom);
  }

  if (page === "sequence") {
    for (const tab of document.querySelectorAll("button[data-product-tab]")) {
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        showProduct(tab.dataset.productTab);
      });
    }
    const tabs = Array.from(document.querySelectorAll("button[data-product-tab]"));
    for (const tab of tabs) { // the arrow keys move between the tabs, as in any tab list
      tab.addEventListener("keydown", function (event) {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        event.preventDefault();
        const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
        next.focus();
        showProduct(next.dataset.productTab);
      });
    }
    for (const button of document.querySelectorAll("button[data-zoom]")) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        setZoom(button);
      });
    }
  }

  // -- after a rebuild: a sequence's page

  let asked = 0; // the latest refresh asked for; an older answer arriving late is dropped

  function swapWhenLoaded(img, source, visible) {
    if (!visible) {
      img.src = source;
      return;
    }
    const next = new Image(); // load first, then swap: no blank image while the new one arrives
    next.onload = function () {
      if (img.dataset.wanted === source) img.src = source;
    };
    next.onerror = function () { // a page that is no longer there: the refresh removes it
      if (img.dataset.wanted === source) delete img.dataset.wanted;
    };
    img.dataset.wanted = source;
    next.src = source;
  }

  function updateProduct(section, sizes, version, scale) {
    const name = section.dataset.product;
    const label = section.dataset.label || name;
    const holder = section.querySelector(".pages");
    let images = Array.from(holder.querySelectorAll("img.page"));
    for (const extra of images.slice(sizes.length)) extra.remove();
    for (const note of holder.querySelectorAll(".not-built")) {
      if (sizes.length) note.remove();
    }
    sizes.forEach(function (size, index) {
      const number = index + 1;
      let img = images[index];
      if (!img) {
        img = document.createElement("img");
        img.className = "page";
        img.dataset.product = name;
        img.dataset.page = String(number);
        img.alt = label + ", page " + number;
        img.loading = "lazy";
        holder.appendChild(img);
      }
      img.dataset.w = String(size[0]);
      img.dataset.h = String(size[1]);
      sizeImage(img, scale);
      const source = imageSource(body.dataset.slug, name, number, version, scale);
      if (img.getAttribute("src") !== source && img.dataset.wanted !== source) {
        swapWhenLoaded(img, source, !section.hidden && img.getAttribute("src") !== null);
      }
    });
    const line = section.querySelector(".download-line");
    if (line && sizes.length && !line.querySelector("a.download")) { // built for the first time
      const link = document.createElement("a");
      link.className = "download";
      link.dataset.product = name;
      link.href = "/sequences/" + encodeURIComponent(body.dataset.slug) + "/" + name + ".pdf";
      link.setAttribute("download", "");
      link.textContent = "Download the " + label.toLowerCase() + " (PDF)";
      const count = document.createElement("span");
      count.className = "count";
      line.replaceChildren(link, " ", count);
    }
    if (line && !sizes.length) line.replaceChildren();
    if (!sizes.length && !holder.querySelector(".not-built")) {
      const note = document.createElement("p");
      note.className = "not-built";
      note.textContent = "This sequence has no " + label.toLowerCase() + " yet.";
      holder.appendChild(note);
    }
    const count = section.querySelector(".count");
    if (count) count.textContent = sizes.length + (sizes.length === 1 ? " page" : " pages");
  }

  function showVersion(version) {
    // the pages in view asked for at once, while the refresh below reads what else changed (page count, sizes);
    // the body says the new version from now on, before any of its images arrives
    body.dataset.version = String(version);
    const scale = currentScale();
    for (const img of document.querySelectorAll("section.product:not([hidden]) img.page[src]")) {
      const source = imageSource(body.dataset.slug, img.dataset.product, img.dataset.page, version, scale);
      if (img.getAttribute("src") !== source && img.dataset.wanted !== source) swapWhenLoaded(img, source, true);
    }
  }

  function gone() {
    const problems = document.getElementById("problems");
    if (!problems) return;
    const note = document.createElement("p");
    note.className = "stale";
    note.textContent = "This sequence's file is no longer in the workspace: the pages below are the last ones " +
      "built. Put the file back, or go back to the list of sequences.";
    problems.replaceChildren(note);
  }

  function refreshSequence() {
    const mine = ++asked;
    fetch("/sequences/" + encodeURIComponent(body.dataset.slug) + "/live", { cache: "no-store" })
      .then(function (answer) {
        if (answer.status === 404 && mine === asked) gone();
        return answer.ok ? answer.json() : null;
      })
      .then(function (live) {
        if (!live || mine !== asked) return;
        const problems = document.getElementById("problems");
        if (problems) problems.outerHTML = live.problems;
        const heading = document.getElementById("heading");
        if (heading) heading.outerHTML = live.heading;
        const title = document.querySelector("#heading h1");
        if (title) document.title = title.textContent + " · handouts studio";
        const scale = currentScale();
        for (const section of document.querySelectorAll("section.product")) {
          updateProduct(section, live.products[section.dataset.product] || [], live.version, scale);
        }
        body.dataset.version = String(live.version);
      })
      .catch(function () { /* the server is restarting: the next event tries again */ });
  }

  // -- after a rebuild: the sequences list

  function refreshList() {
    const mine = ++asked;
    fetch("/", { cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        if (html === null || mine !== asked) return;
        const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        const main = document.querySelector("main");
        if (fresh && main) main.replaceWith(fresh);
      })
      .catch(function () {});
  }

  if (!window.EventSource) return;
  const events = new EventSource("/events");
  let lost = false;
  events.onerror = function () { lost = true; };
  events.onopen = function () {
    if (lost) { // back after the server restarted: catch up with whatever changed meanwhile
      lost = false;
      if (page === "sequence") refreshSequence(); else refreshList();
    }
  };
  events.onmessage = function (event) {
    let data;
    try { data = JSON.parse(event.data); } catch (error) { return; }
    if (page === "sequence" && data.slug === body.dataset.slug) {
      if (data.ok && String(data.version) !== body.dataset.version) showVersion(data.version);
      refreshSequence();
    }
    if (page === "sequences") refreshList();
  };
})();
