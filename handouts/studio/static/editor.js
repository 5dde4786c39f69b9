// The sequence editor: the new sequence form on the sequences page, and on a sequence's page the editor panel
// beside the preview. Every change is sent at once to the studio (with the page's CSRF token and the digest of the
// file the panel shows); the answer is the panel as the file now is, or why nothing was saved. Holds are checked
// as they are typed, with the checker's own words. Steps move by drag and drop, or by the "Move up" and "Move
// down" buttons for anyone who does not drag. Written for the studio; no libraries needed.
(function () {
  "use strict";

  const meta = document.querySelector('meta[name="csrf-token"]');
  const token = meta ? meta.content : "";

  function post(url, fields) {
    const data = new URLSearchParams();
    for (const name of Object.keys(fields)) data.append(name, fields[name]);
    return fetch(url, {
      method: "POST",
      headers: { "X-CSRF-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
      body: data,
      cache: "no-store",
    });
  }

  // names folded as handouts/studio/library_view.py folds them (library.js does the same)
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}\u0900-\u097f]+/gu, " ").trim();
  }

  function matches(query, names) {
    const words = fold(query).split(" ").filter(Boolean);
    if (!words.length) return true;
    return words.every(function (word) { return names.indexOf(word) !== -1; }) ||
      names.replace(/ /g, "").indexOf(words.join("")) !== -1;
  }

  // -- the sequences page: a new sequence

  const newForm = document.getElementById("new-form");
  if (newForm) {
    fetch("/editor/poses.json", { cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.json() : []; })
      .then(function (poses) {
        const list = document.getElementById("new-poses");
        for (const pose of poses) {
          const option = document.createElement("option");
          option.value = pose.name;
          list.appendChild(option);
        }
        firstPoses = poses;
        showFirstPoses();
      })
      .catch(function () {});

    // the first pose, chosen by its figure as in "Add a step": the poses that have the typed name, a dozen at most
    let firstPoses = [];
    const firstBox = document.getElementById("new-first");
    const firstId = document.getElementById("new-first-id");
    const SHOWN = 12;
    function showFirstPoses() {
      const picks = document.getElementById("new-first-picks");
      const count = document.getElementById("new-first-count");
      if (!picks || !count) return;
      const typed = firstBox.value;
      const found = typed.trim() ? firstPoses.filter(function (pose) { return matches(typed, pose.names || ""); }) : [];
      picks.replaceChildren(...found.slice(0, SHOWN).map(function (pose) {
        const item = document.createElement("li");
        item.className = "pick-pose";
        item.dataset.pose = pose.id;
        if (pose.figure) {
          const img = document.createElement("img");
          img.src = pose.figure; img.alt = ""; img.width = 96; img.height = 67;
          item.appendChild(img);
        }
        const name = document.createElement("span");
        name.className = "pose-name";
        name.textContent = pose.name;
        const choose = document.createElement("button");
        choose.type = "button";
        choose.className = "choose-first";
        choose.textContent = "Start with this";
        choose.setAttribute("aria-label", "Start with " + pose.name);
        choose.setAttribute("aria-pressed", String(firstId.value === pose.id));
        choose.addEventListener("click", function () {
          firstBox.value = pose.name;
          firstId.value = pose.id;
          showFirstPoses();
          count.textContent = "The sequence starts with " + pose.name + ".";
          document.getElementById("new-create").focus();
        });
        item.append(name, choose);
        return item;
      }));
      if (!typed.trim()) count.textContent = "Type a name: the poses that have it appear here with their figures.";
      else if (!found.length) count.textContent = "No pose of the library has that name: try another of its names.";
      else count.textContent = found.length + (found.length === 1 ? " pose has" : " poses have") + " that in their names" +
        (found.length > SHOWN ? " (the first " + SHOWN + " shown: type more of the name)" : "") + ".";
    }
    firstBox.addEventListener("input", function () { firstId.value = ""; showFirstPoses(); });

    newForm.addEventListener("submit", function (event) {
      event.preventDefault();
      for (const error of newForm.querySelectorAll(".field-error")) error.textContent = "";
      for (const field of newForm.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
      const button = document.getElementById("new-create");
      button.disabled = true;
      const other = document.getElementById("new-error-other");
      const busy = document.getElementById("new-busy");
      other.textContent = "";
      busy.textContent = "Creating the sequence and its first pages …";
      post("/sequences/new", Object.fromEntries(new FormData(newForm)))
        .then(function (answer) {
          return answer.json().catch(function () { return { ok: false, fields: {}, problems: ["The studio said no."] }; });
        })
        .then(function (answer) {
          if (answer.ok) { // its page, at once; and a link, should the browser not follow
            const link = document.createElement("a");
            link.href = answer.address;
            link.textContent = "open it";
            busy.replaceChildren("Created. Opening it … (or ", link, ")");
            window.location.assign(answer.address);
            return;
          }
          busy.textContent = "";
          button.disabled = false;
          other.textContent = (answer.problems || []).join(" ");
          let first = null;
          for (const name of Object.keys(answer.fields || {})) {
            const shown = document.getElementById("new-error-" + name) || other;
            shown.textContent = answer.fields[name];
            const field = newForm.querySelector('[name="' + name + '"]');
            if (field) {
              field.setAttribute("aria-invalid", "true");
              first = first || field;
            }
          }
          if (first) first.focus();
        })
        .catch(function () {
          button.disabled = false;
          busy.textContent = "";
          other.textContent = "The studio did not answer: is it still running?";
        });
    });
  }

  // -- a sequence's page: the editor panel

  const holder = document.getElementById("editor-holder");
  if (!holder) return;
  const base = "/sequences/" + encodeURIComponent(document.body.dataset.slug);

  function panel() { return document.getElementById("editor"); }
  function digest() { const shown = panel(); return shown ? shown.dataset.digest : ""; }
  function say(text, kind) { // kind: "done" (green), "error" (red) or "said" (plain, as "Saving …")
    const status = document.getElementById("editor-status");
    if (!status) return;
    status.textContent = text;
    status.className = kind || "said";
  }

  function seriesChoices() { // "Add it": at the end, or at the end of a series of the panel
    const into = document.getElementById("pick-into");
    const choices = document.getElementById("series-choices");
    if (!into || !choices) return;
    const kept = into.value;
    into.replaceChildren(...Array.from(choices.options).map(function (option) { return option.cloneNode(true); }));
    into.value = Array.from(into.options).some(function (o) { return o.value === kept; }) ? kept : "";
  }

  function fieldsOf(root) { // the panel's boxes by id: what the user can type into or choose
    return Array.from(root.querySelectorAll("input[id], textarea[id], select[id]")).filter(function (field) {
      return field.type !== "file" && field.type !== "hidden";
    });
  }

  function valueOf(field) { return field.type === "checkbox" ? String(field.checked) : field.value; }

  function snapshot() { // the boxes' values as a save is sent: a box that differs from it at the answer was typed in
    const values = new Map();
    const shown = panel();
    if (shown) for (const field of fieldsOf(shown)) values.set(field.id, valueOf(field));
    return values;
  }

  function keepTyping(old, fresh, before) {
    // Never lose typing: a box the user is in and has changed, or has changed since the save was sent, keeps what
    // it holds in the new panel. A box already left was sent by its change event (queued after this save); the
    // box still in use is marked, so that leaving it saves it even with no more typing.
    const active = document.activeElement;
    for (const field of fieldsOf(old)) {
      const now = valueOf(field);
      const typedHere = field === active && field.type !== "checkbox" && now !== field.defaultValue;
      const typedSince = before.has(field.id) && before.get(field.id) !== now;
      if (!typedHere && !typedSince) continue;
      const twin = fresh.querySelector("#" + CSS.escape(field.id));
      if (!twin || twin.tagName !== field.tagName || valueOf(twin) === now) continue;
      if (field.type === "checkbox") twin.checked = field.checked; else twin.value = now;
      if (field === active) {
        twin.dataset.unsaved = "yes";
        try { twin.dataset.caret = field.selectionStart + "," + field.selectionEnd; } catch (e) { /* a select */ }
      }
    }
  }

  function swap(html, focusId, before) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const fresh = template.content.querySelector("#editor");
    const old = panel();
    if (!fresh || !old) return;
    const active = document.activeElement;
    const activeId = active && old.contains(active) ? active.id : "";
    keepTyping(old, fresh, before || new Map());
    const open = Array.from(old.querySelectorAll("details[open]")).map(function (d) { return d.id; });
    for (const id of open) {
      const details = fresh.querySelector("#" + CSS.escape(id));
      if (details && !fresh.querySelector("#conflict")) details.open = true;
    }
    old.replaceWith(fresh);
    seriesChoices();
    let target = focusId ? document.getElementById(focusId) : null;
    if (target && target.disabled) { // at the top or the end: the step's other Move button
      const other = /^up-/.test(focusId) ? focusId.replace(/^up-/, "down-") : focusId.replace(/^down-/, "up-");
      target = document.getElementById(other);
    }
    if (!target && activeId) target = document.getElementById(activeId);
    const alert = fresh.querySelector("#conflict, #refused");
    if (alert) alert.scrollIntoView({ block: "nearest" });
    const apply = fresh.querySelector("#apply-mine"); // after a conflict: the one click that saves the change again
    if (apply) target = apply;
    if (!target && activeId) target = document.getElementById("steps-title"); // its step removed: back to the list
    if (target && !target.disabled) {
      target.focus();
      if (target.dataset.caret) {
        const [start, end] = target.dataset.caret.split(",").map(Number);
        try { target.setSelectionRange(start, end); } catch (e) { /* not a text box */ }
      }
    }
    for (const field of fresh.querySelectorAll("[data-caret]")) delete field.dataset.caret;
  }

  let chain = Promise.resolve();

  function send(fields, focusId) { // one change at a time, each with the digest the latest answer gave
    chain = chain.then(function () {
      fields.digest = digest();
      say("Saving …", "said");
      const before = snapshot();
      return post(base + "/edit", fields)
        .then(function (answer) {
          return answer.text().then(function (text) {
            if (answer.ok || answer.status === 409 || answer.status === 422) swap(text, focusId, before);
            else say("Not saved: " + text.replace(/^\d+: /, ""), "error");
          });
        })
        .catch(function () { say("Not saved: the studio did not answer. Is it still running?", "error"); });
    });
    return chain;
  }

  function load() {
    fetch(holder.dataset.src, { cache: "no-store" })
      .then(function (answer) { return answer.text(); })
      .then(function (html) {
        holder.innerHTML = html;
        seriesChoices();
        filterPicker();
      })
      .catch(function () { holder.textContent = "The editor could not be opened: reload the page."; });
  }

  // -- holds, checked as they are typed

  const checks = new WeakMap(); // input -> its latest check (a promise of true when the hold reads)

  function showHold(input, ok, message, hint) {
    const shown = document.getElementById(input.getAttribute("aria-describedby"));
    if (shown) shown.textContent = ok ? "" : message + (hint ? " — " + hint : "");
    if (ok) input.removeAttribute("aria-invalid"); else input.setAttribute("aria-invalid", "true");
    const form = input.form;
    if (form) {
      const bad = form.querySelector('input.hold[aria-invalid="true"]');
      for (const button of form.querySelectorAll('button[type="submit"]')) button.disabled = Boolean(bad);
    }
  }

  function checkHold(input) {
    const value = input.value;
    const check = post(base + "/hold", { hold: value })
      .then(function (answer) { return answer.ok ? answer.json() : { ok: true }; })
      .then(function (answer) {
        if (input.value === value) showHold(input, answer.ok, answer.message, answer.hint);
        return answer.ok;
      })
      .catch(function () { return true; }); // the save itself checks again
    checks.set(input, check);
    return check;
  }

  const timers = new WeakMap();
  holder.addEventListener("input", function (event) {
    const input = event.target;
    if (input.matches && input.matches("input.hold")) {
      clearTimeout(timers.get(input));
      timers.set(input, setTimeout(function () { checkHold(input); }, 150));
    }
    if (input.id === "pick-search") filterPicker();
  });

  // -- changes: forms sent when a field changes or the form is sent, buttons at once

  function formFields(form) {
    const fields = Object.fromEntries(new FormData(form));
    fields.action = form.dataset.action;
    if (form.dataset.path) fields.path = form.dataset.path;
    return fields;
  }

  function submitForm(form) {
    const holds = Array.from(form.querySelectorAll("input.hold"));
    Promise.all(holds.map(function (input) { return checkHold(input); })).then(function (oks) {
      if (oks.some(function (ok) { return !ok; })) {
        say("Not saved: the hold is not one handouts can read (see below it).", "error");
        return;
      }
      const fields = formFields(form);
      const action = form.dataset.action;
      if (action === "own") fields.into = (document.getElementById("pick-into") || {}).value || "";
      if (action === "group") {
        const ticked = Array.from(panel().querySelectorAll("input.pick:checked")).map(function (box) {
          return parseInt(box.value, 10);
        }).sort(function (a, b) { return a - b; });
        const message = document.getElementById("group-message");
        const together = ticked.every(function (n, i) { return i === 0 || n === ticked[i - 1] + 1; });
        if (!ticked.length || !together) {
          message.textContent = ticked.length ? "Tick steps that follow each other." : "Tick the steps first.";
          return;
        }
        fields.first = String(ticked[0]);
        fields.count = String(ticked.length);
      }
      if (action === "own") {
        send(fields, "own-name").then(function () {
          if (!panel().querySelector("#refused")) form.reset();
        });
        return;
      }
      send(fields, null);
    });
  }

  holder.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.dataset || !form.dataset.action) return;
    event.preventDefault();
    submitForm(form);
  });

  function sendPhoto(input) { // a step's photo: copied into images/ (uploads.py), then named in the step
    const file = input.files[0];
    const said = document.getElementById(input.getAttribute("aria-describedby"));
    if (!file) return;
    said.textContent = "Copying " + file.name + " into images/ …";
    fetch("/pictures?name=" + encodeURIComponent(file.name), {
      method: "POST",
      headers: { "X-CSRF-Token": token, "Content-Type": "application/octet-stream" },
      body: file,
    })
      .then(function (answer) { return answer.json(); })
      .then(function (answer) {
        if (!answer.name) {
          said.textContent = (answer.error || "The picture was not taken.") + (answer.hint ? ": " + answer.hint : "");
          return;
        }
        const field = document.getElementById(input.dataset.for);
        field.value = answer.name;
        submitForm(field.form);
      })
      .catch(function () { said.textContent = "The studio did not answer: is it still running?"; });
  }

  holder.addEventListener("focusout", function (event) { // a box kept through a redraw, left with no more typing
    const field = event.target;
    if (!field.dataset || !field.dataset.unsaved) return;
    delete field.dataset.unsaved;
    const form = field.form;
    if (form && (form.classList.contains("step-form") || form.classList.contains("fields-form"))) submitForm(form);
  });

  holder.addEventListener("change", function (event) {
    const field = event.target;
    if (field.dataset) delete field.dataset.unsaved; // saved by this change, not again when it is left
    if (field.id === "pick-position") { filterPicker(); return; }
    if (field.classList.contains("photo-file")) { sendPhoto(field); return; }
    const form = field.form;
    if (form && (form.classList.contains("step-form") || form.classList.contains("fields-form"))) submitForm(form);
  });

  holder.addEventListener("click", function (event) {
    const apply = event.target.closest ? event.target.closest("#apply-mine") : null;
    if (apply) { // the change that met a conflict, still in its form: sent again, onto the file as it is now
      const holderOf = document.getElementById(apply.dataset.form);
      const form = holderOf ? holderOf.querySelector("form") : null;
      if (form) submitForm(form);
      return;
    }
    const button = event.target.closest ? event.target.closest("button[data-action]") : null;
    if (!button || button.disabled || !holder.contains(button)) return;
    const action = button.dataset.action;
    const fields = { action: action };
    if (button.dataset.path) fields.path = button.dataset.path;
    let focusId = null;
    if (action === "move") {
      fields.to = button.dataset.to;
      focusId = button.id.split("-")[0] + "-" + fields.to.replace(".", "-");
    }
    if (action === "add") {
      fields.pose = button.dataset.pose;
      fields.into = (document.getElementById("pick-into") || {}).value || "";
      focusId = button.id || null;
    }
    if (action === "undo") focusId = "undo";
    send(fields, focusId);
  });

  // -- drag and drop: a step dropped on another takes its place

  let dragged = null;
  holder.addEventListener("dragstart", function (event) {
    const entry = event.target.closest && event.target.closest("li.entry");
    if (!entry) return;
    dragged = entry.dataset.path;
    event.dataTransfer.setData("text/plain", dragged);
    event.dataTransfer.effectAllowed = "move";
    entry.classList.add("dragging");
  });
  holder.addEventListener("dragend", function () {
    dragged = null;
    for (const entry of holder.querySelectorAll(".dragging, .drop-here")) entry.classList.remove("dragging", "drop-here");
  });
  holder.addEventListener("dragover", function (event) {
    const entry = event.target.closest && event.target.closest("li.entry");
    if (!entry || dragged === null || entry.dataset.path === dragged) return;
    event.preventDefault();
    event.stopPropagation();
    for (const other of holder.querySelectorAll(".drop-here")) if (other !== entry) other.classList.remove("drop-here");
    entry.classList.add("drop-here");
  });
  holder.addEventListener("drop", function (event) {
    const entry = event.target.closest && event.target.closest("li.entry");
    if (!entry || dragged === null) return;
    event.preventDefault();
    const from = dragged.split(".").map(Number);
    const to = entry.dataset.path.split(".").map(Number);
    dragged = null;
    if (from.join(".") === to.join(".")) return;
    if (from.length === 1 && to.length === 2 && from[0] < to[0]) to[0] -= 1; // the series moves up once it is out
    if (from.length === 1 && to.length === 2 && from[0] === to[0]) return; // a series into itself
    send({ action: "move", path: from.join("."), to: to.join(".") }, null);
  });

  // -- the pose picker

  function filterPicker() {
    const search = document.getElementById("pick-search");
    const position = document.getElementById("pick-position");
    if (!search || !position) return;
    let count = 0;
    for (const pose of holder.querySelectorAll("li.pick-pose")) {
      const on = matches(search.value, pose.dataset.names || "") &&
        (!position.value || pose.dataset.position === position.value);
      pose.hidden = !on;
      if (on) count += 1;
    }
    const shown = document.getElementById("pick-count");
    if (shown) shown.textContent = count ? count + (count === 1 ? " pose" : " poses") : "No pose has that name here.";
  }

  load();
})();
